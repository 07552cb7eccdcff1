"""Hard rules: which mentee–mentor pairs may not be formed at all, computed for blocks of the matrix."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from tandem.matching.model import HardRules, Mentee, Mentor

RULES = (
    "forbidden",
    "mentee_exclusions",
    "mentor_exclusions",
    "same_employer",
    "gender_wish",
    "meeting_format",
)
"""Every reason a pair can be excluded, in the order used to explain an unmatched mentee.
``forbidden`` is the coordinator's list of forbidden pairs and cannot be switched off."""

_GENDER_CODES = {"woman": 1, "man": 2, "other": 3}
_FORMAT_CODES = {"in_person": 1, "online": 2}


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _pairs_matrix(pairs: Iterable[tuple[int, int]], shape: tuple[int, int]) -> sp.csr_matrix:
    rows, cols = zip(*pairs, strict=True) if pairs else ((), ())
    data = np.ones(len(rows), dtype=bool)
    return sp.csr_matrix(
        (data, (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))), shape=shape
    )


def _exclusion_pairs(
    owners: Sequence[Mentee | Mentor], others: Sequence[Mentee | Mentor]
) -> set[tuple[int, int]]:
    """(owner, other) index pairs where the owner's exclusions name the other's id or employer."""
    if not any(owner.excluded for owner in owners):
        return set()
    by_token: dict[str, list[int]] = defaultdict(list)
    employers = _Normalised()
    for j, other in enumerate(others):
        by_token[_norm(other.id)].append(j)
        if employers(other.employer):
            by_token[employers(other.employer)].append(j)
    return {
        (i, j)
        for i, owner in enumerate(owners)
        for token in owner.excluded
        for j in by_token.get(_norm(token), ())
    }


class _Normalised(dict):
    """``_norm`` remembered per text: people share a handful of employer names."""

    def __call__(self, text: str | None) -> str:
        found = self.get(text)
        if found is None:
            found = self[text] = _norm(text)
        return found


class RuleMasks:
    """Which pairs each hard rule excludes, block by block (rows are mentees, columns mentors)."""

    def __init__(
        self,
        mentees: Sequence[Mentee],
        mentors: Sequence[Mentor],
        rules: HardRules,
        forbidden: Iterable[tuple[int, int]] = (),
    ):
        shape = (len(mentees), len(mentors))
        self.active = [
            name
            for name, on in (
                ("forbidden", True),
                ("mentee_exclusions", rules.exclusions),
                ("mentor_exclusions", rules.exclusions),
                ("same_employer", rules.same_employer),
                ("gender_wish", rules.gender_wish),
                ("meeting_format", rules.meeting_format),
            )
            if on
        ]
        self._listed = {
            "forbidden": _pairs_matrix(list(forbidden), shape),
            "mentee_exclusions": _pairs_matrix(sorted(_exclusion_pairs(mentees, mentors)), shape),
            "mentor_exclusions": _pairs_matrix(
                sorted((i, j) for j, i in _exclusion_pairs(mentors, mentees)), shape
            ),
        }
        employers: dict[str, int] = {}
        norm = _Normalised()
        self._mentee_employer = np.array(
            [employers.setdefault(norm(m.employer), len(employers)) for m in mentees]
        )
        self._mentor_employer = np.array(
            [employers.setdefault(norm(m.employer), len(employers)) for m in mentors]
        )
        self._no_employer = employers.get("", -1)
        wish = [m.mentor_gender_wish if m.mentor_gender_wish in ("woman", "man") else None for m in mentees]
        self._wish = np.array([_GENDER_CODES.get(w or "", 0) for w in wish])
        self._gender = np.array([_GENDER_CODES.get(m.gender or "", 0) for m in mentors])
        self._mentee_format = np.array([_FORMAT_CODES.get(m.meeting_format or "", 0) for m in mentees])
        self._mentor_format = np.array([_FORMAT_CODES.get(m.meeting_format or "", 0) for m in mentors])

    def rule_block(self, rule: str, rows: np.ndarray) -> np.ndarray:
        """Pairs of the given mentee rows × all mentors that ``rule`` excludes."""
        if rule in self._listed:
            return self._listed[rule][rows].toarray()
        # The other rules only concern mentees with a stated employer, wish or format: compute those rows.
        if rule == "same_employer":
            own = self._mentee_employer[rows]
            concerned = own != self._no_employer
            return self._rows_where(concerned, own[concerned, None] == self._mentor_employer[None, :])
        if rule == "gender_wish":
            wish = self._wish[rows]
            concerned = wish > 0
            return self._rows_where(concerned, wish[concerned, None] != self._gender[None, :])
        if rule == "meeting_format":
            own, theirs = self._mentee_format[rows], self._mentor_format[None, :]
            concerned = own > 0
            return self._rows_where(concerned, (theirs > 0) & (own[concerned, None] != theirs))
        raise ValueError(f"unknown rule {rule!r}")

    def _rows_where(self, concerned: np.ndarray, block: np.ndarray) -> np.ndarray:
        mask = np.zeros((len(concerned), len(self._mentor_format)), dtype=bool)
        mask[concerned] = block
        return mask

    def excluded(self, rows: np.ndarray) -> np.ndarray:
        """Pairs of the given rows that any active rule excludes."""
        mask = np.zeros((len(rows), len(self._mentor_format)), dtype=bool)
        for rule in self.active:
            mask |= self.rule_block(rule, rows)
        return mask

    def counts(self, row: int) -> dict[str, int]:
        """For one mentee, how many mentors each active rule excludes (rules excluding none left out)."""
        found = {rule: int(self.rule_block(rule, np.array([row])).sum()) for rule in self.active}
        return {rule: count for rule, count in found.items() if count}
