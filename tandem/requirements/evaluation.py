"""Check one applicant against a requirement profile. Pure: plain data in, plain data out, no queries.

Rules, chosen and kept on purpose:

- A must-criterion that fails goes into `failed_musts` with the reason.
- A value the applicant did not give (the form did not ask, or they skipped it) is *unknown*, never a
  failure. An unknown must goes into `unknowns` and makes `passes` False: "passes" means "we know the
  applicant meets every must". Staff see the difference: `failed_musts` says "does not meet",
  `unknowns` says "check by hand" (see `Evaluation.needs_check`).
- An unknown should counts neither for nor against: it is left out of the score. The score is the
  weight of the should-criteria met, as a share (0–100) of the weight of those that could be checked;
  with nothing to check it is 100 (nothing speaks against the applicant).
- Age is the age reached during the calendar year of `today` (applications hold a birth year only).
- SFI courses count as CEFR levels (see `choices.SFI_TO_CEFR`: A→A1, B→A2, C→A2, D→B1).
- Occupation: a mentee is compared by the occupation they want, a mentor by the one they have now.
  An occupation written in the applicant's own words and not yet mapped to SSYK *needs mapping*
  (`NEEDS_MAPPING`): never met silently. As a must it keeps the applicant from passing (check by hand,
  like an unknown); as a should it counts as not met in the score until a coordinator maps it.
- A custom question of the form (`custom_question`) is checked against the applicant's answer. A question
  the applicant left unanswered *fails* ("not answered"), must or should: the form asked it, so no answer
  is an answer. Yes/no wants the answer given; one choice wants one of the accepted options; several
  choices want at least one of them ticked; a scale wants a number within the bounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from tandem.reference import data as reference
from tandem.reference.choices import (
    CriterionKind,
    EmploymentStatus,
    Importance,
    MeetingFormat,
    Role,
    cefr_of,
    cefr_rank,
)

FAILED = "failed"
UNKNOWN = "unknown"
NEEDS_MAPPING = "needs_mapping"  # an occupation in own words, not mapped to SSYK yet


class CriterionLike(Protocol):
    """What `evaluate` reads from a criterion: a `Criterion` row or any object with these attributes."""

    @property
    def kind(self) -> str: ...
    @property
    def importance(self) -> str: ...
    @property
    def weight(self) -> int: ...
    @property
    def params(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion as plain data, for tests and for profiles that are not stored."""

    kind: str
    importance: str
    params: dict[str, Any]
    weight: int = 1
    pk: int | None = None


