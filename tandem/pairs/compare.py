"""Two runs of the same program side by side: which pairs changed, and what that did to the score."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tandem.applications.models import Application
from tandem.pairs.models import MatchingRun, ProposedPair


def whole(points: float) -> int:
    """Points rounded to a whole number as the pages show them (half up, like ``floatformat:0``)."""
    return int(Decimal(repr(points)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Change:
    mentee: Application
    mentor_before: Application | None
    mentor_after: Application | None
    score_before: float | None
    score_after: float | None


@dataclass
class RunComparison:
    """``run`` compared with the earlier or other run ``other`` ("before" is ``other``)."""

    run: MatchingRun
    other: MatchingRun
    unchanged: int = 0
    changed: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)

    @property
    def total_before(self) -> int:
        return whole(self.other.total_score)

    @property
    def total_after(self) -> int:
        return whole(self.run.total_score)

    @property
    def score_difference(self) -> int:
        """The difference of the two totals as shown (whole points), so the three figures add up."""
        return self.total_after - self.total_before

    @property
    def matched_difference(self) -> int:
        return self.run.matched_count - self.other.matched_count

    @property
    def pairs_changed(self) -> int:
        """Mentees whose mentor is not the same in both runs (a new mentor, or matched in one only)."""
        return len(self.changed) + len(self.added) + len(self.removed)


def _pairs(run: MatchingRun) -> dict[int, ProposedPair]:
    rows = ProposedPair.objects.filter(run=run).select_related("mentee", "mentor")
    return {p.mentee_id: p for p in rows}


def compare_runs(run: MatchingRun, other: MatchingRun) -> RunComparison:
    """Two queries: each run's pairs with both people."""
    after, before = _pairs(run), _pairs(other)
    comparison = RunComparison(run=run, other=other)
    for mentee_id, new in after.items():
        old = before.get(mentee_id)
        if old is None:
            comparison.added.append(Change(new.mentee, None, new.mentor, None, new.score))
        elif old.mentor_id == new.mentor_id:
            comparison.unchanged += 1
        else:
            comparison.changed.append(Change(new.mentee, old.mentor, new.mentor, old.score, new.score))
    for mentee_id, old in before.items():
        if mentee_id not in after:
            comparison.removed.append(Change(old.mentee, old.mentor, None, old.score, None))
    for changes in (comparison.changed, comparison.added, comparison.removed):
        changes.sort(key=lambda c: c.mentee.full_name.casefold())
    return comparison
