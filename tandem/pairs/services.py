"""The coordinator's matching workflow: settings, runs, and the changes made to a proposal.

Publishing a proposal and what follows (answers, reminders, dissolving) is in `publishing.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.applications.models import Application, StatusChange
from tandem.applications.services import InvalidStatusChange, change_status
from tandem.audit.services import log_action
from tandem.matching.criteria import WEIGHT_PRESETS
from tandem.matching.engine import match
from tandem.matching.model import MatchResult
from tandem.pairs.assess import Assessment, NotInPool, assess_pairs
from tandem.pairs.engine_input import Cohort, available_mentees, load_cohort, own_capacity
from tandem.pairs.models import (
    MatchingRun,
    MatchingSettings,
    MentorCapacity,
    PairConstraint,
    ProposedPair,
    UnmatchedMentee,
)
from tandem.pairs.reasons import FORBIDDEN_IN_PROPOSAL, breakdown_to_json, describe_stored, reason_to_json
from tandem.programs.models import Program
from tandem.reference.choices import Role

if TYPE_CHECKING:
    from tandem.accounts.models import User

logger = logging.getLogger(__name__)

INLINE_LIMIT = 200
"""Runs with more mentees than this go to the worker; smaller ones finish within the request."""

BATCH_SIZE = 500  # rows per INSERT when a proposal is stored
Kind = PairConstraint.Kind


class MatchingError(Exception):
    """A change to a proposal that cannot be made; ``str()`` says why in the active language."""


# --- Settings ---------------------------------------------------------------------------------------


def preset_weights(preset: str) -> dict[str, float]:
    return dict(WEIGHT_PRESETS.get(preset, WEIGHT_PRESETS["general"]))


def settings_for(program: Program) -> MatchingSettings:
    """The program's matching settings; until saved, the preset that follows the program's main aim."""
    found = MatchingSettings.objects.filter(program=program).first()
    if found is not None:
        return found
    return MatchingSettings(
        program=program, preset=program.purpose_kind, weights=preset_weights(program.purpose_kind)
    )


@transaction.atomic
def save_settings(
    program: Program,
    *,
    preset: str,
    weights: Mapping[str, float],
    rules: Mapping[str, bool],
    answer_days: int,
    reminder_days: int,
    by,
    now: datetime,
) -> MatchingSettings:
    settings = settings_for(program)
    settings.preset = preset
    settings.weights = {name: float(value) for name, value in weights.items()}
    for name, on in rules.items():
        setattr(settings, f"rule_{name}", bool(on))
    settings.answer_days = answer_days
    settings.reminder_days = reminder_days
    settings.updated_at = now
    settings.updated_by = by
    settings.save()
    log_action(
        "matching.settings_changed",
        actor=by,
        program=program,
        target=settings,
        data={
            "preset": preset,
            "weights": settings.weights,
            "rules": settings.rules,
            "answer_days": answer_days,
            "reminder_days": reminder_days,
        },
        now=now,
    )
    return settings


@transaction.atomic
def set_capacities(program: Program, capacities: Mapping[int, int], *, by: User, now: datetime) -> None:
    """How many mentees each mentor takes (keyed by the mentor's application id).

    A figure that differs from the mentor's own (`own_capacity`) is stored as the coordinator's
    (MentorCapacity); the mentor's own figure removes the coordinator's, so their answer counts again.
    """
    mentors = {
        mentor.pk: mentor
        for mentor in Application.objects.filter(
            program=program, role=Role.MENTOR, pk__in=list(capacities)
        ).only("id", "mentee_capacity")
    }
    given = {mentor_id: capacity for mentor_id, capacity in capacities.items() if mentor_id in mentors}
    own = [mentor_id for mentor_id, capacity in given.items() if capacity == own_capacity(mentors[mentor_id])]
    MentorCapacity.objects.filter(mentor_id__in=own).delete()
    for mentor_id, capacity in given.items():
        if mentor_id not in own:
            MentorCapacity.objects.update_or_create(mentor_id=mentor_id, defaults={"capacity": capacity})
    log_action(
        "matching.capacities_changed",
        actor=by,
        program=program,
        data={
            "capacities": {str(k): v for k, v in given.items()},
            "set_by_coordinator": sorted(k for k in given if k not in own),
        },
        now=now,
    )


# --- Runs ------------------------------------------------------------------------------------------


def start_run(program: Program, *, by: User, now: datetime) -> MatchingRun:
    """Start a matching run over the program's pool with its current settings, locks and forbids.

    A small pool is matched at once; a large one by the worker (the proposal page waits for it).
    """
    if not available_mentees(program).exists():
        raise MatchingError(_("There are no accepted mentees without a pair to match."))
    with transaction.atomic():
        Program.objects.select_for_update().filter(pk=program.pk).first()  # one run number at a time
        settings = settings_for(program)
        if settings.pk is None:
            settings.updated_by = by
            settings.save()
        number = (MatchingRun.objects.filter(program=program).aggregate(n=Max("number"))["n"] or 0) + 1
        run = MatchingRun.objects.create(
            program=program,
            number=number,
            created_by=by,
            created_at=now,
            used_settings={"preset": settings.preset, "weights": settings.weights, "rules": settings.rules},
        )
        log_action("matching.run", actor=by, program=program, target=run, data={"run": number}, now=now)
        if available_mentees(program).count() <= INLINE_LIMIT:
            compute_run(run.pk, now=now)
            run.refresh_from_db()
        else:
            from tandem.pairs.tasks import compute_run_in_background

            transaction.on_commit(lambda: compute_run_in_background(run.pk))
    return run


def load_run_cohort(run: MatchingRun) -> Cohort:
    used = run.used_settings
    return load_cohort(run.program, weights=used.get("weights", {}), rules=used.get("rules", {}))


def compute_run(run_pk: int, *, now: datetime | None = None) -> MatchingRun:
    """Match the pool and store the proposal. Runs once: a finished run is left as it is."""
    run = MatchingRun.objects.select_related("program__organisation").get(pk=run_pk)
    if run.status != MatchingRun.Status.RUNNING:
        return run
    cohort = load_run_cohort(run)
    locked, forbidden = _usable_constraints(run.program, cohort)
    try:
        result = match(
            cohort.mentees,
            cohort.mentors,
            weights=cohort.weights,
            rules=cohort.rules,
            locked=locked,
            forbidden=forbidden,
        )
    except ValueError as error:  # the engine's messages hold ids only
        logger.warning("matching run %s failed: %s", run.pk, error)
        MatchingRun.objects.filter(pk=run.pk).update(
            status=MatchingRun.Status.FAILED, error="engine_refused", finished_at=now or timezone.now()
        )
        run.refresh_from_db()
        return run
    with transaction.atomic():
        _store_result(run, cohort, result, now=now or timezone.now())
    return run


def _usable_constraints(
    program: Program, cohort: Cohort
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Locks and forbids between people still in the pool; locks only up to each mentor's free places."""
    mentees, mentors = cohort.mentee_ids, cohort.mentor_ids
    room = dict(cohort.capacities)
    locked, forbidden = [], []
    for kind, mentee_id, mentor_id in PairConstraint.objects.filter(program=program).values_list(
        "kind", "mentee_id", "mentor_id"
    ):
        pair = (str(mentee_id), str(mentor_id))
        if pair[0] not in mentees or pair[1] not in mentors:
            continue
        if kind == Kind.FORBID:
            forbidden.append(pair)
        elif room.get(pair[1], 0) > 0:
            room[pair[1]] -= 1
            locked.append(pair)
    return locked, forbidden


def _store_result(run: MatchingRun, cohort: Cohort, result: MatchResult, *, now: datetime) -> None:
    proposed, unmatched = [], []
    for outcome in result.results:
        candidates = [{"mentor": int(a.mentor_id), "score": round(a.score, 2)} for a in outcome.alternatives]
        if outcome.mentor_id is None:
            reason = reason_to_json(outcome.unmatched_reason) if outcome.unmatched_reason else {}
            unmatched.append(
                UnmatchedMentee(
                    run_id=run.pk, mentee_id=int(outcome.mentee_id), reason=reason, candidates=candidates
                )
            )
            continue
        proposed.append(
            ProposedPair(
                run_id=run.pk,  # the id, not the object: setting a relation thousands of times costs
                mentee_id=int(outcome.mentee_id),
                mentor_id=int(outcome.mentor_id),
                score=round(outcome.score or 0, 2),
                reasons=breakdown_to_json(outcome.breakdown),
                candidates=candidates,
            )
        )
    ProposedPair.objects.bulk_create(proposed, batch_size=BATCH_SIZE)
    UnmatchedMentee.objects.bulk_create(unmatched, batch_size=BATCH_SIZE)
    run.status = MatchingRun.Status.DONE
    run.finished_at = now
    run.mentee_count = len(cohort.mentees)
    run.mentor_count = len(cohort.mentors)
    run.capacities = cohort.capacities
    run.matched_count = result.matched
    run.total_score = round(sum(p.score for p in proposed), 2)
    run.save()


# --- Which run is current ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RunStanding:
    """Where a run stands among its program's runs.

    ``replaced_by``: for an unpublished run, the published run that made it stale (a later run, or any
    run published after this one started): its pool no longer holds the people that run paired, so it is
    read-only and cannot be published. ``newer``: the newest unpublished run after this one, if any.
    """

    run: MatchingRun
    replaced_by: MatchingRun | None
    newer: MatchingRun | None

    @property
    def is_current(self) -> bool:
        """The proposal may still be changed and published."""
        return self.run.can_change and self.replaced_by is None


def run_standing(run: MatchingRun, runs: Iterable[MatchingRun] | None = None) -> RunStanding:
    """``runs``: all the program's runs, if the caller has them already (else one query)."""
    if runs is None:
        runs = MatchingRun.objects.filter(program_id=run.program_id)
    others = [r for r in runs if r.pk != run.pk]
    replaced_by = None
    if run.published_at is None:
        replacing = [
            r
            for r in others
            if r.published_at is not None and (r.number > run.number or r.published_at > run.created_at)
        ]
        replaced_by = min(replacing, key=lambda r: (r.published_at, r.number), default=None)
    newer = max(
        (
            r
            for r in others
            if r.number > run.number and r.published_at is None and r.status != MatchingRun.Status.FAILED
        ),
        key=lambda r: r.number,
        default=None,
    )
    return RunStanding(run=run, replaced_by=replaced_by, newer=newer)


def replaced_runs(runs: Iterable[MatchingRun]) -> dict[int, MatchingRun]:
    """Of a program's runs, the replaced ones: run pk → the published run that replaced it."""
    runs = list(runs)
    found = {run.pk: run_standing(run, runs).replaced_by for run in runs}
    return {pk: by for pk, by in found.items() if by is not None}


def check_current(run: MatchingRun) -> None:
    """Raise MatchingError, saying why, unless the run's proposal may still be changed and published."""
    standing = run_standing(run)
    if standing.replaced_by is not None:
        raise MatchingError(
            _(
                "Run #%(number)s has been published, so this proposal is replaced and can no longer be "
                "changed or published."
            )
            % {"number": standing.replaced_by.number}
        )
    if not run.can_change:
        raise MatchingError(_("This proposal can no longer be changed."))


# --- Changing a proposal ---------------------------------------------------------------------------


def _changeable(run: MatchingRun) -> MatchingRun:
    """The run, locked for the change, if its proposal may still change."""
    locked = (
        MatchingRun.objects.select_for_update(of=("self",))
        .select_related("program__organisation")
        .get(pk=run.pk)
    )
    check_current(locked)
    return locked


def _refresh_totals(run: MatchingRun, now: datetime) -> None:
    totals = run.proposed_pairs.aggregate(count=Count("id"), score=Sum("score"))
    run.matched_count = totals["count"]
    run.total_score = round(totals["score"] or 0, 2)
    run.edited_at = now
    run.save(update_fields=["matched_count", "total_score", "edited_at"])


def _pair_data(run: MatchingRun, mentee_id: int, mentor_id: int) -> dict[str, int]:
    return {"run": run.pk, "mentee": mentee_id, "mentor": mentor_id}


def _is_forbidden(program: Program, mentee_id: int, mentor_id: int) -> bool:
    return PairConstraint.objects.filter(
        program=program, mentee_id=mentee_id, mentor_id=mentor_id, kind=Kind.FORBID
    ).exists()


def _lock(program: Program, mentee_id: int, mentor_id: int, *, by: User, now: datetime) -> None:
    """Lock the pair, replacing any other lock of the mentee."""
    PairConstraint.objects.filter(program=program, mentee_id=mentee_id, kind=Kind.LOCK).exclude(
        mentor_id=mentor_id
    ).delete()
    PairConstraint.objects.update_or_create(
        program=program,
        mentee_id=mentee_id,
        mentor_id=mentor_id,
        defaults={"kind": Kind.LOCK, "created_by": by, "created_at": now},
    )


def _names(mentee_id: int, mentor_id: int) -> dict[str, str]:
    people = {a.pk: a.full_name for a in Application.objects.filter(pk__in=[mentee_id, mentor_id])}
    return {"mentee": people.get(mentee_id, ""), "mentor": people.get(mentor_id, "")}


def _assess(run: MatchingRun, pairs: list[tuple[int, int]]) -> list[Assessment]:
    """Score hand-picked pairs against the pool; refuse pairs the hard rules or forbids exclude, naming
    the pair and the rule."""
    for mentee_id, mentor_id in pairs:
        if _is_forbidden(run.program, mentee_id, mentor_id):
            raise MatchingError(
                _("You have forbidden the pair %(mentee)s – %(mentor)s.") % _names(mentee_id, mentor_id)
            )
    try:
        assessments = assess_pairs(load_run_cohort(run), [(str(a), str(b)) for a, b in pairs])
    except NotInPool as error:
        raise MatchingError(
            _("Someone in this change is no longer available. Run the matching again.")
        ) from error
    for assessment in assessments:
        if not assessment.allowed:
            names = _names(int(assessment.mentee_id), int(assessment.mentor_id))
            rule = describe_stored(assessment.exclusion) if assessment.exclusion else ""
            raise MatchingError(
                _("The program's hard rules do not allow the pair %(mentee)s – %(mentor)s: %(rule)s.")
                % {**names, "rule": rule}
            )
    return assessments


@transaction.atomic
def lock_pair(proposed: ProposedPair, *, by: User, now: datetime) -> None:
    """Keep this pair in every later run."""
    run = _changeable(proposed.run)
    program = run.program
    locks_of_mentor = (
        PairConstraint.objects.filter(program=program, mentor_id=proposed.mentor_id, kind=Kind.LOCK)
        .exclude(mentee_id=proposed.mentee_id)
        .count()
    )
    if locks_of_mentor >= run.capacities.get(str(proposed.mentor_id), 1):
        raise MatchingError(_("This mentor already has as many locked mentees as they can take."))
    _lock(program, proposed.mentee_id, proposed.mentor_id, by=by, now=now)
    log_action(
        "pair.locked",
        actor=by,
        program=program,
        target=run,
        data=_pair_data(run, proposed.mentee_id, proposed.mentor_id),
        now=now,
    )


@transaction.atomic
def unlock_pair(proposed: ProposedPair, *, by: User, now: datetime) -> None:
    run = _changeable(proposed.run)
    PairConstraint.objects.filter(
        program=run.program, mentee_id=proposed.mentee_id, mentor_id=proposed.mentor_id, kind=Kind.LOCK
    ).delete()
    log_action(
        "pair.unlocked",
        actor=by,
        program=run.program,
        target=run,
        data=_pair_data(run, proposed.mentee_id, proposed.mentor_id),
        now=now,
    )


@transaction.atomic
def forbid_pair(proposed: ProposedPair, *, by: User, now: datetime) -> UnmatchedMentee:
    """Never pair these two again; the mentee leaves this proposal (pick another mentor, or re-run).
    Returns the mentee's new row among the unmatched."""
    run = _changeable(proposed.run)
    PairConstraint.objects.update_or_create(
        program=run.program,
        mentee_id=proposed.mentee_id,
        mentor_id=proposed.mentor_id,
        defaults={"kind": Kind.FORBID, "created_by": by, "created_at": now},
    )
    candidates = [c for c in proposed.candidates if c.get("mentor") != proposed.mentor_id]
    unmatched = UnmatchedMentee.objects.create(
        run=run,
        mentee_id=proposed.mentee_id,
        reason={"code": FORBIDDEN_IN_PROPOSAL, "params": {}},
        candidates=candidates,
    )
    proposed.delete()
    _refresh_totals(run, now)
    log_action(
        "pair.forbidden",
        actor=by,
        program=run.program,
        target=run,
        data=_pair_data(run, proposed.mentee_id, proposed.mentor_id),
        now=now,
    )
    return unmatched


@transaction.atomic
def allow_pair(constraint: PairConstraint, *, by: User, now: datetime) -> None:
    """Take back a forbid: later runs may propose the pair again."""
    program = constraint.program
    data = {"mentee": constraint.mentee_id, "mentor": constraint.mentor_id}
    PairConstraint.objects.filter(pk=constraint.pk, kind=Kind.FORBID).delete()
    log_action("pair.allowed", actor=by, program=program, data=data, now=now)


@transaction.atomic
def swap_mentors(first: ProposedPair, second: ProposedPair, *, by: User, now: datetime) -> None:
    """Give each of two mentees the other's mentor; both new pairs are locked so a re-run keeps them."""
    run = _changeable(first.run)
    first, second = (
        ProposedPair.objects.select_for_update().get(pk=first.pk, run=run),
        ProposedPair.objects.select_for_update().get(pk=second.pk, run=run),
    )
    if first.pk == second.pk or first.mentor_id == second.mentor_id:
        raise MatchingError(_("Choose two pairs with different mentors."))
    new_first, new_second = _assess(
        run, [(first.mentee_id, second.mentor_id), (second.mentee_id, first.mentor_id)]
    )
    old = {first.pk: first.mentor_id, second.pk: second.mentor_id}
    for proposed, assessment in ((first, new_first), (second, new_second)):
        proposed.mentor_id = int(assessment.mentor_id)
        proposed.score = assessment.score
        proposed.reasons = assessment.reasons
        proposed.chosen_by_hand = True
        proposed.save(update_fields=["mentor", "score", "reasons", "chosen_by_hand"])
    PairConstraint.objects.filter(
        program=run.program, kind=Kind.LOCK, mentee_id__in=[first.mentee_id, second.mentee_id]
    ).delete()
    for proposed in (first, second):
        _lock(run.program, proposed.mentee_id, proposed.mentor_id, by=by, now=now)
    _refresh_totals(run, now)
    log_action(
        "pair.swapped",
        actor=by,
        program=run.program,
        target=run,
        data={
            "run": run.pk,
            "mentees": [first.mentee_id, second.mentee_id],
            "mentors_before": [old[first.pk], old[second.pk]],
            "mentors_after": [first.mentor_id, second.mentor_id],
        },
        now=now,
    )


def places_left(run: MatchingRun) -> dict[int, int]:
    """Free places per mentor in the proposal as it stands (mentor application id → places)."""
    used = dict(
        run.proposed_pairs.order_by().values("mentor").annotate(n=Count("id")).values_list("mentor", "n")
    )
    return {int(k): v - used.get(int(k), 0) for k, v in run.capacities.items()}


def free_candidates(item: ProposedPair | UnmatchedMentee, places: Mapping[int, int]) -> list[int]:
    """The mentee's other candidate mentors who have a free place in the proposal (``places_left``)."""
    current = getattr(item, "mentor_id", None)
    return [c["mentor"] for c in item.candidates if c["mentor"] != current and places.get(c["mentor"], 0) > 0]


@transaction.atomic
def pick_mentor(run: MatchingRun, mentee_id: int, mentor_id: int, *, by: User, now: datetime) -> ProposedPair:
    """Give a mentee of the proposal (paired or not) another mentor with a free place, and lock it."""
    run = _changeable(run)
    current = ProposedPair.objects.select_for_update().filter(run=run, mentee_id=mentee_id).first()
    unmatched = UnmatchedMentee.objects.filter(run=run, mentee_id=mentee_id).first()
    if current is None and unmatched is None:
        raise MatchingError(_("This mentee is not in the proposal."))
    if current is not None and current.mentor_id == mentor_id:
        raise MatchingError(_("This mentor is already proposed for the mentee."))
    if places_left(run).get(mentor_id, 0) <= 0:
        raise MatchingError(_("This mentor has no free place in the proposal. Swap pairs instead."))
    (assessment,) = _assess(run, [(mentee_id, mentor_id)])
    if current is None:
        assert unmatched is not None  # checked above: the mentee is in the proposal
        candidates = [c for c in unmatched.candidates if c.get("mentor") != mentor_id]
        unmatched.delete()
        current = ProposedPair(run=run, mentee_id=mentee_id, candidates=candidates)
        previous = None
    else:
        previous = current.mentor_id
        current.candidates = [{"mentor": previous, "score": current.score}] + [
            c for c in current.candidates if c.get("mentor") not in (mentor_id, previous)
        ]
    current.mentor_id = mentor_id
    current.score = assessment.score
    current.reasons = assessment.reasons
    current.chosen_by_hand = True
    current.save()
    _lock(run.program, mentee_id, mentor_id, by=by, now=now)
    _refresh_totals(run, now)
    log_action(
        "pair.picked",
        actor=by,
        program=run.program,
        target=run,
        data={**_pair_data(run, mentee_id, mentor_id), "mentor_before": previous},
        now=now,
    )
    return current


@transaction.atomic
def waitlist_mentee(unmatched: UnmatchedMentee, *, by: User, now: datetime) -> None:
    """Put an unmatched mentee on the waitlist for the program's next round."""
    check_current(unmatched.run)
    mentee = unmatched.mentee
    try:
        change_status(
            mentee,
            Application.Status.WAITLISTED,
            by=by,
            reason_code=StatusChange.Reason.WAITLISTED_FOR_NEXT_PROGRAM,
            now=now,
        )
    except InvalidStatusChange as error:
        raise MatchingError(str(error)) from error
    log_action(
        "application.waitlisted",
        actor=by,
        program=unmatched.run.program,
        target=mentee,
        data={"run": unmatched.run_id},
        now=now,
    )
