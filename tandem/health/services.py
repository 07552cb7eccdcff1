"""What a running program's health is: the pairs that need action and the whole picture, in a fixed
number of queries however many pairs there are.

A pair (a mentorship, read through `mentoring.follow_up.with_progress`) needs action when it

- has not started: running, and nothing logged `not_started_weeks` after its start;
- is behind the meeting plan, or silent for longer than the program's quiet weeks (mentoring's rules);
- has an open help request; is paused; or ended early (ended, not completed), with its reason.

The counts are stored once a week (`take_snapshots`), so the page shows how each changed since the
snapshot of the week before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.health.models import NOT_STARTED_WEEKS, HealthSettings, WeeklySnapshot
from tandem.mentoring import follow_up
from tandem.mentoring.models import Mentorship
from tandem.programs.models import Program

# The kinds of "needs action", in the order the page lists them.
ACTION_KINDS = ("not_started", "behind", "silent", "help", "paused", "ended_early")
# What the weekly digest is about: the paused and the ended are news once, not every week.
DIGEST_KINDS = ("not_started", "behind", "silent", "help")
# The kinds that keep a running pair from being "on track" (with no meeting warning).
MEETING_WARNINGS = ("not_started", "behind", "silent")
# The distribution of meetings held against the plan (open pairs only).
PLAN_BUCKETS = ("on_plan", "one_behind", "two_behind", "more_behind")
# The counts a snapshot keeps (and "change since last week" compares).
SNAPSHOT_KEYS = ("all", "running", "on_track", *ACTION_KINDS, *PLAN_BUCKETS, "meetings_held")


def action_labels() -> dict[str, str]:
    return {
        "not_started": _("Not started"),
        "behind": _("Behind the meeting plan"),
        "silent": _("Silent"),
        "help": _("Open help request"),
        "paused": _("Paused"),
        "ended_early": _("Ended early"),
    }


def plan_labels() -> dict[str, str]:
    return {
        "on_plan": _("Every planned meeting held"),
        "one_behind": _("One meeting behind"),
        "two_behind": _("Two meetings behind"),
        "more_behind": _("Three or more behind"),
    }


@dataclass(frozen=True)
class Rules:
    """What "needs action" means for one program on one day."""

    today: date
    quiet_weeks: int
    not_started_weeks: int

    @cached_property
    def quiet_since(self) -> date:
        return self.today - timedelta(weeks=self.quiet_weeks)

    @cached_property
    def not_started_before(self) -> date:
        return self.today - timedelta(weeks=self.not_started_weeks)


def rules_for(program: Program, *, today: date) -> Rules:
    """The program's rules: mentoring's quiet weeks and health's not-started weeks (2 queries)."""
    weeks = HealthSettings.objects.filter(program=program).values_list("not_started_weeks", flat=True).first()
    return Rules(today, follow_up.quiet_weeks(program), weeks or NOT_STARTED_WEEKS)


def set_not_started_weeks(program: Program, weeks: int, *, by, now: datetime) -> HealthSettings:
    with transaction.atomic():
        found, _created = HealthSettings.objects.get_or_create(program=program)
        found.not_started_weeks = weeks
        found.full_clean()
        found.save(update_fields=["not_started_weeks"])
        log_action("health.settings_changed", actor=by, program=program, data={"weeks": weeks}, now=now)
    return found


class Progress(NamedTuple):
    """One pair as the health page judges it: a row of `follow_up.with_progress` (a tuple: thousands
    are made per request)."""

    pk: int
    program_id: int
    status: str
    started_on: date
    logged: int  # meetings logged (Coalesce: never None)
    planned_so_far: int
    last_held: date | None
    open_help: bool
    mentee_id: int
    mentor_id: int
    first_name: str  # the mentee's, for the list's order
    last_name: str


def progress_of(program_ids: list[int], *, today: date) -> list[Progress]:
    """Every pair of the programs with its progress: one query, each pair's figures computed once (the
    judging is done on these rows in Python: asking the database for a count per condition would have
    it count every pair's meetings again for each)."""
    rows = (
        follow_up.with_progress(Mentorship.objects.filter(pair__program_id__in=program_ids), today=today)
        .order_by()
        .values_list(  # type: ignore[misc]  # the annotations of with_progress
            "pk",
            "pair__program_id",
            "status",
            "started_on",
            "logged",
            "planned_so_far",
            "last_held",
            "open_help",
            "pair__mentee_id",
            "pair__mentor_id",
            "pair__mentee__first_name",
            "pair__mentee__last_name",
        )
    )
    return [Progress._make(row) for row in rows]


