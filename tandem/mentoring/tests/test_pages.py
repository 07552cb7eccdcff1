"""The pages of the space: My pair, goals, help with pause and end, settings, meetings and themes."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.mentoring import services
from tandem.mentoring.models import (
    GoalComment,
    GoalRating,
    HelpRequest,
    MeetingLog,
    Mentorship,
    Participant,
    PersonalGoal,
    PrivateNote,
    ProgramTheme,
    ThemeItem,
)
from tandem.mentoring.tests.people import sign_in
from tandem.outbox.models import OutboxMessage
from tandem.pairs.models import Pair, PairConstraint

pytestmark = pytest.mark.django_db


@pytest.fixture
def a(mentorships):
    return mentorships["a"]


def page(client, name, mentorship, **data):
    url = reverse(name, args=[mentorship.pk])
    if data:
        response = client.post(url, data)
        assert response.status_code in (200, 302), response.status_code
        response = client.get(url) if response.status_code == 302 else response
    else:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_my_pair_shows_the_other_person_in_the_readers_language_and_asks_for_goals(client, a, amira):
    sign_in(client, amira)
    html = page(client, "space:pair", a)
    assert '<html lang="ar" dir="rtl">' in html
    assert "Eva Berg" in html and a.pair.mentor.email in html and "070-999 88 77" in html
    assert 'id="goals-prompt"' in html
    assert a.started_on.strftime("%Y") in html


def test_a_phone_number_is_shown_only_when_its_owner_shares_it(client, a, amira, eva):
    sign_in(client, eva)
    assert "070-111 22 33" in page(client, "space:pair", a)
    client.post(reverse("space:sign_out"))
    sign_in(client, amira)
    page(client, "space:settings", a, action="save", reminders="on")  # the checkbox for the phone left empty
    a.refresh_from_db()
    assert not a.mentee_shares_phone and a.mentor_shares_phone
    client.post(reverse("space:sign_out"))
    sign_in(client, eva)
    assert "070-111 22 33" not in page(client, "space:pair", a)


def test_reminders_can_be_turned_off_and_the_calendar_link_renewed(client, a, eva):
    sign_in(client, eva)
    page(client, "space:settings", a, action="save", shares_phone="on")
    participant = a.pair.mentor
    me = Participant.objects.get(email=participant.email.lower())
    assert me.reminders is False
    old = me.calendar_token
    page(client, "space:settings", a, action="renew_calendar")
    me.refresh_from_db()
    assert me.calendar_token != old


def test_the_mentee_writes_up_to_three_goals_once_each(client, a, amira):
    sign_in(client, amira)
    for text in (
        "Få jobb som ekonom",
        "Få jobb som ekonom",
        "Lära mig svenska redovisningsregler",
        "Nätverk",
    ):
        page(client, "space:goals", a, action="add", text=text)
    assert list(a.goals.values_list("text", flat=True)) == [
        "Få jobb som ekonom",
        "Lära mig svenska redovisningsregler",
        "Nätverk",
    ]
    html = page(client, "space:goals", a, action="add", text="En fjärde")
    assert a.goals.count() == 3 and 'name="action" value="add"' not in html
    assert AuditEvent.objects.filter(action="mentorship.goal_added").count() == 3
    assert "ekonom" not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_a_goal_over_the_length_limit_is_refused_with_a_message(client, a, amira):
    sign_in(client, amira)
    html = page(client, "space:goals", a, action="add", text="x" * 100_000)
    assert not a.goals.exists() and 'id="id_text_error"' in html


def test_the_mentor_comments_but_does_not_write_or_rate_goals(client, a, eva):
    goal = PersonalGoal.objects.create(mentorship=a, text="Få jobb", order=1)
    sign_in(client, eva)
    page(client, "space:goals", a, action="add", text="Mentorns mål")
    page(client, "space:goals", a, action="rate", goal=goal.pk, rating="4")
    html = page(client, "space:goals", a, action="comment", goal=goal.pk, text="Bra början!")
    assert a.goals.count() == 1 and not goal.ratings.exists()
    assert list(goal.comments.values_list("side", "text")) == [("mentor", "Bra början!")]
    assert "Bra början!" in html


def test_the_mentee_rates_progress_from_one_to_five_and_the_history_is_kept(client, a, amira, now):
    goal = PersonalGoal.objects.create(mentorship=a, text="Få jobb", order=1)
    sign_in(client, amira)
    page(client, "space:goals", a, action="rate", goal=goal.pk, rating="2")
    page(client, "space:goals", a, action="rate", goal=goal.pk, rating="2")  # a double submit
    page(client, "space:goals", a, action="rate", goal=goal.pk, rating="4")
    for bad in ("0", "6", "fem", ""):
        page(client, "space:goals", a, action="rate", goal=goal.pk, rating=bad)
    assert list(goal.ratings.values_list("rating", flat=True)) == [4, 2]
    page(client, "space:goals", a, action="comment", goal=goal.pk, text="y" * 100_000)
    assert not goal.comments.exists()


def test_a_help_request_tells_the_coordinators_without_its_content(
    client, a, amira, coordinator, partner_coordinator, viewer
):
    sign_in(client, amira)
    html = page(
        client, "space:help", a, action="help", kind="no_contact", text="Eva svarar inte på mina mejl."
    )
    request = HelpRequest.objects.get()
    assert (request.side, request.kind) == ("mentee", "no_contact")
    notices = OutboxMessage.objects.filter(kind="mentoring/emails/coordinator_notice")
    assert sorted(m.to[0] for m in notices) == sorted([coordinator.email, partner_coordinator.email])
    for notice in notices:
        assert "Eva" not in notice.body_text + notice.body_html + notice.subject
        assert reverse("mentoring:pair", args=[a.pair.program_id, a.pk]) in notice.body_text
    page(client, "space:help", a, action="help", kind="no_contact", text="Eva svarar inte på mina mejl.")
    assert HelpRequest.objects.count() == 1 and "Eva svarar" not in html
    client.post(reverse("space:sign_out"))
    client.force_login(coordinator)
    staff = client.get(reverse("mentoring:pair", args=[a.pair.program_id, a.pk])).content.decode()
    assert "Eva svarar inte på mina mejl." in staff
    assert AuditEvent.objects.filter(action="mentorship.viewed", actor=coordinator).exists()


def test_pause_and_start_again(client, a, eva, coordinator):
    sign_in(client, eva)
    page(client, "space:help", a, action="pause", reason="Föräldraledig i en månad")
    a.refresh_from_db()
    assert a.status == "paused" and a.pause_reason == "Föräldraledig i en månad"
    assert OutboxMessage.objects.filter(kind="mentoring/emails/coordinator_notice").exists()
    page(client, "space:help", a, action="resume")
    a.refresh_from_db()
    assert a.status == "running"


def test_ending_dissolves_the_pair_so_the_mentee_can_be_matched_again(client, a, amira):
    sign_in(client, amira)
    page(client, "space:help", a, action="end", reason="not_a_match", text="")  # not confirmed
    a.refresh_from_db()
    assert a.status == "running"
    page(client, "space:help", a, action="end", reason="not_a_match", text="Vi passar inte.", confirm="on")
    page(client, "space:help", a, action="end", reason="not_a_match", text="Vi passar inte.", confirm="on")
    a.refresh_from_db()
    assert (a.status, a.end_reason, a.ended_by_side) == ("ended", "not_a_match", "mentee")
    assert Pair.objects.get(pk=a.pair_id).status == "dissolved"
    assert PairConstraint.objects.filter(mentee=a.pair.mentee, kind="forbid").exists()
    assert AuditEvent.objects.filter(action="mentorship.ended").count() == 1
    html = page(client, "space:goals", a, action="add", text="Ett mål")
    assert not a.goals.exists() and 'name="action" value="add"' not in html
    assert Mentorship.objects.get(pk=a.pk).status == "ended"


def test_a_participant_is_not_offered_the_program_ended_as_a_reason_to_end_early(client, a, amira, eva):
    sign_in(client, amira)
    html = page(client, "space:help", a)
    assert 'value="not_a_match"' in html and 'value="program_closed"' not in html
    assert "انتهى البرنامج" not in html  # "The program ended", in her Arabic
    page(client, "space:help", a, action="end", reason="program_closed", text="", confirm="on")
    a.refresh_from_db()
    assert (a.status, a.end_reason) == ("running", "")
    client.logout()
    sign_in(client, eva)
    assert 'value="program_closed"' not in page(client, "space:help", a)


def test_the_service_refuses_the_program_ended_from_a_participant_but_not_from_staff(a, coordinator, now):
    with pytest.raises(services.MentoringError):
        services.end_mentorship(a, side="mentor", reason="program_closed", text="", now=now)
    assert "program_closed" in dict(services.end_reason_choices("staff"))
    services.end_mentorship(a, side="staff", reason="program_closed", text="", now=now, by=coordinator)
    a.refresh_from_db()
    assert (a.status, a.end_reason) == ("ended", "program_closed")


def test_meetings_and_themes_list_the_plan_and_the_programs_picks(client, a, amira, org):
    item = ThemeItem.objects.create(
        organisation=org,
        title="Att sätta mål",
        short_text="Vad vill du nå?",
        text="…",
        translations={"ar": {"title": "تحديد الأهداف", "short_text": "ماذا تريد أن تحقق؟"}},
    )
    ProgramTheme.objects.create(program=a.pair.program, item=item, month=1)
    sign_in(client, amira)
    html = page(client, "space:meetings", a)
    # the days to come in the plan; the first (the day the pair started) is asked about: "did you meet?"
    assert html.count("list-group-item") + html.count('id="unlogged-') == a.planned_meetings.count() > 0
    html = page(client, "space:themes", a)
    assert "تحديد الأهداف" in html and "Att sätta mål" not in html


def test_the_goals_and_meetings_pages_read_a_fixed_number_of_rows(
    client, a, amira, django_assert_num_queries
):
    for n in range(3):
        goal = PersonalGoal.objects.create(mentorship=a, text=f"Mål {n}", order=n)
        GoalComment.objects.create(goal=goal, side="mentor", text="Bra!")
        GoalRating.objects.create(goal=goal, rating=3)
    sign_in(client, amira)
    # 1 session, 2 participant, 3 mentorship with pair, program and both applications, 4 goals,
    # 5 their ratings, 6 their comments
    with django_assert_num_queries(6):
        assert client.get(reverse("space:goals", args=[a.pk])).status_code == 200
    for n in range(3):
        log = MeetingLog.objects.create(
            mentorship=a, held_on=a.started_on, minutes=60, format="online", logged_by_side="mentor"
        )
        PrivateNote.objects.create(meeting=log, side="mentee", text=f"Mitt {n}")
    # 1 session, 2 participant, 3 mentorship, 4 planned meetings to come, 5 those passed without a log,
    # 6 the logs with their planned meetings, 7 the logs' themes, 8 my private notes, 9 the program's themes
    with django_assert_num_queries(9):
        assert client.get(reverse("space:meetings", args=[a.pk])).status_code == 200
