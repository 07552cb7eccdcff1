"""The health page of a running program: what needs action, the whole picture, follow-up marks, the
weekly snapshot, and the organisation's programs at a glance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.factories import ProgramFactory
from tandem.gatherings.models import Gathering, Invitation
from tandem.health import services
from tandem.health.models import WeeklySnapshot
from tandem.health.tests.people import health_world
from tandem.lib.testing.pages import EN, SV, field_error, points_at_error, styled_field, table_rows, text
from tandem.mentoring.models import FollowUpNote


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def world(program, today):
    return health_world(program, today=today)


def test_counts_find_each_kind_of_pair_that_needs_action(program, world, today):
    counts = services.counts(program, services.rules_for(program, today=today))
    assert counts["all"] == 8
    assert counts["running"] == 5  # on track, not started, behind, silent, help
    assert counts["not_started"] == 1
    assert counts["behind"] == 1
    assert counts["silent"] == 1
    assert counts["help"] == 1
    assert counts["paused"] == 1
    assert counts["ended_early"] == 1  # the completed pair ended as planned
    assert counts["on_track"] == 2  # on track, and the one asking for help (it meets as planned)
    assert counts["meetings_held"] == 4 + 2 + 3 + 4 + 4 + 2 + 4
    assert counts["one_behind"] == 1  # not started: 1 planned, nothing logged
    assert counts["more_behind"] == 1  # behind: 5 planned, 2 logged


def test_the_list_flags_every_reason_and_leaves_out_the_pairs_on_track(program, world, today):
    health = services.health_of(program, services.rules_for(program, today=today))
    assert {row.pk: kinds for row, kinds in health.of_kind()} == {
        world["not_started"][0].pk: ["not_started"],
        world["behind"][0].pk: ["behind"],
        world["silent"][0].pk: ["silent"],
        world["help"][0].pk: ["help"],
        world["paused"][0].pk: ["paused"],
        world["ended_early"][0].pk: ["ended_early"],
    }
    assert [row.pk for row, _kinds in health.of_kind("silent")] == [world["silent"][0].pk]


@pytest.mark.parametrize("quiet", [2, 5, 8])
def test_behind_and_silent_are_judged_as_the_mentorship_list_judges_them(program, world, today, quiet):
    """The health page judges in Python what mentoring's list asks the database: the two agree."""
    from tandem.mentoring import follow_up
    from tandem.mentoring.models import MentoringSettings

    MentoringSettings.objects.create(program=program, quiet_weeks=quiet)
    ours = services.counts(program, services.rules_for(program, today=today))
    theirs = follow_up.counts(program, today=today, quiet=quiet)
    assert (ours["behind"], ours["silent"], ours["help"], ours["paused"], ours["running"]) == (
        theirs["behind"],
        theirs["silent"],
        theirs["help"],
        theirs["paused"],
        theirs["running"],
    )


def test_the_not_started_weeks_are_a_program_setting(client, coordinator, program, world, today):
    client.force_login(coordinator)
    url = reverse("health:program", args=[program.pk])
    page = client.get(url, **EN)
    assert styled_field(page, "id_not_started_weeks")  # a label above a styled box (the walk found it bare)
    response = client.post(url, {"not_started_weeks": "5"})
    assert response.status_code == 302
    rules = services.rules_for(program, today=today)
    assert rules.not_started_weeks == 5
    assert services.counts(program, rules)["not_started"] == 0
    bad = client.post(url, {"not_started_weeks": "0"}, **EN)
    assert bad.status_code == 400  # the page again, the error by its field
    assert field_error(bad, "id_not_started_weeks") == "Ensure this value is greater than or equal to 1."
    assert points_at_error(bad, "id_not_started_weeks")
    assert services.rules_for(program, today=today).not_started_weeks == 5


def test_the_whole_picture_says_what_each_of_its_two_figures_counts(client, coordinator, program, world):
    """The figure "on track" (running pairs with none of the three meeting warnings: one meeting behind is no
    warning) and the distribution's first row (open pairs with every planned meeting held) are different
    counts: they have different names, each saying what it counts."""
    client.force_login(coordinator)
    url = reverse("health:program", args=[program.pk])
    page = text(client.get(url, **EN))
    assert "Running pairs with no meeting warning 40% 2 of 5 running pairs" in page
    assert (
        "A meeting warning is “Not started”, “Behind the meeting plan” or “Silent” (above); a pair one "
        "meeting behind the plan gets none."
    ) in page
    assert "Pairs on track" not in page and "On or ahead of the plan" not in page
    rows = table_rows(client.get(url, **EN), "distribution")
    assert rows[1][:2] == ["Every planned meeting held", "4"]  # on track, help, silent (!), paused
    assert rows[2][:2] == ["One meeting behind", "1"]
    swedish = text(client.get(url, **SV))
    assert "Pågående par utan varning om träffarna 40 % 2 av 5 pågående par" in swedish
    assert "Alla planerade träffar hållna" in swedish
    assert "Par som går enligt plan" not in swedish and "Enligt eller före planen" not in swedish