def kinds_of(row: Progress, rules: Rules) -> list[str]:
    """The kinds of action a pair needs, in the page's order (mentoring's rules for behind and silent:
    `follow_up.filter_conditions`; a test keeps the two in step)."""
    found = []
    running = row.status == Mentorship.Status.RUNNING
    if running and row.logged == 0 and row.started_on <= rules.not_started_before:
        found.append("not_started")
    if running and row.planned_so_far >= follow_up.BEHIND_BY + row.logged:
        found.append("behind")
    since = rules.quiet_since
    if running and (
        (row.last_held is not None and row.last_held < since)
        or (row.last_held is None and row.started_on < since)
    ):
        found.append("silent")
    if row.open_help:
        found.append("help")
    if row.status == Mentorship.Status.PAUSED:
        found.append("paused")
    if row.status == Mentorship.Status.ENDED:
        found.append("ended_early")
    return found


def plan_bucket(row: Progress) -> str | None:
    """Where an open pair stands against its plan; None for a pair that ended."""
    if row.status not in (Mentorship.Status.RUNNING, Mentorship.Status.PAUSED):
        return None
    behind = row.planned_so_far - row.logged
    return PLAN_BUCKETS[min(max(behind, 0), 3)]


def tally(rows: list[Progress], rules: Rules) -> dict[str, int]:
    """Every count of the health page from the pairs' rows."""
    result = dict.fromkeys(("all", "running", "on_track", *ACTION_KINDS, *PLAN_BUCKETS), 0)
    result["meetings_held"] = result["meetings_planned"] = 0
    for row in rows:
        kinds = kinds_of(row, rules)
        result["all"] += 1
        result["meetings_held"] += row.logged
        for kind in kinds:
            result[kind] += 1
        if row.status == Mentorship.Status.RUNNING:
            result["running"] += 1
            # A running pair that is behind, silent or not started is not on track.
            if not set(MEETING_WARNINGS) & set(kinds):
                result["on_track"] += 1
        bucket = plan_bucket(row)
        if bucket is not None:
            result[bucket] += 1
            result["meetings_planned"] += row.planned_so_far
    return result


@dataclass(frozen=True)
class Health:
    """A program's health today: its counts and the pairs that need action (with their kinds), in the
    list's order (by the mentee's name)."""

    counts: dict[str, int]
    needing: list[tuple[Progress, list[str]]]

    def of_kind(self, kind: str = "") -> list[tuple[Progress, list[str]]]:
        if kind in ACTION_KINDS:
            return [(row, kinds) for row, kinds in self.needing if kind in kinds]
        return self.needing

    def for_digest(self) -> list[tuple[Progress, list[str]]]:
        """The pairs the weekly digest is about: not started, behind, silent or asking for help."""
        return [(row, kinds) for row, kinds in self.needing if set(kinds) & set(DIGEST_KINDS)]


def health_of(program: Program, rules: Rules) -> Health:
    """The program's health: one query."""
    rows = progress_of([program.pk], today=rules.today)
    needing = [(row, kinds) for row in rows if (kinds := kinds_of(row, rules))]
    needing.sort(key=lambda item: (item[0].first_name.casefold(), item[0].last_name.casefold(), item[0].pk))
    return Health(tally(rows, rules), needing)


def counts(program: Program, rules: Rules) -> dict[str, int]:
    """Every count of the health page: one query."""
    return health_of(program, rules).counts


def share(part: int, whole: int) -> int | None:
    """`part` of `whole` in whole per cent; None when there is no whole."""
    return round(100 * part / whole) if whole else None


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def last_week(program: Program, *, today: date) -> WeeklySnapshot | None:
    """The snapshot of the ISO week before this one (1 query); None in a program's first week."""
    return WeeklySnapshot.objects.filter(program=program, week=monday(today) - timedelta(weeks=1)).first()


