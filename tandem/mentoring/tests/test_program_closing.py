"""Closing a program says what happens to the pairs still active (issue 13, item 5): they end with the
program with a goodbye e-mail in each person's language, unless the coordinator keeps them going."""

from __future__ import annotations

from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.mentoring.models import Mentorship
from tandem.outbox.models import OutboxMessage


def close(client, program, **data):
    return client.post(reverse("programs:change_state", kwargs={"pk": program.pk}), {"to": "closed", **data})


def test_the_confirmation_page_lists_the_pairs_still_active(client, coordinator, program, mentorships):
    client.cookies["django_language"] = "en"
    client.force_login(coordinator)

    page = close(client, program).content.decode()

    assert "2 pairs are still active" in page
    assert (
        "Keep going: Amira Haddad with Eva Berg" in page and "Keep going: Bashir Rahimi with Johan Ek" in page
    )
    assert f'name="keep_pair" value="{mentorships["a"].pk}"' in page
    program.refresh_from_db()
    assert program.state == "running"  # asking changes nothing


def test_by_default_the_pairs_end_with_the_program_with_a_goodbye_in_each_persons_language(
    client, coordinator, program, mentorships
):
    client.force_login(coordinator)

    response = close(client, program, confirmed="yes")

    assert response.status_code == 302
    program.refresh_from_db()
    assert program.state == "closed"
    for mentorship in mentorships.values():
        mentorship.refresh_from_db()
        assert mentorship.status == Mentorship.Status.ENDED
        assert (mentorship.end_reason, mentorship.ended_by_side) == ("program_closed", "staff")
    goodbyes = {m.to[0]: m for m in OutboxMessage.objects.filter(kind="mentoring/emails/goodbye")}
    assert len(goodbyes) == 4
    amira = goodbyes["Amira.Haddad@Example.org"]
    assert '<html lang="ar"' in amira.body_html and "Eva" in amira.body_text
    assert "Bashir" in goodbyes[mentorships["b"].pair.mentor.email].body_text


def test_ticked_pairs_keep_going_and_only_the_others_end(client, coordinator, program, mentorships):
    client.force_login(coordinator)

    close(client, program, confirmed="yes", keep_pair=[str(mentorships["a"].pk)])

    mentorships["a"].refresh_from_db()
    mentorships["b"].refresh_from_db()
    assert mentorships["a"].status == Mentorship.Status.RUNNING
    assert mentorships["a"].pair.is_live
    assert mentorships["b"].status == Mentorship.Status.ENDED
    assert OutboxMessage.objects.filter(kind="mentoring/emails/goodbye").count() == 2
    event = AuditEvent.objects.get(action="program.closed_pairs")
    assert event.data == {"ended": [mentorships["b"].pk], "kept": [mentorships["a"].pk]}


def test_a_viewer_cannot_close_and_nothing_ends(client, viewer, program, mentorships):
    client.force_login(viewer)

    assert close(client, program, confirmed="yes").status_code == 403

    assert Mentorship.objects.filter(status=Mentorship.Status.RUNNING).count() == 2


def test_the_space_links_the_organisations_accessibility_statement(client, program, mentorships, amira):
    from tandem.mentoring.tests.people import sign_in

    sign_in(client, amira)

    page = client.get(reverse("space:pair", kwargs={"pk": mentorships["a"].pk})).content.decode()

    assert f'href="/accessibility/{program.organisation_id}/ar/"' in page
