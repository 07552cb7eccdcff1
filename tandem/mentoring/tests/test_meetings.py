"""The pair's meetings: the plan (move, add, drop), the log in under a minute, confirm or correct, "did you
meet?", private notes that only their writer sees, and bad input refused with nothing half-saved."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tandem.audit.models import AuditEvent
from tandem.health import services as health
from tandem.mentoring import meetings
from tandem.mentoring.models import MeetingLog, PlannedMeeting, PrivateNote, ProgramTheme, ThemeItem
from tandem.mentoring.services import MentoringError
from tandem.mentoring.tests.people import sign_in
from tandem.programs.models import add_months
from tandem.reports import services as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def a(mentorships):
    return mentorships["a"]


@pytest.fixture
def theme(a, org):
    item = ThemeItem.objects.create(
        organisation=org,
        title="Svensk arbetsplatskultur",
        short_text="Fika, möten och beslut",
        text="…",
        translations={"ar": {"title": "ثقافة العمل السويدية", "short_text": "…"}},
    )
    ProgramTheme.objects.create(program=a.pair.program, item=item, month=1)
    return item


def meetings_url(mentorship):
    return reverse("space:meetings", args=[mentorship.pk])


def post(client, mentorship, **data):
    response = client.post(meetings_url(mentorship), data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        response = client.get(meetings_url(mentorship))
    return response.content.decode()


def log_data(a, **changes):
    today = timezone.localdate()
    data = {
        "action": "log",
        "held_on": today.isoformat(),
        "minutes": "45",
        "format": "in_person",
        "shared_note": "Vi pratade om CV:t.",
        "private_note": "Hon verkade orolig för intervjun.",
        "submission_key": "key-1",
    }
    data.update(changes)
    return data


def test_the_mentee_logs_a_meeting_and_the_mentor_confirms_it(client, a, amira, eva, theme):
    sign_in(client, amira)
    html = client.get(meetings_url(a)).content.decode()
    assert "ثقافة العمل السويدية" in html  # the themes offered in her language
    post(client, a, **log_data(a, themes=[str(theme.pk)]))
    log = MeetingLog.objects.get()
    assert (log.logged_by_side, log.minutes, log.format) == ("mentee", 45, "in_person")
    assert list(log.themes.all()) == [theme]
    assert (
        "ثقافة العمل السويدية" in client.get(meetings_url(a)).content.decode().split('id="meeting-logs"')[1]
    )
    a.refresh_from_db()
    assert a.last_meeting_on == timezone.localdate()
    event = AuditEvent.objects.get(action="meeting.logged")
    assert "CV" not in str(event.data) and "orolig" not in str(event.data)

    client.post(reverse("space:sign_out"))
    sign_in(client, eva)
    pair_page = client.get(reverse("space:pair", args=[a.pk])).content.decode()
    assert 'id="confirm-prompt"' in pair_page
    html = client.get(meetings_url(a)).content.decode()
    assert f'id="confirm-{log.pk}"' in html and "Vi pratade om CV:t." in html
    post(client, a, action="confirm", log=log.pk, private_note="Nästa gång: lönesamtal.")
    post(client, a, action="confirm", log=log.pk)  # a double submit
    log.refresh_from_db()
    assert log.confirmed_at is not None
    assert AuditEvent.objects.filter(action="meeting.confirmed").count() == 1
    assert sorted(PrivateNote.objects.values_list("side", flat=True)) == ["mentee", "mentor"]


def test_the_themes_of_a_logged_meeting_are_listed_with_the_arabic_comma_in_arabic(
    client, a, amira, eva, theme, org
):
    other = ThemeItem.objects.create(
        organisation=org,
        title="Lönesamtal",
        short_text="…",
        text="…",
        translations={"ar": {"title": "مفاوضات الراتب", "short_text": "…"}},
    )
    ProgramTheme.objects.create(program=a.pair.program, item=other, month=1)
    sign_in(client, amira)
    post(client, a, **log_data(a, themes=[str(theme.pk), str(other.pk)]))
    history = client.get(meetings_url(a)).content.decode().split('id="meeting-logs"')[1]
    # each title a <bdi> of its own (a theme without an Arabic text is shown in Swedish)
    one, two = "<bdi>ثقافة العمل السويدية</bdi>", "<bdi>مفاوضات الراتب</bdi>"
    assert f"{one}، {two}" in history or f"{two}، {one}" in history
    client.post(reverse("space:sign_out"))
    sign_in(client, eva)
    history = client.get(meetings_url(a)).content.decode().split('id="meeting-logs"')[1]
    one, two = "<bdi>Svensk arbetsplatskultur</bdi>", "<bdi>Lönesamtal</bdi>"
    assert f"{one}, {two}" in history or f"{two}, {one}" in history


def test_a_private_note_is_seen_only_by_its_writer_never_by_the_other_side_or_staff(
    client, a, amira, eva, coordinator
):
    sign_in(client, amira)
    post(client, a, **log_data(a))
    assert "Hon verkade orolig för intervjun." in client.get(meetings_url(a)).content.decode()
    client.post(reverse("space:sign_out"))
    sign_in(client, eva)
    for name in ("space:meetings", "space:pair", "space:goals", "space:help", "space:settings"):
        html = client.get(reverse(name, args=[a.pk])).content.decode()
        assert "orolig" not in html, name
    client.post(reverse("space:sign_out"))
    client.force_login(coordinator)
    staff = client.get(reverse("mentoring:pair", args=[a.pair.program_id, a.pk])).content.decode()
    assert "orolig" not in staff


def test_the_other_side_corrects_a_log(client, a, amira, eva):
    log = meetings.log_meeting(
        a, side="mentor", held_on=a.started_on, minutes=90, format="online", now=timezone.now()
    )
    sign_in(client, amira)
    html = post(client, a, action="correct", log=log.pk, text="Det var 30 minuter, på telefon.")
    log.refresh_from_db()
    assert log.correction == "Det var 30 minuter, på telefon." and log.confirmed_at is None
    assert f'id="confirm-{log.pk}"' not in html and "Det var 30 minuter" in html
    # the writer does not confirm their own log
    client.post(reverse("space:sign_out"))
    sign_in(client, eva)
    post(client, a, action="confirm", log=log.pk)
    log.refresh_from_db()
    assert log.confirmed_at is None


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"held_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "A meeting you log must have happened: choose today or an earlier day.",
        ),
        ({"minutes": "0"}, ""),
        ({"minutes": "1200"}, ""),
        ({"minutes": "tre"}, ""),
        ({"shared_note": "x" * 100_000}, ""),
        ({"private_note": "y" * 100_000}, ""),
        ({"format": "telepathy"}, ""),
        ({"held_on": "2020-01-01"}, "This day is before your mentorship started."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client, a, amira, changes, message):
    sign_in(client, amira)
    response = client.post(meetings_url(a), log_data(a, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "invalid-feedback" in html or "alert-danger" in html
    if message:  # in Amira's language
        with translation.override("ar"):
            assert gettext(message) in html
    assert not MeetingLog.objects.exists() and not PrivateNote.objects.exists()
    a.refresh_from_db()
    assert a.last_meeting_on is None


def test_a_double_submit_stores_one_log(client, a, amira):
    sign_in(client, amira)
    post(client, a, **log_data(a))
    post(client, a, **log_data(a))
    assert MeetingLog.objects.count() == 1 and PrivateNote.objects.count() == 1
    post(client, a, **log_data(a, submission_key="key-2"))  # a second meeting the same day is another form
    assert MeetingLog.objects.count() == 2


def test_each_form_shown_carries_its_own_submission_key(client, a, amira):
    sign_in(client, amira)
    first = client.get(meetings_url(a)).content.decode()
    second = client.get(meetings_url(a)).content.decode()
    key = 'name="submission_key" value="'
    assert first.split(key)[1][:20] != second.split(key)[1][:20]


def test_a_theme_of_another_program_is_refused(client, a, amira, org):
    other = ThemeItem.objects.create(organisation=org, title="Annat", short_text="…", text="…")
    sign_in(client, amira)
    post(client, a, **log_data(a, themes=[str(other.pk)]))
    assert not MeetingLog.objects.exists()
    with pytest.raises(MentoringError):
        meetings.log_meeting(
            a,
            side="mentee",
            held_on=a.started_on,
            minutes=30,
            format="phone",
            themes=[other.pk],
            now=timezone.now(),
        )


def test_the_pair_moves_adds_and_drops_meetings_and_each_change_raises_the_sequence(client, a, eva):
    today = timezone.localdate()
    upcoming = a.planned_meetings.filter(planned_on__gt=today).first()
    sign_in(client, eva)
    new_day = upcoming.planned_on + timedelta(days=2)
    post(
        client,
        a,
        action="move",
        meeting=upcoming.pk,
        planned_on=new_day.isoformat(),
        starts_at="17:30",
        place="Café Blå",
    )
    upcoming.refresh_from_db()
    assert (upcoming.planned_on, upcoming.starts_at.strftime("%H:%M"), upcoming.place) == (
        new_day,
        "17:30",
        "Café Blå",
    )
    assert upcoming.sequence == 1
    post(
        client,
        a,
        action="move",
        meeting=upcoming.pk,
        planned_on=new_day.isoformat(),
        starts_at="17:30",
        place="Café Blå",
    )
    upcoming.refresh_from_db()
    assert upcoming.sequence == 1  # nothing changed
    html = post(
        client, a, action="move", meeting=upcoming.pk, planned_on=(today - timedelta(days=1)).isoformat()
    )
    upcoming.refresh_from_db()
    assert upcoming.planned_on == new_day and "alert-danger" in html

    added_day = today + timedelta(days=4)
    post(client, a, action="add", planned_on=added_day.isoformat(), starts_at="", place="")
    post(client, a, action="add", planned_on=added_day.isoformat(), starts_at="", place="")  # double submit
    added = PlannedMeeting.objects.get(mentorship=a, origin="added")
    assert added.planned_on == added_day

    post(client, a, action="drop", meeting=added.pk)
    added.refresh_from_db()
    assert added.dropped_at is not None and added.sequence == 1
    assert (
        AuditEvent.objects.filter(action__in=["meeting.planned", "meeting.moved", "meeting.dropped"]).count()
        == 3
    )


def test_a_planned_day_that_passed_is_asked_about_log_it_or_it_did_not_happen(client, a, amira):
    passed = a.planned_meetings.get(planned_on=a.started_on)
    assert passed.planned_on < timezone.localdate()
    sign_in(client, amira)
    pair_page = client.get(reverse("space:pair", args=[a.pk])).content.decode()
    assert f'id="unlogged-{passed.pk}"' in pair_page
    form = client.get(meetings_url(a) + f"?planned={passed.pk}").content.decode()
    assert f'value="{passed.planned_on.isoformat()}"' in form
    post(client, a, **log_data(a, held_on=passed.planned_on.isoformat(), planned=str(passed.pk)))
    log = MeetingLog.objects.get()
    assert log.planned_id == passed.pk
    assert f'id="unlogged-{passed.pk}"' not in client.get(reverse("space:pair", args=[a.pk])).content.decode()


def test_it_did_not_happen_drops_the_planned_meeting(client, a, amira):
    passed = a.planned_meetings.get(planned_on=a.started_on)
    sign_in(client, amira)
    client.post(meetings_url(a), {"action": "not_held", "meeting": passed.pk})
    passed.refresh_from_db()
    assert passed.dropped_at is not None
    assert AuditEvent.objects.filter(action="meeting.not_held").count() == 1
    assert f'id="unlogged-{passed.pk}"' not in client.get(reverse("space:pair", args=[a.pk])).content.decode()


def test_a_meeting_logged_for_a_planned_day_makes_that_planned_meeting_held(client, a, amira):
    """Without choosing it: the day is enough, also after the pair said it did not happen."""
    first, second = a.planned_meetings.order_by("planned_on")[:2]
    sign_in(client, amira)
    post(client, a, **log_data(a, held_on=first.planned_on.isoformat()))
    assert MeetingLog.objects.get(held_on=first.planned_on).planned_id == first.pk
    # A second meeting the same day is logged on its own.
    post(client, a, **log_data(a, held_on=first.planned_on.isoformat(), submission_key="key-2"))
    assert MeetingLog.objects.filter(held_on=first.planned_on, planned__isnull=True).count() == 1

    with time_machine.travel(timezone.make_aware(datetime.combine(second.planned_on, time(20))), tick=False):
        client.post(meetings_url(a), {"action": "not_held", "meeting": second.pk})
        second.refresh_from_db()
        assert second.dropped_at is not None
        post(client, a, **log_data(a, held_on=second.planned_on.isoformat(), submission_key="key-3"))
    second.refresh_from_db()
    assert (
        second.dropped_at is None
        and MeetingLog.objects.get(held_on=second.planned_on).planned_id == second.pk
    )
    assert not meetings.unlogged_past(a, today=second.planned_on + timedelta(days=1)).exists()


def test_nothing_changes_once_the_mentorship_ended(client, a, amira):
    a.status = "ended"
    a.save()
    sign_in(client, amira)
    html = post(client, a, **log_data(a))
    assert not MeetingLog.objects.exists() and "alert-danger" in html
    assert 'name="action" value="log"' not in client.get(meetings_url(a)).content.decode()


def test_a_participant_of_pair_a_cannot_touch_pair_b_meetings(client, mentorships, amira):
    b = mentorships["b"]
    planned_b = b.planned_meetings.first()
    log_b = meetings.log_meeting(
        b, side="mentor", held_on=b.started_on, minutes=30, format="phone", now=timezone.now()
    )
    sign_in(client, amira)
    a_url = meetings_url(mentorships["a"])
    for data in (
        {"action": "drop", "meeting": planned_b.pk},
        {"action": "move", "meeting": planned_b.pk, "planned_on": timezone.localdate().isoformat()},
        {"action": "confirm", "log": log_b.pk},
        {"action": "correct", "log": log_b.pk, "text": "Nej"},
        {"action": "not_held", "meeting": "x"},
    ):
        assert client.post(a_url, data).status_code == 404, data
        assert client.post(meetings_url(b), data).status_code == 404, data
    log_b.refresh_from_db()
    planned_b.refresh_from_db()
    assert log_b.confirmed_at is None and not log_b.correction and planned_b.dropped_at is None


def test_a_coordinator_logs_a_meeting_after_a_phone_call(client, a, coordinator, viewer, amira):
    url = reverse("mentoring:log_meeting", args=[a.pair.program_id, a.pk])
    data = {
        "held_on": a.started_on.isoformat(),
        "minutes": "60",
        "format": "phone",
        "shared_note": "Enligt Eva.",
        "submission_key": "s1",
    }
    client.force_login(viewer)
    assert client.post(url, data).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # double submit
    log = MeetingLog.objects.get()
    assert (log.logged_by_side, log.logged_by_staff) == ("staff", coordinator)
    a.refresh_from_db()
    assert a.last_meeting_on == a.started_on
    bad = client.post(
        url,
        {**data, "held_on": (timezone.localdate() + timedelta(days=3)).isoformat(), "submission_key": "s2"},
    )
    assert bad.status_code == 200 and MeetingLog.objects.count() == 1
    client.logout()
    sign_in(client, amira)
    html = client.get(meetings_url(a)).content.decode()
    assert "Enligt Eva." in html and f'id="confirm-{log.pk}"' not in html


def at_evening(day):
    return timezone.make_aware(datetime.combine(day, time(20)))


def log_on(mentorship, day, **changes):
    """A meeting the mentor logs on the evening of `day`."""
    data = {"side": "mentor", "held_on": day, "minutes": 45, "format": "in_person", "now": at_evening(day)}
    return meetings.log_meeting(mentorship, **{**data, **changes})


def monthly_meeting(mentorship):
    """The first planned meeting of the monthly stretch (months 3–6), a month from its neighbours."""
    return mentorship.planned_meetings.filter(planned_on__gte=add_months(mentorship.started_on, 2)).first()


def test_a_meeting_held_a_day_before_the_planned_day_makes_it_held_and_the_plan_moves_on(client, a, eva):
    """The screenshot's case: logged on 3 December, planned for Friday 4 December."""
    _first, second, third = a.planned_meetings.order_by("planned_on")[:3]
    day_before = second.planned_on - timedelta(days=1)
    with time_machine.travel(at_evening(day_before), tick=False):
        sign_in(client, eva)
        post(client, a, **log_data(a, held_on=day_before.isoformat()))
        assert MeetingLog.objects.get(held_on=day_before).planned_id == second.pk
        page = client.get(meetings_url(a))
        assert second not in page.context["planned"] and page.context["planned"][0] == third
        assert f'id="move-date-{second.pk}"' not in page.content.decode()
        assert client.get(reverse("space:pair", args=[a.pk])).context["next_meeting"] == third
        # Its reminder is not sent and nobody is asked "did you meet?" about it.
        assert second not in meetings.unlogged_past(a, today=second.planned_on + timedelta(days=1))


