"""Accepted applications → the matching engine's plain data, one query per side, so the engine stays pure.

The pool of a program is every accepted mentee who is not in a live pair (waiting for answers or
active), and every accepted mentor with a free place (capacity minus live pairs). A mentor's capacity is
the coordinator's figure (MentorCapacity) if there is one, else the mentor's own answer on the form
(Application.mentee_capacity), else 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from tandem.applications.models import Application
from tandem.matching.criteria import CRITERIA
from tandem.matching.model import HardRules, Mentee, Mentor
from tandem.pairs.models import Pair
from tandem.programs.models import Program
from tandem.reference.choices import Role, cefr_of

ACCEPTED = Application.Status.ACCEPTED
DEFAULT_CAPACITY = 1  # mentees per mentor when neither the coordinator nor the mentor said
FACT_FIELDS = (
    "id",
    "program",
    "role",
    "status",
    "language",
    "first_name",
    "last_name",
    "occupation_now",
    "occupation_wanted",
    "swedish_level",
    "other_languages",
    "municipality",
    "meeting_format",
    "gender",
    "mentor_gender_wish",
    "birth_year",
    "experience_years",
    "current_employer",
    "exclusions",
    "about_me",
    "skills",
    "motivation",
    "expectations",
)
_SEPARATORS = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class Cohort:
    """What one matching run works on: the engine's people, weights and hard rules."""

    mentees: list[Mentee]
    mentors: list[Mentor]
    weights: dict[str, float]
    rules: HardRules
    capacities: dict[str, int] = field(default_factory=dict)

    @property
    def mentee_ids(self) -> set[str]:
        return {m.id for m in self.mentees}

    @property
    def mentor_ids(self) -> set[str]:
        return {m.id for m in self.mentors}


def available_mentees(program: Program) -> QuerySet[Application]:
    """Accepted mentees of the program who are not in a live pair, oldest application first."""
    in_pair = Pair.objects.live().filter(mentee=OuterRef("pk"))
    return (
        Application.objects.filter(program=program, role=Role.MENTEE, status=ACCEPTED)
        .exclude(Exists(in_pair))
        .only(*FACT_FIELDS)
        .order_by("id")
    )


def available_mentors(program: Program) -> QuerySet[Application]:
    """Accepted mentors of the program with a free place; each row carries ``capacity`` and ``free``."""
    taken = (
        Pair.objects.live()
        .filter(mentor=OuterRef("pk"))
        .order_by()
        .values("mentor")
        .annotate(count=Count("id"))
        .values("count")
    )
    return (
        Application.objects.filter(program=program, role=Role.MENTOR, status=ACCEPTED)
        .annotate(
            capacity=Coalesce(
                F("mentor_capacity__capacity"),
                F("mentee_capacity"),
                Value(DEFAULT_CAPACITY),
                output_field=IntegerField(),
            ),
            taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)),
        )
        .annotate(free=F("capacity") - F("taken"))
        .filter(free__gt=0)
        .only(*FACT_FIELDS)
        .order_by("id")
    )


def own_capacity(mentor: Application) -> int:
    """The mentor's own figure, without the coordinator's: their answer on the form, else 1."""
    return mentor.mentee_capacity or DEFAULT_CAPACITY


class FactRow(dict):
    """One application's facts as read with ``.values()`` (no model instance to build): the engine's
    adapters read it as they read an Application."""

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError as missing:
            raise AttributeError(name) from missing

    @property
    def pk(self) -> int:
        return self["id"]

    @property
    def full_name(self) -> str:
        return f"{self['first_name']} {self['last_name']}".strip()


def _rows(applications: QuerySet[Application], *extra: str) -> list[FactRow]:
    fields = [name for name in FACT_FIELDS if name != "program"]
    return [FactRow(row) for row in applications.values(*fields, *extra)]


def load_cohort(program: Program, *, weights: Mapping[str, float], rules: Mapping[str, bool]) -> Cohort:
    """The program's pool as engine data (two queries: mentees, then mentors with their free places),
    read as plain rows: a pool of thousands is read in a fraction of a second."""
    mentee_rows = _rows(available_mentees(program))
    mentor_rows = _rows(available_mentors(program), "free")
    mentee_names = _ids_by_name(mentee_rows)
    mentor_names = _ids_by_name(mentor_rows)
    return Cohort(
        mentees=[mentee_from(a, mentor_names) for a in mentee_rows],  # type: ignore[arg-type]
        mentors=[mentor_from(a, a.free, mentee_names) for a in mentor_rows],  # type: ignore[arg-type]
        weights=engine_weights(weights),
        rules=hard_rules(rules),
        capacities={str(a.pk): a.free for a in mentor_rows},
    )


def engine_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Only the engine's criteria, as floats ≥ 0 (anything else stored is ignored)."""
    return {name: max(0.0, float(weights.get(name, 0) or 0)) for name in CRITERIA}


def hard_rules(rules: Mapping[str, bool]) -> HardRules:
    return HardRules(
        exclusions=bool(rules.get("exclusions", True)),
        same_employer=bool(rules.get("same_employer", True)),
        gender_wish=bool(rules.get("gender_wish", True)),
        meeting_format=bool(rules.get("meeting_format", True)),
    )


def mentee_from(application: Application, mentor_names: Mapping[str, str] | None = None) -> Mentee:
    return Mentee(
        id=str(application.pk),
        occupation_wanted=application.occupation_wanted or None,
        occupation_earlier=application.occupation_now or None,
        languages=languages_of(application),
        municipality=application.municipality or None,
        meeting_format=application.meeting_format or None,
        goals=_text(application.expectations, application.motivation),
        gender=application.gender or None,
        mentor_gender_wish=application.mentor_gender_wish or None,
        birth_year=application.birth_year,
        experience_years=application.experience_years,
        employer=application.current_employer or None,
        excluded=exclusions_of(application, mentor_names or {}),
    )


def mentor_from(
    application: Application, capacity: int, mentee_names: Mapping[str, str] | None = None
) -> Mentor:
    return Mentor(
        id=str(application.pk),
        occupation=application.occupation_now or None,
        languages=languages_of(application),
        municipality=application.municipality or None,
        meeting_format=application.meeting_format or None,
        expertise=_text(application.skills, application.about_me),
        capacity=max(1, capacity),
        gender=application.gender or None,
        birth_year=application.birth_year,
        experience_years=application.experience_years,
        employer=application.current_employer or None,
        excluded=exclusions_of(application, mentee_names or {}),
    )


def languages_of(application: Application) -> dict[str, str]:
    """ISO code → CEFR level: Swedish from the Swedish level (SFI courses counted down), then the rest."""
    languages: dict[str, str] = {}
    swedish = cefr_of(application.swedish_level)
    if swedish:
        languages["sv"] = swedish
    for item in application.other_languages or []:
        code, level = (item or {}).get("code"), cefr_of((item or {}).get("level"))
        if code and level and code not in languages:
            languages[code] = level
    return languages


def exclusions_of(application: Application, other_side_names: Mapping[str, str]) -> tuple[str, ...]:
    """The people and employers someone asked to avoid: a name of someone on the other side becomes that
    person's id; anything else stays as written (the engine compares it with employers)."""
    tokens = [" ".join(t.split()) for t in _SEPARATORS.split(application.exclusions or "")]
    return tuple(other_side_names.get(t.casefold(), t) for t in tokens if t)


def _ids_by_name(applications: Iterable[Application | FactRow]) -> dict[str, str]:
    return {" ".join(a.full_name.split()).casefold(): str(a.pk) for a in applications if a.full_name}


def _text(*parts: str) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())
