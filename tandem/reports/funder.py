"""The funder report's figures, from plain rows (no database), and the registry of report formats.

Decisions:

- A participant in a period is a mentee or mentor of a mentorship that started on or before the period's
  last day and had not ended before its first day; each person counts once, whatever their pairs.
- Age is counted at the period's last day from the year of birth; the bands are the ESF's: under 25,
  25–54, 55 and over.
- Newly arrived: at most three years in Sweden when they applied (the establishment period); unknown when
  the application did not say.
- Participant hours: each logged pair meeting's length counted for both people, plus the length of each
  common meeting for everyone checked in.
- Costs: actual costs dated in the period; the funder's share is the part of the costs booked on this
  funding source (amount × share).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.reference.choices import EmploymentStatus, Gender, Role
from tandem.reference.data import municipalities

ZERO = Decimal("0")
CENT = Decimal("0.01")
NEWLY_ARRIVED_YEARS = 3


@dataclass(frozen=True)
class Person:
    application_id: int
    role: str
    gender: str
    birth_year: int | None
    employment_status: str
    municipality: str
    years_in_sweden: int | None


def unknown() -> str:
    return _("Not stated")


def age_band(person: Person, on: date) -> str:
    if person.birth_year is None:
        return unknown()
    age = on.year - person.birth_year
    if age < 25:
        return _("Under 25")
    if age <= 54:
        return _("25–54")
    return _("55 and over")


def county(person: Person, on: date) -> str:
    found = municipalities().get(person.municipality)
    return found.county_name if found else unknown()


def newly_arrived(person: Person, on: date) -> str:
    if person.years_in_sweden is None:
        return unknown()
    return _("Newly arrived") if person.years_in_sweden <= NEWLY_ARRIVED_YEARS else _("Not newly arrived")


def _choice(choices: type, attribute: str) -> Callable[[Person, date], str]:
    labels = dict(choices.choices)  # type: ignore[attr-defined]

    def label(person: Person, on: date) -> str:
        value = getattr(person, attribute)
        return str(labels[value]) if value in labels else unknown()

    return label


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: Callable[[], str]
    label: Callable[[Person, date], str] | None  # None: not collected in Tandem
    order: Callable[[], list[str]] = field(default=lambda: [])


BREAKDOWNS = {
    "role": Breakdown("role", lambda: _("Role"), _choice(Role, "role")),
    "gender": Breakdown(
        "gender", lambda: _("Gender"), _choice(Gender, "gender"), lambda: [str(g) for _v, g in Gender.choices]
    ),
    "age": Breakdown(
        "age", lambda: _("Age"), age_band, lambda: [_("Under 25"), _("25–54"), _("55 and over")]
    ),
    "employment": Breakdown(
        "employment", lambda: _("Employment status"), _choice(EmploymentStatus, "employment_status")
    ),
    "county": Breakdown("county", lambda: _("County"), county),
    "newly_arrived": Breakdown(
        "newly_arrived",
        lambda: _("Newly arrived"),
        newly_arrived,
        lambda: [_("Newly arrived"), _("Not newly arrived")],
    ),
    "education_level": Breakdown("education_level", lambda: _("Level of education"), None),
}


@dataclass(frozen=True)
class ReportDefinition:
    """A funder's format: which breakdowns of the participants it asks for."""

    key: str
    name: object  # lazy text
    breakdowns: tuple[str, ...]
    participant_fields: tuple[str, ...] = ()  # Application fields of the participant list, if asked for


_definitions: dict[str, ReportDefinition] = {}


def register(definition: ReportDefinition) -> None:
    _definitions[definition.key] = definition


def definitions() -> list[ReportDefinition]:
    return list(_definitions.values())


def definition(key: str) -> ReportDefinition:
    return _definitions[key]


