"""Two runs of the same program side by side: which pairs changed, and what that did to the score.

Only what differs is loaded: the figures come from two aggregate queries, and the mentees whose mentor
is not the same in both runs are a queryset the page shows 50 at a time (`changed_mentees`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, FloatField, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower

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

    @property
    def kind(self) -> str:
        """ "changed" (a new mentor), "added" (matched only in the run) or "removed" (only in the other)."""
        if self.mentor_before is None:
            return "added"
        if self.mentor_after is None:
            return "removed"
        return "changed"


@dataclass
class RunComparison:
    """``run`` compared with the earlier or other run ``other`` ("before" is ``other``)."""

    run: MatchingRun
    other: MatchingRun
    unchanged: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0

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
        return self.changed + self.added + self.removed


def _pair_of(run: MatchingRun, mentee="mentee_id") -> QuerySet[ProposedPair]:
    return ProposedPair.objects.filter(run=run, mentee_id=OuterRef(mentee))


def compare_runs(run: MatchingRun, other: MatchingRun) -> RunComparison:
    """The figures of the comparison: two aggregate queries."""
    before = Subquery(_pair_of(other).values("mentor_id")[:1], output_field=IntegerField())
    figures = (
        ProposedPair.objects.filter(run=run)
        .annotate(before=before)
        .aggregate(
            unchanged=Count("id", filter=Q(before=F("mentor_id"))),
            added=Count("id", filter=Q(before__isnull=True)),
            changed=Count("id", filter=Q(before__isnull=False) & ~Q(before=F("mentor_id"))),
        )
    )
    removed = ProposedPair.objects.filter(run=other).exclude(Exists(_pair_of(run))).count()
    return RunComparison(run=run, other=other, removed=removed, **figures)


def changed_mentees(comparison: RunComparison) -> QuerySet[Application]:
    """The mentees whose mentor differs between the two runs, by name, each with ``before_mentor``,
    ``before_score``, ``after_mentor`` and ``after_score`` (None where the run did not match them)."""
    run, other = comparison.run, comparison.other
    after, before = _pair_of(run, "pk"), _pair_of(other, "pk")
    same = ProposedPair.objects.filter(
        run=other, mentee_id=OuterRef("mentee_id"), mentor_id=OuterRef("mentor_id")
    )
    differs_in_run = ProposedPair.objects.filter(run=run, mentee_id=OuterRef("pk")).exclude(Exists(same))
    return (
        Application.objects.filter(Q(Exists(differs_in_run)) | (Q(Exists(before)) & ~Q(Exists(after))))
        .annotate(
            after_mentor=Subquery(after.values("mentor_id")[:1], output_field=IntegerField()),
            after_score=Subquery(after.values("score")[:1], output_field=FloatField()),
            before_mentor=Subquery(before.values("mentor_id")[:1], output_field=IntegerField()),
            before_score=Subquery(before.values("score")[:1], output_field=FloatField()),
        )
        .only("id", "first_name", "last_name")
        .order_by(Lower("first_name"), Lower("last_name"), "id")
    )


def changes(mentees: list[Application]) -> list[Change]:
    """The rows of one page of `changed_mentees`, with the mentors' names (one query)."""
    ids = {m.before_mentor for m in mentees} | {m.after_mentor for m in mentees}  # type: ignore[attr-defined]
    mentors = {
        a.pk: a for a in Application.objects.filter(pk__in=ids - {None}).only("id", "first_name", "last_name")
    }
    return [
        Change(
            m,
            mentors.get(m.before_mentor),  # type: ignore[attr-defined]
            mentors.get(m.after_mentor),  # type: ignore[attr-defined]
            m.before_score,  # type: ignore[attr-defined]
            m.after_score,  # type: ignore[attr-defined]
        )
        for m in mentees
    ]
