"""The pages: the invitee's answer page by link, and the working group's meeting, edit and check-in pages."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.gatherings import services
from tandem.gatherings.models import Invitation
from tandem.gatherings.tests.helpers import a_meeting, invited

pytestmark = pytest.mark.django_db

AMIRA = "amira.haddad@example.org"


@pytest.fixture
def meeting(program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now, capacity=2)
    invited(gathering, now=now)
    return gathering


@pytest.fixture
def staff(client: Client, coordinator) -> Client:
    client.force_login(coordinator)
    return client


def rsvp(invitation: Invitation) -> str:
    return reverse("rsvp:answer", kwargs={"token": invitation.token})


def page(program, name: str, gathering, **extra) -> str:
    return reverse(f"gatherings:{name}", kwargs={"pk": program.pk, "gathering": gathering.pk, **extra})


def test_an_arabic_mentee_answers_yes_with_a_note_from_the_link(client, meeting):
    amira = Invitation.objects.get(gathering=meeting, email=AMIRA)

    response = client.get(rsvp(amira) + "?answer=yes")
    assert response.status_code == 200
    assert response["Content-Language"] == "ar"
    assert 'dir="rtl"' in response.text
    assert 'value="yes" id="id_answer_0" checked' in response.text  # chosen, not yet saved
    amira.refresh_from_db()
    assert amira.answer == ""

    response = client.post(rsvp(amira), {"answer": "yes", "note": "أحتاج مترجماً"}, follow=True)
    amira.refresh_from_db()
    assert (amira.answer, amira.note) == ("yes", "أحتاج مترجماً")
    assert amira.answered_at is not None
    assert 'id="rsvp-state"' in response.text


def test_a_cancelled_meeting_says_so_and_keeps_the_answer(client, meeting, coordinator, now):
    amira = Invitation.objects.get(gathering=meeting, email=AMIRA)
    services.answer_invitation(amira, answer="maybe", note="", now=now)
    services.cancel_gathering(meeting, by=coordinator, now=now)

    response = client.post(rsvp(amira), {"answer": "yes"})
    assert response.status_code == 410
    assert 'id="rsvp-state"' in response.text and "<form" not in response.text.split('id="rsvp-state"')[1]
    amira.refresh_from_db()
    assert amira.answer == "maybe"


def test_an_unknown_link_is_a_polite_404(client):
    response = client.get(reverse("rsvp:answer", kwargs={"token": "nope"}))
    assert response.status_code == 404


def test_the_meeting_page_counts_answers_and_shows_the_notes(staff, program, meeting, now):
    people = {i.name.split()[0]: i for i in meeting.invitations.all()}
    services.answer_invitation(people["Amira"], answer="yes", note="Vegetarisk mat", now=now)
    services.answer_invitation(people["Eva"], answer="yes", note="", now=now)
    services.answer_invitation(people["Bashir"], answer="yes", note="", now=now)
    services.answer_invitation(people["Johan"], answer="no", note="Bortrest", now=now)

    response = staff.get(page(program, "detail", meeting))
    assert response.status_code == 200
    text = response.text
    assert "Vegetarisk mat" in text and "Bortrest" not in text  # a no's note is not for the kitchen
    counts = services.counts_for(meeting)
    assert (counts.invited, counts.yes, counts.no, counts.unanswered) == (5, 3, 1, 1)
    assert "alert-warning" in text  # three said yes, the room holds two


def test_a_meeting_cannot_be_moved_into_the_past(staff, program, meeting, now):
    yesterday = (now - timedelta(days=1)).date()
    response = staff.post(
        page(program, "edit", meeting),
        {
            "kind": "kickoff",
            "title": "Uppstartsträff",
            "day": yesterday.isoformat(),
            "start": "17:00",
            "duration_minutes": "120",
            "place": "Folkets hus",
            "audience": "everyone",
            "languages": "sv",
        },
    )
    assert response.status_code == 200
    assert "redan passerat" in response.text or "already passed" in response.text
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_a_meeting_of_another_program_is_not_found(client, other_program, outsider, meeting, program):
    client.force_login(outsider)
    url = reverse("gatherings:detail", kwargs={"pk": other_program.pk, "gathering": meeting.pk})
    assert client.get(url).status_code == 404


def test_check_in_at_the_door_with_search_and_a_walk_in(staff, program, meeting):
    response = staff.get(page(program, "check_in", meeting) + "?q=amira")
    assert response.status_code == 200
    assert "Amira Haddad" in response.text and "Johan" not in response.text
    amira = Invitation.objects.get(gathering=meeting, email=AMIRA)

    response = staff.post(page(program, "check_in_one", meeting, invitation=amira.pk), {"q": "amira"})
    assert response.status_code == 302 and response["Location"].endswith("?q=amira")
    staff.post(page(program, "walk_in", meeting), {"name": "Nadia Karim", "email": ""})

    amira.refresh_from_db()
    assert amira.checked_in_at is not None
    nadia = Invitation.objects.get(gathering=meeting, name="Nadia Karim")
    assert nadia.walk_in and nadia.checked_in_at is not None
    assert services.counts_for(meeting).attended == 2


def test_the_lists_export_as_pdf_and_xlsx_and_are_audited(staff, program, meeting):
    from openpyxl import load_workbook

    pdf = staff.get(page(program, "pdf", meeting))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = staff.get(page(program, "xlsx", meeting))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert any(row[1] == AMIRA for row in rows)
    assert AuditEvent.objects.filter(action="gathering.exported").count() == 2


def test_the_plan_button_makes_the_meetings_once(staff, program, mentorships):
    url = reverse("gatherings:from_plan", kwargs={"pk": program.pk})
    staff.post(url)
    staff.post(url)
    assert list(program.gatherings.values_list("kind", flat=True)) == ["midpoint"]  # the kickoff is past


def test_many_invitations_are_sent_by_the_worker(staff, program, mentorships, now, monkeypatch):
    gathering = a_meeting(program, now=now)
    monkeypatch.setattr(services, "BACKGROUND_FROM", 3)  # the worker runs inline in tests

    response = staff.post(page(program, "invite", gathering), follow=True)

    assert "skickas nu" in response.text or "being sent" in response.text
    assert gathering.invitations.filter(invited_at__isnull=False).count() == 5


def test_an_answer_after_the_meeting_is_refused_politely(client, meeting, time_machine, now):
    amira = Invitation.objects.get(gathering=meeting, email=AMIRA)
    time_machine.move_to(meeting.ends_at + timedelta(minutes=1))

    response = client.post(rsvp(amira), {"answer": "yes"})

    assert response.status_code == 410
    assert 'id="rsvp-state"' in response.text
    amira.refresh_from_db()
    assert amira.answer == ""


def test_the_space_lists_a_participants_coming_meetings(meeting, mentorships, now):
    from django.template.loader import render_to_string

    meetings = services.meetings_for_participant(AMIRA.upper(), now=now)
    assert [i.gathering for i in meetings] == [meeting]
    context = {"meetings": meetings, "mentorship": mentorships["a"]}
    html = render_to_string("gatherings/includes/space_meetings.html", context)
    answer = reverse(
        "space_meetings:answer", kwargs={"pk": mentorships["a"].pk, "invitation": meetings[0].pk}
    )
    assert answer in html and meetings[0].token not in html  # answered inside the space, not by the link


def test_the_meeting_page_names_its_languages_in_the_readers_language(staff, program, meeting):
    meeting.languages = "sv, ar"
    meeting.save()

    assert "Svenska, Arabiska" in staff.get(page(program, "detail", meeting)).text
    staff.cookies["django_language"] = "en"
    text = staff.get(page(program, "detail", meeting), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Swedish, Arabic" in text and ": sv" not in text


def test_the_answers_column_is_a_noun_and_the_walk_in_name_is_not_the_search_word(staff, program, meeting):
    detail = staff.get(page(program, "detail", meeting)).text
    assert '<th scope="col">Svar</th>' in detail

    check_in = staff.get(page(program, "check_in", meeting) + "?q=nad").text
    assert '<input type="text" name="name" maxlength="200" class="form-control" required id="id_name">' in (
        check_in
    )


def test_a_new_meeting_in_the_past_is_refused_and_nothing_is_saved(staff, program, mentorships, now):
    response = staff.post(
        reverse("gatherings:new", kwargs={"pk": program.pk}),
        {
            "kind": "other",
            "title": "Afterwork",
            "day": (now - timedelta(days=2)).date().isoformat(),
            "start": "17:00",
            "duration_minutes": "90",
            "place": "Kafé Mellan",
            "audience": "everyone",
            "languages": "sv",
        },
    )
    assert response.status_code == 200
    assert "Den tiden har redan passerat" in response.text and 'id="id_day_error"' in response.text
    assert not program.gatherings.exists()


def test_a_capacity_below_the_yes_count_is_saved_with_a_clear_warning_and_no_answer_lost(
    staff, program, meeting, now
):
    for invitation in meeting.invitations.all()[:3]:
        services.answer_invitation(invitation, answer="yes", note="", now=now)
    local = meeting.starts_at.astimezone(services.STOCKHOLM)
    response = staff.post(
        page(program, "edit", meeting),
        {
            "kind": "kickoff",
            "title": meeting.title,
            "day": local.date().isoformat(),
            "start": local.strftime("%H:%M"),
            "duration_minutes": "120",
            "place": meeting.place,
            "capacity": "1",
            "audience": "everyone",
            "languages": "sv",
        },
        follow=True,
    )
    assert "3 personer har tackat ja, fler än platsantalet 1." in response.text
    meeting.refresh_from_db()
    assert meeting.capacity == 1 and services.counts_for(meeting).yes == 3


def test_an_answer_link_opened_after_the_meeting_or_when_cancelled_is_polite(
    client, meeting, coordinator, now, time_machine
):
    amira = Invitation.objects.get(gathering=meeting, email=AMIRA)
    time_machine.move_to(meeting.ends_at + timedelta(hours=1))
    response = client.get(rsvp(amira) + "?answer=yes")
    assert response.status_code == 200 and 'id="rsvp-state"' in response.text
    assert 'name="answer"' not in response.text

    time_machine.move_to(now)
    services.cancel_gathering(meeting, by=coordinator, now=now)
    response = client.get(rsvp(amira) + "?answer=yes")
    assert 'id="rsvp-state"' in response.text and 'name="answer"' not in response.text
    amira.refresh_from_db()
    assert amira.answer == ""


def test_a_walk_in_is_marked_on_the_meeting_page(staff, program, meeting):
    staff.post(page(program, "walk_in", meeting), {"name": "Nadia Karim", "email": ""})
    text = staff.get(page(program, "detail", meeting)).text
    assert "Nadia Karim" in text and "(oanmäld)" in text.lower()
    assert "1 oanmäld" in text.lower()


def test_invitations_without_a_place_or_link_ask_for_one_first(staff, program, mentorships, now):
    from tandem.outbox.models import OutboxMessage

    nowhere = a_meeting(program, now=now, place="")

    response = staff.post(page(program, "invite", nowhere), HTTP_ACCEPT_LANGUAGE="sv")

    assert response["Location"] == page(program, "edit", nowhere)
    assert "Lägg till en plats eller en videolänk" in staff.get(response["Location"]).content.decode()
    assert not nowhere.invitations.exists() and not OutboxMessage.objects.exists()
    with pytest.raises(services.NowhereToMeet):
        invited(nowhere, now=now)
    online = a_meeting(program, now=now, place="", video_link="https://meet.example.org/tandem")
    assert invited(online, now=now) > 0


def test_creating_from_the_plan_skips_meetings_already_past_and_says_so(staff, program, mentorships, now):
    program.start_date = (now - timedelta(days=30)).date()  # the kickoff's date has passed
    program.save()
    listing = reverse("gatherings:list", kwargs={"pk": program.pk})
    assert "skapa dem med knappen ovan" in staff.get(listing, HTTP_ACCEPT_LANGUAGE="sv").content.decode()

    response = staff.post(reverse("gatherings:from_plan", kwargs={"pk": program.pk}), follow=True)

    made = list(program.gatherings.values_list("kind", flat=True))
    assert made == ["midpoint"]
    assert "inte skapats eftersom" in response.content.decode()


def test_the_languages_are_ticked_by_name_saved_as_codes_and_unknown_ones_refused(
    staff, program, meeting, now
):
    form = staff.get(page(program, "edit", meeting)).text
    assert 'type="checkbox" name="languages" value="ar"' in form
    assert "<legend" in form and ">Arabiska – العربية</label>" in form and ">Svenska</label>" in form
    assert 'name="languages" value="sv" class="form-check-input" id="id_languages_0" checked' in form
    local = meeting.starts_at.astimezone(services.STOCKHOLM)
    data = {
        "kind": "kickoff",
        "title": meeting.title,
        "day": local.date().isoformat(),
        "start": local.strftime("%H:%M"),
        "duration_minutes": "120",
        "place": meeting.place,
        "audience": "everyone",
    }
    response = staff.post(page(program, "edit", meeting), {**data, "languages": ["sv", "ar"]})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.languages == "sv, ar" and meeting.language_codes() == ["sv", "ar"]
    assert "Svenska, Arabiska" in staff.get(page(program, "detail", meeting)).text

    for wrong, error in (
        (["sv", "xx"], "xx finns inte bland tillgängliga alternativ"),
        ([], "minst ett språk"),
    ):
        response = staff.post(page(program, "edit", meeting), {**data, "languages": wrong})
        assert (
            response.status_code == 200
            and error in response.text
            and 'id="id_languages_error"' in response.text
        )
    meeting.refresh_from_db()
    assert meeting.languages == "sv, ar"

    meeting.languages = "sv, kmr"  # a code typed by hand before: still a choice, kept on saving
    meeting.save(update_fields=["languages"])
    form = staff.get(page(program, "edit", meeting)).text
    assert 'value="kmr" class="form-check-input" id="id_languages_' in form
    assert staff.post(page(program, "edit", meeting), {**data, "languages": ["sv", "kmr"]}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.languages == "sv, kmr"
