"""The parameters of each kind of criterion: checked and normalised before they are stored.

A criterion's `params` is JSON. Its shape per kind (keys not listed are refused):

- employment_status: {"statuses": ["job_seeking", ...]}  the applicant's status is one of these
- swedish_level:     {"min_level": "B1"}  CEFR; an SFI course is accepted and stored as its CEFR level
- language:          {"code": "en", "min_level": "B2"}  an ISO 639 code and a CEFR level
- occupation:        {"codes": ["2411", "241"], "match_digits": 3}  SSYK 2012 codes at any level; see
                     `evaluation.occupation_matches` for how match_digits is read
- experience_years:  {"min": 3}
- years_in_sweden:   {"min": null, "max": 5}  at least one bound
- region:            {"counties": ["12"], "municipalities": ["0180"]}  at least one code
- age_band:          {"min": 18, "max": 67}  at least one bound
- meeting_format:    {"formats": ["in_person"]}  what the program offers: in_person and/or online
- custom_question:   {"question": 12, "label": {"sv": "…", "en": "…"}} and one of
                     {"answer": true} (yes/no), {"choices": ["Ja, legitimerad"], "several": true}
                     (the accepted options by their Swedish labels, as answers store them; "several" for
                     a question with several choices) or {"min": 3, "max": null} (a scale).
                     Whether question 12 is on the role's form is checked by `services` (this module knows
                     no forms); the label is the question's wording when the criterion was saved, shown in
                     reasons without a query.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.reference import data as reference
from tandem.reference.choices import (
    CEFR_LEVELS,
    SFI_TO_CEFR,
    CriterionKind,
    EmploymentStatus,
    MeetingFormat,
)

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}$")
Params = dict[str, Any]


def _only(params: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(params, dict):
        raise ValidationError(_("The settings of a criterion must be a set of named values."))
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ValidationError(_("Unknown settings: %(names)s."), params={"names": ", ".join(unknown)})
    return params


def _choices(value: Any, allowed: set[str], what: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one %(what)s."), params={"what": what})
    bad = [str(item) for item in value if item not in allowed]
    if bad:
        raise ValidationError(
            _("Not a valid %(what)s: %(values)s."), params={"what": what, "values": ", ".join(bad)}
        )
    return sorted(set(value))


def _whole(value: Any, *, low: int, high: int, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            _("%(what)s must be a whole number from %(low)s to %(high)s."),
            params={"what": what, "low": low, "high": high},
        )
    return value


def _bounds(params: Params, *, low: int, high: int, what: str) -> Params:
    params = _only(params, {"min", "max"})
    lower = _whole(params.get("min"), low=low, high=high, what=what)
    upper = _whole(params.get("max"), low=low, high=high, what=what)
    if lower is None and upper is None:
        raise ValidationError(_("Give a lowest or a highest value, or both."))
    if lower is not None and upper is not None and lower > upper:
        raise ValidationError(_("The lowest value is higher than the highest."))
    return {"min": lower, "max": upper}


def _level(value: Any) -> str:
    level = SFI_TO_CEFR.get(value, value)
    if level not in CEFR_LEVELS:
        raise ValidationError(_("Choose a level from A1 to C2."))
    return level


def _employment_status(params: Params) -> Params:
    params = _only(params, {"statuses"})
    return {"statuses": _choices(params.get("statuses"), set(EmploymentStatus.values), str(_("status")))}


def _swedish_level(params: Params) -> Params:
    params = _only(params, {"min_level"})
    return {"min_level": _level(params.get("min_level"))}


def _language(params: Params) -> Params:
    params = _only(params, {"code", "min_level"})
    code = params.get("code")
    if not isinstance(code, str) or not LANGUAGE_CODE_RE.match(code):
        raise ValidationError(_("Give the language as a two- or three-letter code, such as en or ar."))
    return {"code": code, "min_level": _level(params.get("min_level"))}


def _occupation(params: Params) -> Params:
    params = _only(params, {"codes", "match_digits"})
    codes = _choices(params.get("codes"), set(reference.ssyk_codes()), str(_("SSYK code")))
    digits = _whole(params.get("match_digits", 4), low=1, high=4, what=str(_("Digits to match")))
    return {"codes": codes, "match_digits": digits}


def _experience_years(params: Params) -> Params:
    params = _only(params, {"min"})
    lowest = _whole(params.get("min"), low=0, high=60, what=str(_("Years of experience")))
    if lowest is None:
        raise ValidationError(_("Give the least number of years."))
    return {"min": lowest}


def _years_in_sweden(params: Params) -> Params:
    return _bounds(params, low=0, high=100, what=str(_("Years in Sweden")))


def _region(params: Params) -> Params:
    params = _only(params, {"counties", "municipalities"})
    places = reference.municipalities()
    counties = params.get("counties") or []
    municipalities = params.get("municipalities") or []
    if not counties and not municipalities:
        raise ValidationError(_("Choose at least one county or municipality."))
    result: Params = {"counties": [], "municipalities": []}
    if counties:
        known = {place.county_code for place in places.values()}
        result["counties"] = _choices(counties, known, str(_("county code")))
    if municipalities:
        result["municipalities"] = _choices(municipalities, set(places), str(_("municipality code")))
    return result


def _age_band(params: Params) -> Params:
    return _bounds(params, low=15, high=100, what=str(_("Age")))


def _meeting_format(params: Params) -> Params:
    params = _only(params, {"formats"})
    offered = {MeetingFormat.IN_PERSON.value, MeetingFormat.ONLINE.value}
    return {"formats": _choices(params.get("formats"), offered, str(_("meeting format")))}


def _custom_question(params: Params) -> Params:
    params = _only(params, {"question", "label", "answer", "choices", "several", "min", "max"})
    question = params.get("question")
    if isinstance(question, bool) or not isinstance(question, int) or question < 1:
        raise ValidationError(_("Choose a question of the form."))
    label = params.get("label") or {}
    if not isinstance(label, dict) or not all(isinstance(v, str) for v in label.values()):
        raise ValidationError(_("The wording of the question is not valid."))
    result: Params = {"question": question, "label": {str(k): v for k, v in label.items()}}
    expectations = [key for key in ("answer", "choices") if key in params]
    if "min" in params or "max" in params:
        expectations.append("bounds")
    if len(expectations) != 1:
        raise ValidationError(_("Say which answer the question needs."))
    if "answer" in params:
        if not isinstance(params["answer"], bool):
            raise ValidationError(_("Choose yes or no."))
        result["answer"] = params["answer"]
    elif "choices" in params:
        choices = params["choices"]
        if not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c for c in choices):
            raise ValidationError(_("Tick at least one answer that is accepted."))
        result["choices"] = sorted(set(choices))
        if params.get("several"):
            result["several"] = True  # the answer is a list: at least one accepted option ticked
    else:
        result.update(
            _bounds(
                {"min": params.get("min"), "max": params.get("max")}, low=0, high=100, what=str(_("Answer"))
            )
        )
    return result


CLEANERS: dict[str, Callable[[Params], Params]] = {
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


def clean_params(kind: str, params: Any) -> Params:
    """The parameters of a criterion of `kind`, normalised; ValidationError names what is wrong."""
    cleaner = CLEANERS.get(kind)
    if cleaner is None:
        raise ValidationError(_("Unknown kind of criterion."))
    return cleaner(params)
