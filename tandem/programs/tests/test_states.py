"""States: only the moves that make sense, and recruitment opens only when the checklist allows."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import EN, SV
from tandem.programs import states
from tandem.programs.models import Program
from tandem.programs.services import ProgramError, change_state
from tandem.programs.tests.helpers import overview_url

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 1, 15, 9, 0, tzinfo=UTC)
S = Program.State

ALLOWED = [
    (S.DRAFT, S.RECRUITING),
    (S.RECRUITING, S.DRAFT),
    (S.RECRUITING, S.MATCHING),
    (S.MATCHING, S.RECRUITING),
    (S.MATCHING, S.RUNNING),
    (S.RUNNING, S.CLOSED),
    (S.CLOSED, S.EVALUATED),
]


def test_the_table_holds_exactly_the_allowed_moves():
    table = {(before, after) for before, targets in states.TRANSITIONS.items() for after in targets}
    assert table == set(ALLOWED)


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_every_allowed_move_is_made_and_audited(ready_program, coordinator, before, after):
    Program.objects.filter(pk=ready_program.pk).update(state=before)
    ready_program.refresh_from_db()

    change_state(ready_program, after, by=coordinator, now=NOW)

    ready_program.refresh_from_db()
    assert ready_program.state == after
    event = AuditEvent.objects.get(action="program.state_changed")
    assert event.data == {"from": before, "to": after}
    assert event.actor == coordinator
    assert event.created_at == NOW


@pytest.mark.parametrize(
    ("before", "after"),
    [(S.DRAFT, S.RUNNING), (S.EVALUATED, S.DRAFT), (S.CLOSED, S.RUNNING), (S.DRAFT, "nonsense")],
)
def test_a_disallowed_move_is_refused_with_a_clear_error(ready_program, coordinator, before, after):
    Program.objects.filter(pk=ready_program.pk).update(state=before)
    ready_program.refresh_from_db()
    # In English whatever language an earlier test's request left active (the message is read when raised).
    with translation.override("en"), pytest.raises(ProgramError, match="cannot go from"):
        change_state(ready_program, after, by=coordinator, now=NOW)
    ready_program.refresh_from_db()
    assert ready_program.state == before
    assert not AuditEvent.objects.filter(action="program.state_changed").exists()


def test_recruitment_does_not_open_while_the_checklist_blocks(program, coordinator):
    with pytest.raises(ProgramError, match="checklist"):
        change_state(program, S.RECRUITING, by=coordinator, now=NOW)
    program.refresh_from_db()
    assert program.state == S.DRAFT


def test_the_overview_offers_only_the_allowed_moves(client, ready_program, coordinator):
    Program.objects.filter(pk=ready_program.pk).update(state=S.RECRUITING)
    client.force_login(coordinator)
    html = client.get(overview_url(ready_program), **EN).content.decode()
    assert "Close recruitment and start matching" in html
    assert "Pause recruitment" in html
    assert "Open recruitment" not in html
    assert "Start the program" not in html


def test_the_overview_hides_open_recruitment_while_blocked(client, program, coordinator):
    client.force_login(coordinator)
    html = client.get(overview_url(program), **EN).content.decode()
    assert "Open recruitment" not in html
    assert "Recruitment can open when nothing is missing" in html


def test_the_viewer_sees_no_buttons(client, ready_program, viewer):
    client.force_login(viewer)
    html = client.get(overview_url(ready_program), **EN).content.decode()
    assert "Open recruitment" not in html
    assert "Make a copy" not in html


def test_opening_recruitment_asks_first_then_opens(client, ready_program, coordinator):
    client.force_login(coordinator)
    url = reverse("programs:change_state", kwargs={"pk": ready_program.pk})

    response = client.post(url, {"to": "recruiting"}, **EN)
    assert response.status_code == 200
    assert "Open recruitment?" in response.content.decode()
    ready_program.refresh_from_db()
    assert ready_program.state == S.DRAFT

    response = client.post(url, {"to": "recruiting", "confirmed": "yes"}, **EN)
    assert response.status_code == 302
    ready_program.refresh_from_db()
    assert ready_program.state == S.RECRUITING


def test_a_blocked_opening_tells_why_in_swedish(client, program, coordinator):
    client.force_login(coordinator)
    url = reverse("programs:change_state", kwargs={"pk": program.pk})
    response = client.post(url, {"to": "recruiting", "confirmed": "yes"}, follow=True, **SV)
    assert "Rekryteringen kan inte öppnas än" in response.content.decode()
    program.refresh_from_db()
    assert program.state == S.DRAFT


def test_a_disallowed_move_through_the_view_changes_nothing(client, program, coordinator):
    client.force_login(coordinator)
    url = reverse("programs:change_state", kwargs={"pk": program.pk})
    response = client.post(url, {"to": "evaluated", "confirmed": "yes"}, follow=True, **EN)
    assert "not possible from here" in response.content.decode()
    program.refresh_from_db()
    assert program.state == S.DRAFT


def test_state_change_requires_post(client, program, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("programs:change_state", kwargs={"pk": program.pk})).status_code == 405


def test_a_viewers_state_change_is_forbidden(client, ready_program, viewer):
    client.force_login(viewer)
    url = reverse("programs:change_state", kwargs={"pk": ready_program.pk})
    assert client.post(url, {"to": "recruiting", "confirmed": "yes"}).status_code == 403
    ready_program.refresh_from_db()
    assert ready_program.state == S.DRAFT