def test_a_meeting_ten_days_from_the_planned_day_is_an_extra_meeting(a):
    planned = monthly_meeting(a)
    day = planned.planned_on + timedelta(days=10)
    assert not a.planned_meetings.filter(planned_on__range=(day - timedelta(days=9), day + timedelta(days=9)))
    assert log_on(a, day).planned is None
    assert planned.pk in {m.pk for m in meetings.coming(a, today=planned.planned_on)}


def test_two_meetings_in_one_window_hold_one_planned_meeting_each(a):
    """Each log holds at most one planned meeting: a second meeting near a held one is an extra meeting,
    unless another planned meeting is open within its window; deleting a log reopens its meeting."""
    planned = monthly_meeting(a)
    day = planned.planned_on
    assert log_on(a, day - timedelta(days=1)).planned == planned
    assert log_on(a, day + timedelta(days=2)).planned is None
    added = PlannedMeeting.objects.create(mentorship=a, planned_on=day + timedelta(days=4), origin="added")
    assert log_on(a, day + timedelta(days=3)).planned == added
    # The nearest wins, also before a meeting the pair said did not happen, which stays dropped.
    later = a.planned_meetings.filter(planned_on__gt=added.planned_on).first()
    later.dropped_at = at_evening(day)
    later.save()
    assert log_on(a, later.planned_on - timedelta(days=1)).planned is None
    # A log removed (e.g. with the person's data) unlinks: the planned meeting is open again.
    MeetingLog.objects.get(planned=added).delete()
    assert added.pk in {m.pk for m in meetings.coming(a, today=day)}


def test_a_meeting_held_early_counts_once_for_the_health_page_and_the_dashboard(a, mentorships):
    """Held and planned so far stay equal for a pair that met every time, one meeting a day early: no
    "behind the plan", no more than 100 % held against the plan."""
    first, second = a.planned_meetings.order_by("planned_on")[:2]
    today = second.planned_on - timedelta(days=1)
    log_on(a, first.planned_on)
    log_on(a, today)
    program = a.pair.program
    rows = {row.pk: row for row in health.progress_of([program.pk], today=today)}
    assert (rows[a.pk].planned_so_far, rows[a.pk].logged) == (2, 2)
    assert health.plan_bucket(rows[a.pk]) == health.PLAN_BUCKETS[0]
    b_due = mentorships["b"].planned_meetings.filter(planned_on__lte=today).count()
    counts = health.health_of(program, health.rules_for(program, today=today)).counts
    assert (counts["meetings_held"], counts["meetings_planned"]) == (2, 2 + b_due)
    dashboard = reports.dashboard(program, today=today)
    assert (dashboard.held, dashboard.planned_due) == (2, 2 + b_due)