def changes(now_counts: dict[str, int], snapshot: WeeklySnapshot | None) -> dict[str, int | None]:
    """How each count changed since the snapshot; None for all when there is none (a first week)."""
    if snapshot is None:
        return dict.fromkeys(SNAPSHOT_KEYS)
    return {key: now_counts.get(key, 0) - int(snapshot.counts.get(key, 0)) for key in SNAPSHOT_KEYS}


def take_snapshots(*, now: datetime, today: date) -> int:
    """This week's snapshot of every running program that has none yet (safe to run daily: the first
    run of a week takes it). Returns how many were taken."""
    week = monday(today)
    taken = 0
    done = WeeklySnapshot.objects.filter(week=week).values("program_id")
    for program in Program.objects.filter(state=Program.State.RUNNING).exclude(pk__in=done):
        figures = counts(program, rules_for(program, today=today))
        _snapshot, created = WeeklySnapshot.objects.get_or_create(
            program=program,
            week=week,
            defaults={"counts": {key: figures[key] for key in SNAPSHOT_KEYS}, "taken_at": now},
        )
        taken += created
    return taken


def rows_for_page(program: Program, items: list[tuple[Progress, list[str]]], *, today: date) -> list:
    """The mentorships of one page of the list, in its order, with their names, latest follow-up mark,
    progress (`logged`, `planned_so_far`, `last_held`, from the rows already judged) and `reasons` (the
    kinds of action): one query."""
    found = follow_up.with_latest_follow_up(
        Mentorship.objects.filter(pair__program=program, pk__in=[row.pk for row, _kinds in items])
        .select_related("pair__mentee", "pair__mentor")
        .only(
            "pk",
            "status",
            "end_reason",
            "pair__program_id",
            "pair__mentee__first_name",
            "pair__mentee__last_name",
            "pair__mentor__first_name",
            "pair__mentor__last_name",
        )  # fmt: skip
    )
    mentorships = {m.pk: m for m in found}
    page = []
    for row, kinds in items:
        mentorship = mentorships.get(row.pk)
        if mentorship is None:
            continue
        mentorship.reasons = kinds  # type: ignore[attr-defined]
        mentorship.logged = row.logged  # type: ignore[attr-defined]
        mentorship.planned_so_far = row.planned_so_far  # type: ignore[attr-defined]
        mentorship.last_held = row.last_held  # type: ignore[attr-defined]
        page.append(mentorship)
    return page


@dataclass(frozen=True)
class ProgramFigures:
    running: int = 0
    on_track: int = 0
    open_pairs: int = 0
    participants: int = 0
    open_help: int = 0


def figures_by_program(programs: list[Program], *, today: date) -> dict[int, ProgramFigures]:
    """Pairs running and on track, participants and open help requests of each program, each judged by
    its own rules: three queries however many programs (two for the rules, one for the pairs)."""
    if not programs:
        return {}
    rules = _rules_by_program(programs, today=today)
    rows: dict[int, list[Progress]] = {program.pk: [] for program in programs}
    for row in progress_of(list(rows), today=today):
        rows[row.program_id].append(row)
    result = {}
    for pk, found in rows.items():
        counts = tally(found, rules[pk])
        result[pk] = ProgramFigures(
            running=counts["running"],
            on_track=counts["on_track"],
            open_pairs=counts["running"] + counts["paused"],
            participants=_participants(found),
            open_help=counts["help"],
        )
    return result


def _participants(rows: list[Progress]) -> int:
    """Mentees and mentors in the open pairs (a mentor with two mentees counted once)."""
    open_ = [row for row in rows if row.status in (Mentorship.Status.RUNNING, Mentorship.Status.PAUSED)]
    return len({row.mentee_id for row in open_}) + len({row.mentor_id for row in open_})


def _rules_by_program(programs: list[Program], *, today: date) -> dict[int, Rules]:
    """Each program's rules, read for all of them in two queries."""
    ids = [p.pk for p in programs]
    quiet = follow_up.quiet_weeks_of(ids)
    weeks = dict(
        HealthSettings.objects.filter(program_id__in=ids).values_list("program_id", "not_started_weeks")
    )
    return {pk: Rules(today, quiet[pk], weeks.get(pk) or NOT_STARTED_WEEKS) for pk in ids}
