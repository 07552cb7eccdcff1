"""The coordinators' pages of a program's pairs: the mentorship list with its filters, and a pair's page
with what a coordinator does about it (help handled, follow-up note, pause, end)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import SV, text
from tandem.mentoring import follow_up, services
from tandem.mentoring.models import (
    FollowUpNote,
    GoalRating,
    HelpRequest,
    MeetingLog,
    Mentorship,
    PersonalGoal,
    PlannedMeeting,
    PrivateNote,
)
from tandem.mentoring.tests.people import active_pair
from tandem.pairs.models import Pair, PairConstraint

pytestmark = pytest.mark.django_db


@pytest.fixture
def a(mentorships):
    return mentorships["a"]


def log(mentorship, *, days_ago: int, side="mentee", note="") -> MeetingLog:
    return MeetingLog.objects.create(
        mentorship=mentorship,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        minutes=60,
        format="in_person",
        logged_by_side=side,
        shared_note=note,
    )


def more_pairs(program, n: int, *, now):
    for i in range(n):
        pair = active_pair(program, (f"Adept{i}", "Test"), (f"Mentor{i}", "Test"), now=now)
        services.open_mentorship(pair, now=now)


# --- The list ---------------------------------------------------------------------------------------


def test_the_filters_count_running_paused_ended_behind_silent_and_help(program, mentorships, now):
    a, b = mentorships["a"], mentorships["b"]
    today = timezone.localdate()
    PlannedMeeting.objects.all().delete()  # instead of the suggested plan: two meetings past for each
    for mentorship in (a, b):
        mentorship.started_on = today - timedelta(weeks=8)
        mentorship.save()
        PlannedMeeting.objects.create(mentorship=mentorship, planned_on=today - timedelta(weeks=6))
        PlannedMeeting.objects.create(mentorship=mentorship, planned_on=today - timedelta(weeks=4))
    log(b, days_ago=3)
    HelpRequest.objects.create(mentorship=b, side="mentor", kind="need_help", text="Hjälp")
    counts = follow_up.counts(program, today=today, quiet=5)
    assert counts == {
        "all": 2,
        "running": 2,
        "paused": 0,
        "ended": 0,
        "behind": 1,  # a: two planned meetings passed, none logged
        "silent": 1,  # a: eight weeks without a logged meeting
        "help": 1,
    }
    services.pause_mentorship(a, side="mentee", reason="Sjuk", now=now)
    counts = follow_up.counts(program, today=today, quiet=5)
    assert (counts["paused"], counts["behind"], counts["silent"]) == (1, 0, 0)


def test_the_list_filters_to_pairs_with_open_help_requests(client, coordinator, program, mentorships):
    HelpRequest.objects.create(mentorship=mentorships["b"], side="mentor", kind="need_help", text="Hjälp")
    client.force_login(coordinator)
    url = reverse("mentoring:list", args=[program.pk])
    page = text(client.get(url, **SV))
    assert "Amira Haddad" in page and "Bashir Rahimi" in page
    page = text(client.get(url + "?status=help", **SV))
    assert "Bashir Rahimi" in page and "Amira Haddad" not in page


def test_the_list_reads_a_fixed_number_of_queries_at_any_size(
    client, coordinator, program, mentorships, now, django_assert_num_queries
):
    client.force_login(coordinator)
    url = reverse("mentoring:list", args=[program.pk])
    # 1 session, 2 user, 3 program, 4 admin membership?, 5 program role, 6 quiet weeks setting,
    # 7 the filters' counts, 8 the page's count, 9 the page's rows with their pairs and people,
    # 10 the audit event of the page, 11 its people (one INSERT)
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    more_pairs(program, 60, now=now)
    with django_assert_num_queries(11):
        response = client.get(url + "?status=running&page=2")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 62 and len(response.context["page"].object_list) == 12


def test_the_program_overview_links_to_the_mentorships(client, coordinator, program):
    client.force_login(coordinator)
    html = client.get(reverse("programs:overview", args=[program.pk])).content.decode()
    assert reverse("mentoring:list", args=[program.pk]) in html
    assert reverse("mentoring:themes", args=[program.pk]) in html


# --- A pair's page ----------------------------------------------------------------------------------


def test_the_pair_page_shows_goals_meetings_and_help_but_never_a_private_note(client, coordinator, a):
    goal = PersonalGoal.objects.create(mentorship=a, text="Bli auktoriserad revisor", order=1)
    GoalRating.objects.create(goal=goal, rating=2, rated_at=timezone.now() - timedelta(days=20))
    GoalRating.objects.create(goal=goal, rating=4)
    meeting = log(a, days_ago=5, note="Vi gick igenom CV:t")
    PrivateNote.objects.create(meeting=meeting, side="mentee", text="HEMLIGT: jag är orolig")
    PrivateNote.objects.create(meeting=meeting, side="mentor", text="HEMLIGT: mentorns tanke")
    HelpRequest.objects.create(mentorship=a, side="mentee", kind="no_contact", text="Han svarar inte")
    client.force_login(coordinator)
    response = client.get(reverse("mentoring:pair", args=[a.pair.program_id, a.pk]), **SV)
    html = response.content.decode()
    assert "Bli auktoriserad revisor" in html and "4/5" in html
    assert "Vi gick igenom CV:t" in html and "Han svarar inte" in html
    assert "HEMLIGT" not in html
    event = AuditEvent.objects.get(action="mentorship.viewed")
    assert event.data == {"mentorship": a.pk}


def test_a_coordinator_marks_a_help_request_handled_with_what_was_done(client, coordinator, a):
    request = HelpRequest.objects.create(mentorship=a, side="mentee", kind="need_help", text="Hjälp")
    client.force_login(coordinator)
    url = reverse("mentoring:help_handled", args=[a.pair.program_id, a.pk, request.pk])
    response = client.post(url, {"note": ""}, **SV)
    assert response.status_code == 200 and 'id="id_note_error"' in response.content.decode()
    for _ in range(2):
        assert client.post(url, {"note": "Ringde båda, de ses på fredag."}, **SV).status_code == 302
    request.refresh_from_db()
    assert request.handled_at and request.handled_by == coordinator
    assert request.handled_note == "Ringde båda, de ses på fredag."
    assert AuditEvent.objects.filter(action="mentorship.help_handled").count() == 1
    html = client.get(reverse("mentoring:pair", args=[a.pair.program_id, a.pk]), **SV).content.decode()
    assert "Ringde båda" in html


def test_a_help_request_of_another_pair_is_not_found(client, coordinator, mentorships):
    a, b = mentorships["a"], mentorships["b"]
    request = HelpRequest.objects.create(mentorship=b, side="mentee", kind="need_help", text="Hjälp")
    client.force_login(coordinator)
    url = reverse("mentoring:help_handled", args=[a.pair.program_id, a.pk, request.pk])
    assert client.post(url, {"note": "x"}).status_code == 404


def test_a_follow_up_note_is_kept_once_and_only_for_staff(client, coordinator, a):
    client.force_login(coordinator)
    url = reverse("mentoring:add_note", args=[a.pair.program_id, a.pk])
    for _ in range(2):
        client.post(url, {"text": "Pratade med mentorn i telefon."})
    assert FollowUpNote.objects.filter(mentorship=a, created_by=coordinator).count() == 1
    response = client.post(url, {"text": "x" * 2001}, **SV)
    assert response.status_code == 200 and FollowUpNote.objects.count() == 1


def test_a_coordinator_pauses_and_resumes_a_pair(client, coordinator, a):
    client.force_login(coordinator)
    url = reverse("mentoring:pause", args=[a.pair.program_id, a.pk])
    client.post(url, {"reason": "Adepten är föräldraledig i en månad."})
    a.refresh_from_db()
    assert a.status == "paused" and a.pause_reason.startswith("Adepten")
    client.post(url, {"action": "resume"})
    a.refresh_from_db()
    assert a.status == "running"


def test_ending_early_asks_a_reason_and_offers_the_mentee_back_to_matching(client, coordinator, a):
    client.force_login(coordinator)
    url = reverse("mentoring:end", args=[a.pair.program_id, a.pk])
    response = client.post(url, {"reason": "", "text": "", "confirm": "on"}, **SV)
    assert response.status_code == 200 and Mentorship.objects.get(pk=a.pk).status == "running"
    response = client.post(
        url, {"reason": "got_a_job", "text": "Fick jobb på Skatteverket.", "confirm": "on"}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.status, a.end_reason, a.ended_by_side) == ("ended", "got_a_job", "staff")
    pair = Pair.objects.get(pk=a.pair_id)
    assert pair.status == Pair.Status.DISSOLVED and pair.dissolved_by == coordinator
    assert PairConstraint.objects.filter(mentee=pair.mentee, mentor=pair.mentor, kind="forbid").exists()
    again = client.post(url, {"reason": "other", "text": "Igen", "confirm": "on"})  # a double submit
    assert again.status_code == 302 and Mentorship.objects.get(pk=a.pk).end_reason == "got_a_job"


def test_a_viewer_reads_the_pair_page_without_the_forms(client, viewer, a):
    HelpRequest.objects.create(mentorship=a, side="mentee", kind="need_help", text="Hjälp")
    client.force_login(viewer)
    html = client.get(reverse("mentoring:pair", args=[a.pair.program_id, a.pk])).content.decode()
    assert "Hjälp" in html and '<form method="post" action="/programs' not in html
    url = reverse("mentoring:add_note", args=[a.pair.program_id, a.pk])
    assert client.post(url, {"text": "x"}).status_code == 403


def test_a_mentorship_of_another_program_is_not_found(client, coordinator, a, other_program):
    client.force_login(coordinator)
    assert client.get(reverse("mentoring:pair", args=[other_program.pk, a.pk])).status_code == 404


def test_the_pair_page_tells_the_coordinator_how_to_reach_both(client, coordinator, a):
    """A help request says "please call us": the page gives both people's e-mail, phone and record."""
    client.force_login(coordinator)
    url = reverse("mentoring:pair", kwargs={"pk": a.pair.program_id, "mentorship": a.pk})
    page = client.get(url).content.decode()
    assert f"mailto:{a.pair.mentee.email}" in page and f"mailto:{a.pair.mentor.email}" in page
    assert (
        reverse("screening:record", kwargs={"pk": a.pair.program_id, "application_id": a.pair.mentee_id})
        in page
    )