@dataclass(frozen=True)
class ApplicantFacts:
    """What we know about an applicant. None means unknown.

    `languages` maps ISO 639 codes to CEFR levels; None means the question was not answered, while an
    empty mapping means the applicant speaks no other language. Swedish is `swedish_level` (a CEFR level
    or an SFI course code such as "SFI_C").
    """

    role: str
    employment_status: str | None = None
    swedish_level: str | None = None
    languages: Mapping[str, str] | None = None
    occupation_now: str | None = None
    occupation_wanted: str | None = None
    occupation_now_unmapped: bool = False  # given in own words only, with no SSYK code yet
    occupation_wanted_unmapped: bool = False
    experience_years: int | None = None
    years_in_sweden: int | None = None
    municipality_code: str | None = None
    birth_year: int | None = None
    meeting_format: str | None = None
    # Answers to the form's custom questions by question id (only those answered): True/False for
    # yes/no, the Swedish label for one choice, a list of them for several, a number for a scale.
    answers: Mapping[int, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    """Why a criterion failed or could not be checked. JSON-friendly: codes and numbers only."""

    kind: str
    importance: str
    outcome: str
    params: dict[str, Any] = field(default_factory=dict)
    actual: Any = None
    criterion_id: int | None = None

    @property
    def message(self) -> str:
        """The reason in the active language."""
        return describe(self)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "importance": self.importance,
            "outcome": self.outcome,
            "params": self.params,
            "actual": self.actual,
            "criterion_id": self.criterion_id,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Reason:
        return cls(
            kind=data["kind"],
            importance=data["importance"],
            outcome=data["outcome"],
            params=dict(data.get("params") or {}),
            actual=data.get("actual"),
            criterion_id=data.get("criterion_id"),
        )


@dataclass(frozen=True)
class Evaluation:
    passes: bool
    failed_musts: list[Reason]
    score: int
    unknowns: list[Reason]
    failed_shoulds: list[Reason] = field(default_factory=list)

    @property
    def needs_check(self) -> bool:
        """No must failed, but some could not be checked."""
        return not self.failed_musts and any(r.importance == Importance.MUST for r in self.unknowns)

    def flags(self) -> list[dict[str, Any]]:
        """Every reason as JSON, for `Application.requirement_flags`."""
        return [r.as_json() for r in [*self.failed_musts, *self.unknowns, *self.failed_shoulds]]


def evaluate(profile_criteria: Iterable[CriterionLike], facts: ApplicantFacts, *, today: date) -> Evaluation:
    """Check `facts` against every criterion of a profile (see the module's docstring for the rules)."""
    failed_musts: list[Reason] = []
    failed_shoulds: list[Reason] = []
    unknowns: list[Reason] = []
    known_weight = met_weight = 0
    for criterion in profile_criteria:
        params = dict(criterion.params or {})
        actual, met = _CHECKS[criterion.kind](params, facts, today)
        is_must = criterion.importance == Importance.MUST
        outcome = UNKNOWN if met is None else FAILED
        if met == NEEDS_MAPPING:
            outcome, met = NEEDS_MAPPING, (None if is_must else False)
        reason = Reason(
            kind=criterion.kind,
            importance=criterion.importance,
            outcome=outcome,
            params=params,
            actual=actual,
            criterion_id=getattr(criterion, "pk", None),
        )
        if met is None:
            unknowns.append(reason)
        elif is_must:
            if not met:
                failed_musts.append(reason)
        else:
            known_weight += criterion.weight
            if met:
                met_weight += criterion.weight
            else:
                failed_shoulds.append(reason)
    score = round(100 * met_weight / known_weight) if known_weight else 100
    passes = not failed_musts and not any(r.importance == Importance.MUST for r in unknowns)
    return Evaluation(passes, failed_musts, score, unknowns, failed_shoulds)


# --- One check per kind: (the applicant's value, True/False, or None when unknown) -------------------


def _employment_status(params, facts: ApplicantFacts, today: date):
    value = facts.employment_status or None
    return value, None if value is None else value in params["statuses"]


def _level_at_least(level: str | None, minimum: str) -> bool | None:
    cefr = cefr_of(level)
    return None if cefr is None else cefr_rank(cefr) >= cefr_rank(minimum)


def _swedish_level(params, facts: ApplicantFacts, today: date):
    return facts.swedish_level or None, _level_at_least(facts.swedish_level, params["min_level"])


def _language(params, facts: ApplicantFacts, today: date):
    if params["code"] == "sv":
        return _swedish_level({"min_level": params["min_level"]}, facts, today)
    if facts.languages is None:
        return None, None
    level = facts.languages.get(params["code"])
    if level is None:
        return None, False
    return level, _level_at_least(level, params["min_level"])


def occupation_matches(code: str, wanted: Iterable[str], match_digits: int) -> bool:
    """Whether an SSYK code matches any of `wanted` on the first `match_digits` digits.

    A wanted code shorter than `match_digits` is matched on its own length, so ["24"] with 4 digits
    means "anywhere in sub-major group 24", and ["2411"] with 3 digits means "in minor group 241".
    """
    for other in wanted:
        digits = min(match_digits, len(other))
        if len(code) >= digits and code[:digits] == other[:digits]:
            return True
    return False


def _occupation(params, facts: ApplicantFacts, today: date):
    mentee = facts.role == Role.MENTEE
    code = facts.occupation_wanted if mentee else facts.occupation_now
    if not code:
        unmapped = facts.occupation_wanted_unmapped if mentee else facts.occupation_now_unmapped
        return None, NEEDS_MAPPING if unmapped else None
    return code, occupation_matches(code, params["codes"], params["match_digits"])


def _within(value: int | None, params) -> bool | None:
    if value is None:
        return None
    low, high = params.get("min"), params.get("max")
    return (low is None or value >= low) and (high is None or value <= high)


def _experience_years(params, facts: ApplicantFacts, today: date):
    return facts.experience_years, _within(facts.experience_years, {"min": params["min"]})


def _years_in_sweden(params, facts: ApplicantFacts, today: date):
    return facts.years_in_sweden, _within(facts.years_in_sweden, params)


def _region(params, facts: ApplicantFacts, today: date):
    code = facts.municipality_code or None
    if code is None:
        return None, None
    # A municipality code starts with its county's code (0180 Stockholm is in county 01).
    return code, code in params.get("municipalities", []) or code[:2] in params.get("counties", [])


def _age_band(params, facts: ApplicantFacts, today: date):
    age = None if facts.birth_year is None else today.year - facts.birth_year
    return age, _within(age, params)


def _meeting_format(params, facts: ApplicantFacts, today: date):
    value = facts.meeting_format or None
    if value is None:
        return None, None
    return value, value == MeetingFormat.EITHER or value in params["formats"]


def custom_answer_met(params, value: Any) -> bool:
    """Whether an answer (as stored, never None) meets a custom-question criterion's params."""
    if "answer" in params:
        return value is params["answer"]
    if "choices" in params:
        picked = value if isinstance(value, list) else [value]
        return any(choice in params["choices"] for choice in picked)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return bool(_within(int(value), params))


def _custom_question(params, facts: ApplicantFacts, today: date):
    value = facts.answers.get(params["question"])
    if value in (None, "", []):
        return None, False  # not answered: fails (see the module's docstring)
    return value, custom_answer_met(params, value)


_CHECKS = {
    CriterionKind.EMPLOYMENT_STATUS: _employment_status,
    CriterionKind.SWEDISH_LEVEL: _swedish_level,
    CriterionKind.LANGUAGE: _language,
    CriterionKind.OCCUPATION: _occupation,
    CriterionKind.EXPERIENCE_YEARS: _experience_years,
    CriterionKind.YEARS_IN_SWEDEN: _years_in_sweden,
    CriterionKind.REGION: _region,
    CriterionKind.AGE_BAND: _age_band,
    CriterionKind.MEETING_FORMAT: _meeting_format,
    CriterionKind.CUSTOM_QUESTION: _custom_question,
}


# --- Reasons in words (in the active language) ------------------------------------------------------


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _level_words(level: str | None) -> str:
    cefr = cefr_of(level)
    if level and level != cefr:
        return _("SFI course %(course)s (about %(level)s)") % {"course": level[-1], "level": cefr}
    return str(level)


def _bounds_words(params) -> str:
    low, high = params.get("min"), params.get("max")
    if low is not None and high is not None:
        return _("%(low)s to %(high)s") % {"low": low, "high": high}
    if low is not None:
        return _("at least %(low)s") % {"low": low}
    return _("at most %(high)s") % {"high": high}


def _occupation_words(code: str) -> str:
    title = reference.ssyk_title(code, "sv" if (get_language() or "sv").startswith("sv") else "en")
    return f"{code} {title}" if title else code


def _place_words(code: str) -> str:
    place = reference.municipalities().get(code)
    return place.name if place else code


def question_label(params: Mapping[str, Any]) -> str:
    """The question a custom-question criterion is about, in the active language (the wording saved with
    the criterion: Swedish when it has none in that language)."""
    labels = params.get("label") or {}
    language = (get_language() or "sv").split("-")[0]
    return str(labels.get(language) or labels.get("sv") or next(iter(labels.values()), ""))


def answer_words(value: Any) -> str:
    """An answer to a custom question as staff read it: yes/no translated, choices as given."""
    if value is True:
        return str(_("yes"))
    if value is False:
        return str(_("no"))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def expected_words(params: Mapping[str, Any]) -> str:
    """What a custom-question criterion asks for: "yes", "one of: A, B", "3 to 5"."""
    if "answer" in params:
        return answer_words(params["answer"])
    if "choices" in params:
        return _("one of: %(choices)s") % {"choices": ", ".join(params["choices"])}
    return _bounds_words(params)


def _describe_custom(reason: Reason) -> str:
    words = {"question": question_label(reason.params), "expected": expected_words(reason.params)}
    if reason.actual is None:
        return _("Not answered: “%(question)s” (the profile asks for %(expected)s).") % words
    return _("Answered “%(actual)s” to “%(question)s”; the profile asks for %(expected)s.") % {
        **words,
        "actual": answer_words(reason.actual),
    }


def describe(reason: Reason) -> str:
    """A sentence for staff saying why a criterion failed or could not be checked."""
    kind = CriterionKind(reason.kind)
    if reason.outcome == NEEDS_MAPPING:
        return _("Needs mapping: the occupation is in the applicant's own words and has no SSYK group yet.")
    if kind == CriterionKind.CUSTOM_QUESTION:
        return _describe_custom(reason)
    if reason.outcome == UNKNOWN:
        return _("Not known: %(criterion)s.") % {"criterion": kind.label}
    params, actual = reason.params, reason.actual
    if kind == CriterionKind.EMPLOYMENT_STATUS:
        expected = ", ".join(str(EmploymentStatus(s).label) for s in params["statuses"])
        return _("Employment status is “%(actual)s”, not one of: %(expected)s.") % {
            "actual": EmploymentStatus(actual).label,
            "expected": expected,
        }
    if kind == CriterionKind.SWEDISH_LEVEL or (kind == CriterionKind.LANGUAGE and params["code"] == "sv"):
        return _("Swedish at level %(actual)s; at least %(expected)s is needed.") % {
            "actual": _level_words(actual),
            "expected": params["min_level"],
        }
    if kind == CriterionKind.LANGUAGE:
        words = {
            "language": _language_name(params["code"]),
            "actual": actual,
            "expected": params["min_level"],
        }
        if actual is None:
            return _("Does not speak %(language)s; at least %(expected)s is needed.") % words
        return _("%(language)s at level %(actual)s; at least %(expected)s is needed.") % words
    if kind == CriterionKind.OCCUPATION:
        return _("Occupation %(actual)s is not among %(expected)s (compared on %(digits)s digits).") % {
            "actual": _occupation_words(actual),
            "expected": ", ".join(_occupation_words(code) for code in params["codes"]),
            "digits": params["match_digits"],
        }
    if kind == CriterionKind.EXPERIENCE_YEARS:
        return _("%(actual)s years of work experience; at least %(expected)s are needed.") % {
            "actual": actual,
            "expected": params["min"],
        }
    if kind == CriterionKind.YEARS_IN_SWEDEN:
        return _("%(actual)s years in Sweden; the profile asks for %(expected)s.") % {
            "actual": actual,
            "expected": _bounds_words(params),
        }
    if kind == CriterionKind.REGION:
        return _("Lives in %(actual)s, outside the program's region.") % {"actual": _place_words(actual)}
    if kind == CriterionKind.AGE_BAND:
        return _("Age %(actual)s; the profile asks for %(expected)s.") % {
            "actual": actual,
            "expected": _bounds_words(params),
        }
    return _("Can meet %(actual)s only; the program offers %(expected)s.") % {
        "actual": str(MeetingFormat(actual).label).lower(),
        "expected": ", ".join(str(MeetingFormat(f).label).lower() for f in params["formats"]),
    }
