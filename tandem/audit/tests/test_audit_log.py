"""Issue 12, "Audit you can read": staff views of personal data are logged (one event a page, the people
as subjects), organisation admins search the log by who, whom, what and when, the breach report says who
saw a person between two dates (printable and as an audited spreadsheet), and the log is kept for
AUDIT_RETENTION_DAYS."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tandem.audit.models import AuditEvent, AuditSubject
from tandem.audit.services import log_action, purge_old_events
from tandem.audit.tasks import purge_old_audit_events
from tandem.factories import ApplicationFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def amira(program):
    return ApplicationFactory(
        program=program, first_name="Amira", last_name="Haddad", email="amira@example.org"
    )


@pytest.fixture
def others(program):
    return ApplicationFactory.create_batch(3, program=program)


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def test_the_queue_with_names_is_one_event_with_the_page_s_people_as_subjects(
    client, coordinator, program, amira, others
):
    client.force_login(coordinator)
    assert client.get(reverse("screening:queue", kwargs={"pk": program.pk})).status_code == 200

    [event] = _events("screening.queue_viewed")
    assert event.actor == coordinator and event.organisation == program.organisation
    shown = set(AuditSubject.objects.filter(event=event).values_list("object_id", flat=True))
    assert shown == {amira.pk, *(a.pk for a in others)}


def test_a_viewer_sees_no_names_in_the_queue_so_nothing_is_logged(client, viewer, program, amira):
    client.force_login(viewer)
    assert client.get(reverse("screening:queue", kwargs={"pk": program.pk})).status_code == 200
    assert not _events("screening.queue_viewed")


def test_the_outbox_list_and_a_message_are_logged(client, admin, program):
    from tandem.outbox.models import OutboxMessage

    message = OutboxMessage.objects.create(
        organisation=program.organisation,
        program=program,
        from_email="tandem@example.org",
        to=["amira@example.org"],
        subject="Välkommen",
        body_text="Hej",
        message_id=OutboxMessage.new_message_id(),
    )
    client.force_login(admin)
    client.get(reverse("outbox:list"))
    client.get(reverse("outbox:detail", kwargs={"pk": message.pk}))

    [listed] = _events("outbox.list_viewed")
    assert list(listed.subjects.values_list("kind", "object_id")) == [("outbox_message", message.pk)]
    [opened] = _events("outbox.message_viewed")
    assert opened.target_id == str(message.pk)


# --- The search page ------------------------------------------------------------------------------


def _search(client, org, **params):
    return client.get(reverse("audit:search", kwargs={"pk": org.pk}), params, **EN)


def test_an_admin_finds_who_opened_a_person_s_record_by_name_e_mail_or_reference(
    client, admin, coordinator, org, program, amira, others
):
    log_action("application.viewed", actor=coordinator, program=program, target=amira)
    log_action("application.viewed", actor=coordinator, program=program, target=others[0])
    client.force_login(admin)

    for whom in ("Amira Haddad", "amira@example.org", amira.reference, "haddad"):
        page = _search(client, org, whom=whom).content.decode()
        assert "Opened an applicant&#x27;s record" in page or "Opened an applicant's record" in page
        assert f"Amira Haddad ({amira.reference})" in page
        assert others[0].last_name not in page


def test_the_search_filters_by_staff_member_action_and_dates(
    client, admin, coordinator, viewer, org, program, amira
):
    with time_machine.travel(datetime(2026, 3, 1, 10, tzinfo=STOCKHOLM), tick=False):
        log_action("application.viewed", actor=coordinator, program=program, target=amira)
    with time_machine.travel(datetime(2026, 3, 5, 10, tzinfo=STOCKHOLM), tick=False):
        log_action("application.cv_downloaded", actor=viewer, program=program, target=amira)
    client.force_login(admin)

    def count(**params) -> int:
        return _search(client, org, **params).context["pages"].page.paginator.count

    assert count() == 2
    assert count(actor=coordinator.pk) == 1
    assert count(action="application.cv_downloaded") == 1
    assert count(since="2026-03-02", until="2026-03-05") == 1
    assert count(since="2026-03-01", until="2026-03-01") == 1
    assert count(whom="nobody-like-this") == 0


def test_an_admin_sees_only_their_organisation_s_events(client, admin, org, other_program, outsider):
    stranger = ApplicationFactory(program=other_program, first_name="Amira", last_name="Haddad")
    log_action("application.viewed", actor=outsider, program=other_program, target=stranger)
    client.force_login(admin)
    response = _search(client, org, whom="Amira")
    assert response.context["pages"].page.paginator.count == 0
    assert stranger.reference not in response.content.decode()


def test_a_coordinator_may_not_search_the_log_and_an_outsider_does_not_find_it(
    client, coordinator, outsider, org
):
    client.force_login(coordinator)
    assert _search(client, org).status_code == 403
    client.force_login(outsider)
    assert _search(client, org).status_code == 404


def test_a_bad_date_is_said_and_shows_nothing(client, admin, org, program, amira):
    log_action("application.viewed", actor=admin, program=program, target=amira)
    client.force_login(admin)
    response = _search(client, org, since="2026-13-45")
    assert response.status_code == 200
    assert response.context["form"].errors["since"]
    assert not response.context["rows"]


@pytest.mark.parametrize("events", [3, 60])
def test_the_search_takes_the_same_queries_for_3_and_for_60_events(
    client, admin, coordinator, org, program, amira, events, django_assert_max_num_queries
):
    for _ in range(events):
        log_action("application.viewed", actor=coordinator, program=program, target=amira)
    client.force_login(admin)
    # session, user, membership, the form's staff members and actions, the people "whom" names (3 kinds),
    # the count, the page, the applicants shown
    with django_assert_max_num_queries(11):
        response = _search(client, org, whom="Amira")
    assert len(response.context["rows"]) == min(events, 50)


# --- The breach report ----------------------------------------------------------------------------


def _report(client, org, name="report", **params):
    return client.get(reverse(f"audit:{name}", kwargs={"pk": org.pk}), params, **EN)


def test_the_breach_report_lists_who_saw_the_person_between_two_dates(
    client, admin, coordinator, partner_coordinator, org, program, amira, others
):
    with time_machine.travel(datetime(2026, 3, 1, 10, tzinfo=STOCKHOLM), tick=False):
        log_action("application.viewed", actor=coordinator, program=program, target=amira)
        log_action("application.viewed", actor=coordinator, program=program, target=amira)
    with time_machine.travel(datetime(2026, 3, 3, 10, tzinfo=STOCKHOLM), tick=False):
        from tandem.audit.services import log_view

        log_view(
            "screening.queue_viewed",
            actor=partner_coordinator,
            program=program,
            subjects={"application": [amira.pk, others[0].pk]},
        )
    with time_machine.travel(datetime(2026, 4, 1, 10, tzinfo=STOCKHOLM), tick=False):
        log_action("application.viewed", actor=admin, program=program, target=amira)  # after T2
    client.force_login(admin)

    response = _report(client, org, whom="amira@example.org", since="2026-03-01", until="2026-03-31")

    lookers = {looker.email: looker.events for looker in response.context["lookers"]}
    assert lookers == {coordinator.email: 2, partner_coordinator.email: 1}
    assert len(response.context["rows"]) == 3
    assert "Amira Haddad" in response.content.decode()
    [looked_up] = _events("audit.report_viewed")
    assert list(looked_up.subjects.values_list("object_id", flat=True)) == [amira.pk]


def test_the_breach_report_as_a_spreadsheet_is_itself_audited(
    client, admin, coordinator, org, program, amira
):
    log_action("application.viewed", actor=coordinator, program=program, target=amira)
    client.force_login(admin)
    today = datetime.now(STOCKHOLM).date().isoformat()

    response = _report(client, org, name="report_xlsx", whom="Amira Haddad", since="2026-01-01", until=today)

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    first = list(book.worksheets[0].iter_rows(values_only=True))
    assert any(row[:3] == (coordinator.full_name, coordinator.email, 1) for row in first)
    assert _events("audit.report_exported")[0].subjects.get().object_id == amira.pk


def test_the_report_needs_a_person_and_two_dates(client, admin, org):
    client.force_login(admin)
    response = _report(client, org, whom="Amira")
    assert "found" not in response.context
    assert response.context["form"].errors["since"]
    assert _report(client, org, name="report_xlsx", whom="Amira").status_code == 400


# --- Retention -------------------------------------------------------------------------------------


def test_events_are_kept_for_the_retention_period_then_deleted_with_their_subjects(
    settings, admin, program, amira
):
    settings.AUDIT_RETENTION_DAYS = 3 * 365
    start = datetime(2026, 1, 10, 12, tzinfo=STOCKHOLM)
    from tandem.audit.services import log_view

    with time_machine.travel(start, tick=False):
        log_view("screening.queue_viewed", actor=admin, program=program, subjects={"application": [amira.pk]})
    with time_machine.travel(start + timedelta(days=3 * 365 - 1), tick=False):
        purge_old_audit_events.call_local()
        assert AuditEvent.objects.count() == 1
    with time_machine.travel(start + timedelta(days=3 * 365, minutes=1), tick=False):
        purge_old_audit_events.call_local()
        assert AuditEvent.objects.count() == 0
        assert AuditSubject.objects.count() == 0


def test_purging_goes_in_batches(admin, program):
    old = datetime(2020, 1, 1, tzinfo=STOCKHOLM)
    for _ in range(7):
        log_action("program.created", actor=admin, program=program, now=old)
    assert purge_old_events(now=datetime(2026, 1, 1, tzinfo=STOCKHOLM), batch=3) == 7