def test_the_coordinator_sees_names_linked_to_the_pair_page_and_the_view_is_audited(
    client, coordinator, program, world
):
    client.force_login(coordinator)
    response = client.get(reverse("health:program", args=[program.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    silent = world["silent"][0]
    assert reverse("mentoring:pair", args=[program.pk, silent.pk]) in page
    assert silent.pair.mentee.full_name in page
    assert "AdeptOnTrack" not in page  # on track: not in the list
    assert AuditEvent.objects.filter(action="health.viewed", program=program).count() == 1


def test_a_viewer_sees_the_figures_without_names_and_cannot_mark(client, viewer, program, world):
    client.force_login(viewer)
    response = client.get(reverse("health:program", args=[program.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert world["silent"][0].pair.mentee.full_name not in page
    assert reverse("mentoring:pair", args=[program.pk, world["silent"][0].pk]) in page
    assert 'name="kind"' not in page
    assert not AuditEvent.objects.filter(action="health.viewed").exists()
    mark = client.post(
        reverse("health:mark", args=[program.pk, world["silent"][0].pk]), {"kind": "contacted"}
    )
    assert mark.status_code == 403


def test_a_program_that_is_not_running_has_no_health_page_yet(client, coordinator, program):
    client.force_login(coordinator)
    response = client.get(reverse("health:program", args=[program.pk]))
    assert response.status_code == 200
    assert 'id="action-rows"' not in response.content.decode()


def test_the_overview_of_a_running_program_links_to_its_health_page(client, coordinator, program, world):
    client.force_login(coordinator)
    page = client.get(reverse("programs:overview", args=[program.pk])).content.decode()
    assert reverse("health:program", args=[program.pk]) in page


@pytest.mark.parametrize("pairs", [5, 50])
def test_the_health_page_takes_the_same_queries_however_many_pairs(
    client, coordinator, program, today, pairs, django_assert_num_queries
):
    health_world(program, today=today, count=pairs)
    gathering = Gathering.objects.create(
        program=program, kind="kickoff", title="Uppstart", starts_at=timezone.now() - timedelta(days=30)
    )
    Invitation.objects.create(
        gathering=gathering, name="A", email="a@example.org", role="mentee", answer="yes"
    )
    client.force_login(coordinator)
    # session, user; program, admin?, role; quiet weeks, not-started weeks; every pair's progress; last
    # week's snapshot; the page's rows; the audit record; the common meetings with their counts.
    with django_assert_num_queries(12):
        response = client.get(reverse("health:program", args=[program.pk]))
    assert response.status_code == 200


def test_long_lists_are_paginated(client, coordinator, program, today):
    health_world(program, today=today, repeat=5)  # 30 pairs need action
    client.force_login(coordinator)
    first = client.get(reverse("health:program", args=[program.pk])).content.decode()
    assert first.count('mark-form"') == 25
    second = client.get(reverse("health:program", args=[program.pk]) + "?page=2").content.decode()
    assert second.count('mark-form"') == 5


# --- Follow-up marks ---------------------------------------------------------------------------------


def test_a_coordinator_marks_contacted_without_javascript_and_sees_who_and_when(
    client, coordinator, program, world
):
    client.force_login(coordinator)
    silent = world["silent"][0]
    url = reverse("health:mark", args=[program.pk, silent.pk])
    back = reverse("health:program", args=[program.pk]) + "?kind=silent"
    response = client.post(url, {"kind": "contacted", "text": "", "next": back})
    assert response.status_code == 302
    assert response["Location"] == f"{back}#pair-{silent.pk}"
    note = FollowUpNote.objects.get(mentorship=silent)
    assert note.kind == "contacted" and note.created_by == coordinator
    assert AuditEvent.objects.filter(action="mentorship.follow_up_marked").count() == 1
    page = client.get(back).content.decode()
    assert "Karin Koordinator" in page
    # a double submit stores one mark
    client.post(url, {"kind": "contacted", "text": "", "next": back})
    assert FollowUpNote.objects.filter(mentorship=silent).count() == 1


def test_an_htmx_mark_gets_the_row_back_and_a_note_needs_its_text(client, coordinator, program, world):
    client.force_login(coordinator)
    behind = world["behind"][0]
    url = reverse("health:mark", args=[program.pk, behind.pk])
    empty = client.post(url, {"kind": "note", "text": " "}, HTTP_HX_REQUEST="true")
    assert empty.status_code == 200
    assert "is-invalid" in empty.content.decode()
    assert not FollowUpNote.objects.exists()
    response = client.post(url, {"kind": "resolved", "text": "Ringde båda"}, HTTP_HX_REQUEST="true")
    row = response.content.decode()
    assert row.startswith("\n<tr id=") or row.lstrip().startswith("<tr id=")
    assert "Karin Koordinator" in row
    assert FollowUpNote.objects.get(mentorship=behind).text == "Ringde båda"
    # the pair's page shows the mark among the follow-up notes
    pair_page = client.get(reverse("mentoring:pair", args=[program.pk, behind.pk])).content.decode()
    assert "Ringde båda" in pair_page


def test_another_programs_pair_cannot_be_marked(client, coordinator, program, world, other_org):
    other = ProgramFactory(organisation=program.organisation)
    client.force_login(coordinator)
    response = client.post(
        reverse("health:mark", args=[other.pk, world["silent"][0].pk]), {"kind": "contacted"}
    )
    assert response.status_code == 404


# --- The weekly snapshot -----------------------------------------------------------------------------


def test_a_first_week_shows_no_change_and_the_next_week_shows_the_change(
    client, coordinator, program, world, time_machine
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    today = timezone.localdate()
    assert services.take_snapshots(now=now, today=today) == 1
    assert services.take_snapshots(now=now, today=today) == 0  # once a week
    client.force_login(coordinator)
    first = client.get(reverse("health:program", args=[program.pk])).content.decode()
    assert "since last week" not in first and "sedan förra veckan" not in first
    later = now + timedelta(weeks=1)
    time_machine.move_to(later, tick=False)
    # a week later, the pair that had not started logs its first meeting
    from tandem.mentoring.models import MeetingLog

    MeetingLog.objects.create(
        mentorship=world["not_started"][0], held_on=timezone.localdate(), minutes=45, format="phone",
        logged_by_side="mentor",
    )  # fmt: skip
    snapshot = services.last_week(program, today=timezone.localdate())
    assert snapshot is not None
    counts = services.counts(program, services.rules_for(program, today=timezone.localdate()))
    changes = services.changes(counts, snapshot)
    assert changes["not_started"] == -1
    assert changes["meetings_held"] == 1
    client.force_login(coordinator)  # a staff session lasts less than a week
    page = client.get(reverse("health:program", args=[program.pk])).content.decode()
    assert "\u22121" in page


def test_the_snapshot_is_taken_for_running_programs_only(program, world, other_program, today):
    services.take_snapshots(now=timezone.now(), today=today)
    assert list(WeeklySnapshot.objects.values_list("program_id", flat=True)) == [program.pk]


# --- The organisation's programs ---------------------------------------------------------------------


def _programs(org, count: int, today) -> None:
    for n in range(count):
        program = ProgramFactory(organisation=org, name=f"Program {n:02d}")
        health_world(program, today=today)
        Gathering.objects.create(
            program=program,
            kind="kickoff",
            title=f"Träff {n}",
            starts_at=timezone.now() + timedelta(days=n + 1),
        )


@pytest.mark.parametrize("count", [2, 10])
def test_the_organisation_page_takes_the_same_queries_however_many_programs(
    client, admin, org, today, count, django_assert_num_queries
):
    _programs(org, count, today)
    client.force_login(admin)
    # session, user; membership; programs; quiet weeks; not-started weeks; every pair's progress; next
    # meetings.
    with django_assert_num_queries(8):
        response = client.get(reverse("organisation_health:page", args=[org.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("data-program=") == count


def test_the_organisation_page_shows_state_participants_on_track_help_and_next_meeting(
    client, admin, org, program, world
):
    Gathering.objects.create(
        program=program, kind="kickoff", title="Halvtidsträff", starts_at=timezone.now() + timedelta(days=3)
    )
    client.force_login(admin)
    page = client.get(reverse("organisation_health:page", args=[org.pk])).content.decode()
    row = page[page.index(f'data-program="{program.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Halvtidsträff" in row
    assert ">12<" in row  # 6 open pairs (5 running, 1 paused): 6 mentees and 6 mentors
    assert "2 av 5" in row or "2 of 5" in row
    detail = client.get(reverse("organisations:detail", args=[org.pk])).content.decode()
    assert reverse("organisation_health:page", args=[org.pk]) in detail
