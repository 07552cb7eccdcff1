"""A pair that said yes gets its mentorship, with dates and the suggested meetings, exactly once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.mentoring import services, tasks
from tandem.mentoring.models import Mentorship, PlannedMeeting
from tandem.mentoring.tests.people import active_pair, running_program
from tandem.pairs import publishing
from tandem.pairs.models import Pair
from tandem.programs.models import add_months

pytestmark = pytest.mark.django_db


def test_opening_a_mentorship_sets_its_dates_and_suggested_meetings(program, now):
    running_program(program, now=now)
    pair = active_pair(program, ("Amira", "Haddad"), ("Eva", "Berg"), now=now)
    mentorship = services.open_mentorship(pair, now=now)
    assert mentorship.started_on == timezone.localdate(pair.mentor_answered_at)  # the second yes
    assert mentorship.ends_on == add_months(program.start_date, 6)
    planned = list(mentorship.planned_meetings.values_list("planned_on", flat=True))
    assert planned[:2] == [mentorship.started_on, mentorship.started_on + timedelta(weeks=2)]
    assert all(day <= mentorship.ends_on for day in planned)
    assert 8 <= len(planned) <= 9  # the program ends a little before the pair's six months are over
    event = AuditEvent.objects.get(action="mentorship.opened")
    assert event.data == {"pair": pair.pk, "mentorship": mentorship.pk, "planned_meetings": len(planned)}


def test_opening_twice_opens_once(program, now):
    running_program(program, now=now)
    pair = active_pair(program, ("Amira", "Haddad"), ("Eva", "Berg"), now=now)
    first = services.open_mentorship(pair, now=now)
    assert services.open_mentorship(pair, now=now + timedelta(days=1)) == first
    assert Mentorship.objects.count() == 1
    assert PlannedMeeting.objects.filter(mentorship=first).count() == first.planned_meetings.count()


def test_without_a_program_start_the_pair_runs_for_the_programs_length(program, now):
    program.length_months = 3
    program.save()
    pair = active_pair(program, ("Amira", "Haddad"), ("Eva", "Berg"), now=now)
    mentorship = services.open_mentorship(pair, now=now)
    assert mentorship.ends_on == add_months(mentorship.started_on, 3)
    assert not mentorship.planned_meetings.exists()  # no meeting rules, no suggestions


def test_a_pair_still_waiting_for_answers_has_no_mentorship(program, now):
    pair = active_pair(program, ("Amira", "Haddad"), ("Eva", "Berg"), now=now)
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.AWAITING)
    with pytest.raises(services.MentoringError):
        services.open_mentorship(pair, now=now)


def test_the_worker_opens_the_mentorships_of_new_active_pairs(program, now):
    running_program(program, now=now)
    first = active_pair(program, ("Amira", "Haddad"), ("Eva", "Berg"), now=now)
    second = active_pair(program, ("Bashir", "Rahimi"), ("Johan", "Ek"), now=now)
    Pair.objects.filter(pk=second.pk).update(status=Pair.Status.AWAITING)
    tasks.open_new_mentorships.call_local()
    assert list(Mentorship.objects.values_list("pair", flat=True)) == [first.pk]
    assert services.open_new_mentorships(now=now) == 0


def test_the_mentorship_of_a_pair_a_coordinator_dissolved_ends_and_takes_no_more_changes(program, now):
    running_program(program, now=now)
    pair = active_pair(program, ("Amira", "Haddad"), ("Eva", "Berg"), now=now)
    mentorship = services.open_mentorship(pair, now=now)
    publishing.dissolve_pair(pair, reason="Flyttar", by=None, now=now)
    with pytest.raises(services.MentoringError):
        services.add_goal(mentorship, side="mentee", text="Ett mål", now=now)
    tasks.open_new_mentorships.call_local()
    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.ended_by_side) == ("ended", "staff")
    assert services.end_dissolved_mentorships(now=now) == 0


def test_a_pair_matched_before_the_program_starts_counts_from_the_program_start(program, now):
    running_program(program, now=now)
    program.start_date = timezone.localdate(now) + timedelta(days=20)
    program.save()
    pair = active_pair(program, ("Amira", "Haddad"), ("Eva", "Berg"), now=now)
    mentorship = services.open_mentorship(pair, now=now)
    assert mentorship.started_on == program.start_date
    assert min(mentorship.planned_meetings.values_list("planned_on", flat=True)) >= program.start_date
