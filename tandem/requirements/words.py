"""A criterion in words for the editor's list, in the active language ("Swedish at least B1")."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.reference import data as reference
from tandem.reference.choices import CriterionKind, EmploymentStatus, MeetingFormat
from tandem.reference.languages import spoken_language_name
from tandem.requirements.evaluation import expected_words, question_label


def _lang() -> reference.Lang:
    return "sv" if (get_language() or "sv").startswith("sv") else "en"


def _bounds(params: dict[str, Any], unit: str) -> str:
    low, high = params.get("min"), params.get("max")
    if low is not None and high is not None:
        return _("%(low)s to %(high)s %(unit)s") % {"low": low, "high": high, "unit": unit}
    if low is not None:
        return _("at least %(low)s %(unit)s") % {"low": low, "unit": unit}
    return _("at most %(high)s %(unit)s") % {"high": high, "unit": unit}


def _occupations(params: dict[str, Any]) -> str:
    names = [f"{code} {reference.ssyk_title(code, _lang()) or ''}".strip() for code in params["codes"]]
    closeness = {
        4: _("same unit group"),
        3: _("same minor group"),
        2: _("same sub-major group"),
        1: _("same major group"),
    }[params["match_digits"]]
    return f"{', '.join(names)} ({closeness})"


def _places(params: dict[str, Any]) -> str:
    places = reference.municipalities()
    counties = {place.county_code: place.county_name for place in places.values()}
    names = [counties.get(code, code) for code in params.get("counties", [])]
    names += [places[code].name if code in places else code for code in params.get("municipalities", [])]
    return ", ".join(names)


def criterion_words(kind: str, params: dict[str, Any]) -> str:
    """What a criterion asks for, e.g. "Looking for a job or Studying" or "English at least B2"."""
    if kind == CriterionKind.EMPLOYMENT_STATUS:
        return ", ".join(str(EmploymentStatus(status).label) for status in params["statuses"])
    if kind == CriterionKind.SWEDISH_LEVEL:
        return _("Swedish at least %(level)s") % {"level": params["min_level"]}
    if kind == CriterionKind.LANGUAGE:
        return _("%(language)s at least %(level)s") % {
            "language": spoken_language_name(params["code"]),
            "level": params["min_level"],
        }
    if kind == CriterionKind.OCCUPATION:
        return _occupations(params)
    if kind == CriterionKind.EXPERIENCE_YEARS:
        return _("at least %(years)s years") % {"years": params["min"]}
    if kind == CriterionKind.YEARS_IN_SWEDEN:
        return _bounds(params, _("years"))
    if kind == CriterionKind.REGION:
        return _places(params)
    if kind == CriterionKind.AGE_BAND:
        return _bounds(params, _("years old"))
    if kind == CriterionKind.CUSTOM_QUESTION:
        return _("“%(question)s”: %(expected)s") % {
            "question": question_label(params),
            "expected": expected_words(params),
        }
    if kind == CriterionKind.MEETING_FORMAT:
        return ", ".join(str(MeetingFormat(f).label).lower() for f in params["formats"])
    return ""
