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
from typing import Any

from django.db import transaction
from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Sum, Value, When
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
        "on_plan": _("On or ahead of the plan"),
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


def conditions(rules: Rules) -> dict[str, Q]:
    """Each kind of "needs action" (and `running`, `open`, `attention`, the plan buckets) as a condition
    on `follow_up.with_progress` rows."""
    base = follow_up.filter_conditions(today=rules.today, quiet=rules.quiet_weeks)
    running = base["running"]
    not_started = running & Q(
        logged=0, started_on__lte=rules.today - timedelta(weeks=rules.not_started_weeks)
    )
    open_ = Q(status__in=[Mentorship.Status.RUNNING, Mentorship.Status.PAUSED])
    return {
        "running": running,
        "open": open_,
        "not_started": not_started,
        "behind": base["behind"],
        "silent": base["silent"],
        "help": base["help"],
        "paused": base["paused"],
        "ended_early": Q(status=Mentorship.Status.ENDED),
        # A running pair that is behind, silent or not started is not on track.
        "attention": running & (not_started | base["behind"] | base["silent"]),
        "on_plan": open_ & Q(planned_so_far__lte=F("logged")),
        "one_behind": open_ & Q(planned_so_far=F("logged") + 1),
        "two_behind": open_ & Q(planned_so_far=F("logged") + 2),
        "more_behind": open_ & Q(planned_so_far__gte=F("logged") + 3),
    }


def digest_condition(rules: Rules) -> Q:
    """A pair the weekly digest is about: not started, behind, silent or with an open help request."""
    found = conditions(rules)
    wanted = Q()
    for name in DIGEST_KINDS:
        wanted |= found[name]
    return wanted


def _mentorships(program_ids: list[int], rules: Rules) -> QuerySet[Mentorship]:
    return follow_up.with_progress(
        Mentorship.objects.filter(pair__program_id__in=program_ids), today=rules.today
    )


def counts(program: Program, rules: Rules) -> dict[str, int]:
    """Every count of the health page: one query."""
    found = conditions(rules)
    names = ["running", *ACTION_KINDS, "attention", *PLAN_BUCKETS]
    figures = _mentorships([program.pk], rules).aggregate(
        all=Count("pk"),
        meetings_held=Sum("logged"),
        meetings_planned=Sum("planned_so_far", filter=found["open"]),
        **{name: Count("pk", filter=found[name]) for name in names},
    )
    result = {key: value or 0 for key, value in figures.items()}
    result["on_track"] = result["running"] - result.pop("attention")
    return result


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


def action_rows(program: Program, rules: Rules, kind: str = "") -> QuerySet[Mentorship]:
    """The pairs that need action (of one kind, or of any), each with a flag per kind, its progress and
    its latest follow-up mark: one query for a page of them."""
    found = conditions(rules)
    wanted = Q()
    for name in [kind] if kind in ACTION_KINDS else ACTION_KINDS:
        wanted |= found[name]
    return (
        _flagged(program, rules)
        .filter(wanted)
        .order_by("pair__mentee__first_name", "pair__mentee__last_name", "pk")
    )


def _flagged(program: Program, rules: Rules) -> QuerySet[Mentorship]:
    found = conditions(rules)
    rows = follow_up.with_latest_follow_up(
        _mentorships([program.pk], rules).select_related("pair__mentee", "pair__mentor")
    )
    flags: dict[str, Any] = {
        f"is_{name}": Case(
            When(found[name], then=Value(True)), default=Value(False), output_field=BooleanField()
        )
        for name in ACTION_KINDS
    }
    return rows.annotate(**flags)


def action_row(program: Program, rules: Rules, mentorship_pk: int) -> Mentorship | None:
    """One row of the list, as `action_rows` makes it (for the row an htmx mark replaces)."""
    return _flagged(program, rules).filter(pk=mentorship_pk).first()


def reasons(row: Mentorship) -> list[str]:
    """The kinds of action a row of `action_rows` needs, in the page's order."""
    return [name for name in ACTION_KINDS if getattr(row, f"is_{name}", False)]


# --- The organisation's programs ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramFigures:
    running: int = 0
    on_track: int = 0
    open_pairs: int = 0
    participants: int = 0
    open_help: int = 0


def figures_by_program(programs: list[Program], *, today: date) -> dict[int, ProgramFigures]:
    """Pairs running and on track, participants and open help requests of each program: one query
    (every program judged with the default quiet and not-started weeks would be wrong, so each program's
    rules are read with it: see `_rules_by_program`)."""
    if not programs:
        return {}
    rules = _rules_by_program(programs, today=today)
    by_program: dict[int, ProgramFigures] = {}
    # One aggregate per distinct set of rules (nearly always one: the defaults).
    groups: dict[Rules, list[int]] = {}
    for program in programs:
        groups.setdefault(rules[program.pk], []).append(program.pk)
    for rule, ids in groups.items():
        found = conditions(rule)
        rows = (
            _mentorships(ids, rule)
            .values("pair__program_id")
            .order_by("pair__program_id")
            .annotate(
                running=Count("pk", filter=found["running"]),
                attention=Count("pk", filter=found["attention"]),
                open_pairs=Count("pk", filter=found["open"]),
                mentees=Count("pair__mentee_id", filter=found["open"], distinct=True),
                mentors=Count("pair__mentor_id", filter=found["open"], distinct=True),
                open_help=Count("pk", filter=found["help"]),
            )
        )
        for row in rows:
            by_program[row["pair__program_id"]] = ProgramFigures(
                running=row["running"],
                on_track=row["running"] - row["attention"],
                open_pairs=row["open_pairs"],
                participants=row["mentees"] + row["mentors"],
                open_help=row["open_help"],
            )
    return by_program


def _rules_by_program(programs: list[Program], *, today: date) -> dict[int, Rules]:
    """Each program's rules, read for all of them in two queries."""
    ids = [p.pk for p in programs]
    quiet = follow_up.quiet_weeks_of(ids)
    weeks = dict(
        HealthSettings.objects.filter(program_id__in=ids).values_list("program_id", "not_started_weeks")
    )
    return {pk: Rules(today, quiet[pk], weeks.get(pk) or NOT_STARTED_WEEKS) for pk in ids}