register(
    ReportDefinition(
        "general",
        gettext_lazy("General funder report"),
        ("role", "gender", "age", "employment", "county", "newly_arrived"),
        ("first_name", "last_name", "role", "birth_year", "gender", "municipality", "employment_status"),
    )
)
register(
    ReportDefinition(
        "esf",
        gettext_lazy("ESF: participants"),
        ("gender", "age", "employment", "education_level"),
        ("first_name", "last_name", "birth_year", "gender", "employment_status"),
    )
)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    rows: list[tuple[str, int, int, int]]  # label, mentees, mentors, all
    collected: bool = True


def breakdown(people: Sequence[Person], key: str, on: date) -> Table:
    spec = BREAKDOWNS[key]
    if spec.label is None:
        return Table(key, spec.title(), [], collected=False)
    counts: dict[str, Counter[str]] = {}
    for person in people:
        counts.setdefault(spec.label(person, on), Counter())[person.role] += 1
    order = spec.order()
    labels = [label for label in order if label in counts] + sorted(
        label for label in counts if label not in order and label != unknown()
    )
    if unknown() in counts:
        labels.append(unknown())
    rows = [
        (label, counts[label]["mentee"], counts[label]["mentor"], sum(counts[label].values()))
        for label in labels
    ]
    return Table(key, spec.title(), rows)


def distinct_people(rows: Iterable[Person]) -> list[Person]:
    seen: dict[int, Person] = {}
    for person in rows:
        seen.setdefault(person.application_id, person)
    return list(seen.values())


@dataclass(frozen=True)
class CostRow:
    cost_item: str
    planned: Decimal
    actual: Decimal
    funder_share: Decimal


def costs_by_item(
    planned: Iterable[tuple[str, Decimal]], actual: Iterable[tuple[str, Decimal, Decimal, bool]]
) -> list[CostRow]:
    """`planned`: (cost item, planned amount) per budget line; `actual`: (cost item, amount, share in per
    cent, booked on this funder) per actual cost in the period."""
    plan: dict[str, Decimal] = {}
    used: dict[str, Decimal] = {}
    share: dict[str, Decimal] = {}
    for item, amount in planned:
        plan[item] = plan.get(item, ZERO) + amount
    for item, amount, percent, on_funder in actual:
        used[item] = used.get(item, ZERO) + amount
        if on_funder:
            share[item] = share.get(item, ZERO) + amount * percent / 100
    items = list(plan) + [item for item in used if item not in plan]
    return [
        CostRow(
            item, plan.get(item, ZERO), used.get(item, ZERO), share.get(item, ZERO).quantize(Decimal("0.01"))
        )
        for item in items
    ]


def participant_hours(pair_minutes: Iterable[int], common_minutes_attended: Iterable[int]) -> Decimal:
    minutes = 2 * sum(pair_minutes) + sum(common_minutes_attended)
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class GoalRow:
    """A program goal's line in the report, worded: the result is hidden for fewer than five answers."""

    goal: str
    indicator: str
    measured_by: str
    result: str
    target: str
    reached: str


def goal_row(result) -> GoalRow:
    """`result`: a `tandem.followup.attainment.GoalResult`."""
    from django.utils.formats import number_format
    from django.utils.translation import ngettext

    goal = result.goal
    if not result.shown:
        text = ngettext(
            "too few to show (%(count)s answer)", "too few to show (%(count)s answers)", result.respondents
        ) % {"count": result.respondents}
    elif goal.unit == "count":
        text = ngettext("%(count)s person of %(total)s", "%(count)s people of %(total)s", result.hits) % {
            "count": result.hits,
            "total": result.respondents,
        }
    else:
        share = number_format(result.value, use_l10n=True)
        text = _("%(share)s %% of %(total)s") % {"share": share, "total": result.respondents}
    if goal.target_value is None:
        target = "–"
    else:
        target = number_format(goal.target_value.normalize(), use_l10n=True)
        target += " %" if goal.unit == "percent" else ""
    reached = "–" if result.reached is None else _("Yes") if result.reached else _("Not yet")
    return GoalRow(goal.description, goal.indicator, result.get_measure_display(), text, target, reached)
