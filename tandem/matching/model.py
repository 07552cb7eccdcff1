"""The plain data the matching engine takes and gives: people, rules, reasons and results.

Everything here is framework-free so that the Django layer can build these objects from its models and
store the results (reason objects hold only JSON-friendly parameters).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MEETING_FORMATS = ("in_person", "online", "either")
GENDERS = ("woman", "man", "other")
GENDER_WISHES = ("any", "woman", "man")
AGE_WISHES = ("any", "older", "similar")
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def _check_choice(owner: str, name: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise ValueError(f"{owner}.{name} must be one of {', '.join(choices)} or None, not {value!r}")


def _check_ssyk(owner: str, name: str, code: str | None) -> None:
    if code and not (code.isascii() and code.isdigit() and len(code) <= 4):
        raise ValueError(f"{owner}.{name} must be an SSYK 2012 code of 1–4 digits or None, not {code!r}")


def _check_languages(owner: str, languages: Mapping[str, str]) -> None:
    for code, level in languages.items():
        if level not in CEFR_LEVELS:
            raise ValueError(f"{owner}.languages[{code!r}] must be a CEFR level A1–C2, not {level!r}")


@dataclass(frozen=True)
class Mentee:
    """A mentee (adept). Only ``id`` is required; None or empty means unknown.

    ``languages`` maps ISO 639-1 codes to CEFR levels, e.g. ``{"sv": "B1", "ar": "C2"}``.
    Occupations are SSYK 2012 codes at any level (1–4 digits). ``excluded`` holds mentor ids or employer
    names the mentee does not want (compared case-insensitively).
    """

    id: str
    name: str = ""
    occupation_wanted: str | None = None
    occupation_earlier: str | None = None
    languages: Mapping[str, str] = field(default_factory=dict)
    municipality: str | None = None
    meeting_format: str | None = None
    goals: str = ""
    gender: str | None = None
    mentor_gender_wish: str | None = None
    mentor_age_wish: str | None = None
    birth_year: int | None = None
    experience_years: float | None = None
    employer: str | None = None
    excluded: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_ssyk("Mentee", "occupation_wanted", self.occupation_wanted)
        _check_ssyk("Mentee", "occupation_earlier", self.occupation_earlier)
        _check_choice("Mentee", "meeting_format", self.meeting_format, MEETING_FORMATS)
        _check_choice("Mentee", "gender", self.gender, GENDERS)
        _check_choice("Mentee", "mentor_gender_wish", self.mentor_gender_wish, GENDER_WISHES)
        _check_choice("Mentee", "mentor_age_wish", self.mentor_age_wish, AGE_WISHES)
        _check_languages("Mentee", self.languages)


@dataclass(frozen=True)
class Mentor:
    """A mentor who may take up to ``capacity`` mentees. Fields as for :class:`Mentee`."""

    id: str
    name: str = ""
    occupation: str | None = None
    languages: Mapping[str, str] = field(default_factory=dict)
    municipality: str | None = None
    meeting_format: str | None = None
    expertise: str = ""
    capacity: int = 1
    gender: str | None = None
    birth_year: int | None = None
    experience_years: float | None = None
    employer: str | None = None
    excluded: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_ssyk("Mentor", "occupation", self.occupation)
        _check_choice("Mentor", "meeting_format", self.meeting_format, MEETING_FORMATS)
        _check_choice("Mentor", "gender", self.gender, GENDERS)
        _check_languages("Mentor", self.languages)
        if self.capacity < 1:
            raise ValueError(f"Mentor.capacity must be at least 1, not {self.capacity}")


@dataclass(frozen=True)
class HardRules:
    """Rules that exclude a pair outright. Each is on by default and can be switched off."""

    exclusions: bool = True
    """Neither side may have excluded the other (by id or employer name)."""
    same_employer: bool = True
    """Mentee and mentor may not have the same current employer."""
    gender_wish: bool = True
    """A mentee who wishes for a woman (man) mentor gets one whose gender is known to be that."""
    meeting_format: bool = True
    """An in-person-only side is never paired with an online-only side."""


@dataclass(frozen=True)
class Reason:
    """A machine-readable explanation: a code plus JSON-friendly parameters. Render with ``describe``."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CriterionResult:
    """How one criterion judged a pair: ``value`` 0–1, or None where the criterion does not apply."""

    criterion: str
    weight: float
    value: float | None
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class PairExplanation:
    """One given mentee–mentor pair judged as a run would: score 0–100, the per-criterion breakdown and,
    if hard rules (or the coordinator's forbidden pairs) exclude it, ``exclusion``: a ``pair_excluded``
    reason whose ``rules`` parameter names them (see ``rules.RULES``)."""

    mentee_id: str
    mentor_id: str
    score: float
    breakdown: tuple[CriterionResult, ...]
    exclusion: Reason | None

    @property
    def allowed(self) -> bool:
        """Whether a run may form the pair (a coordinator's lock keeps a pair even when it is not)."""
        return self.exclusion is None


@dataclass(frozen=True)
class Alternative:
    """One of a mentee's next best allowed mentors, and whether that mentor still has room."""

    mentor_id: str
    score: float
    has_capacity: bool


@dataclass(frozen=True)
class MenteeResult:
    """The outcome for one mentee: the mentor (None if unmatched) with score and breakdown, or why not."""

    mentee_id: str
    mentor_id: str | None
    score: float | None
    locked: bool
    breakdown: tuple[CriterionResult, ...]
    unmatched_reason: Reason | None
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class MatchResult:
    """All mentees' outcomes in input order, with the objective's two figures."""

    results: tuple[MenteeResult, ...]
    matched: int
    total_score: float

    @property
    def pairs(self) -> dict[str, str]:
        """Mentee id → mentor id for every matched mentee."""
        return {r.mentee_id: r.mentor_id for r in self.results if r.mentor_id is not None}
