"""The engine's reasons, stored as JSON and read back: for the coordinator in full (through the engine's
own Swedish and English wording), and for the two participants as a few friendly lines in their language.

Stored breakdown: ``[{"criterion", "weight", "value", "reasons": [{"code", "params"}]}, …]``.
Stored unmatched reason: ``{"code", "params"}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from tandem.matching.explain import LANGUAGE_NAMES, REASON_CODES, describe
from tandem.matching.model import CriterionResult, Reason
from tandem.reference.data import municipalities, ssyk_title

# Reasons of our own, for changes the coordinator made to a proposal.
FORBIDDEN_IN_PROPOSAL = "forbidden_in_proposal"

# Closer than this counts as "near each other" for the participants.
NEAR_KM = 40


def plain(value: Any) -> Any:
    """JSON-friendly copies of the engine's parameters (numpy numbers become Python numbers)."""
    if value is None or type(value) in (str, int, float, bool):  # most of them: nothing to do
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


def reason_to_json(reason: Reason) -> dict[str, Any]:
    return {"code": reason.code, "params": plain(dict(reason.params))}


def breakdown_to_json(breakdown: Iterable[CriterionResult]) -> list[dict[str, Any]]:
    return [
        {
            "criterion": c.criterion,
            "weight": float(c.weight),
            "value": None if c.value is None else float(c.value),
            "reasons": [reason_to_json(r) for r in c.reasons],
        }
        for c in breakdown
    ]


def staff_language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _ranked(breakdown: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The criteria adding most to the score first; those that do not apply last (as the engine does)."""
    return sorted(
        breakdown,
        key=lambda c: (c.get("value") is None, -float(c.get("weight", 0)) * float(c.get("value") or 0)),
    )


def describe_stored(reason: Mapping[str, Any], lang: str | None = None) -> str:
    """One stored reason as a phrase in the active staff language."""
    code, params = reason.get("code", ""), reason.get("params", {}) or {}
    if code == FORBIDDEN_IN_PROPOSAL:
        return _("the coordinator forbade the proposed pair")
    if code not in REASON_CODES:
        return code
    return describe(Reason(code, params), lang or staff_language())  # type: ignore[arg-type]


def staff_reasons(breakdown: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every reason of a pair, most important first, as phrases for the coordinator."""
    lang = staff_language()
    return [
        describe_stored(reason, lang)
        for criterion in _ranked(breakdown)
        for reason in criterion.get("reasons", [])
        if reason.get("code") != "wish_none"
    ]


def participant_reasons(breakdown: Sequence[Mapping[str, Any]], side: str) -> list[str]:
    """Why the pair was made, in the active language, for the one of the two on ``side`` ("mentee" or
    "mentor"), who is addressed as "you".

    Only what speaks for the pair, and nothing the other person said in confidence (wishes about gender
    or age, exclusions, what is unknown about them).
    """
    lines: list[str] = []
    for criterion in _ranked(breakdown):
        for reason in criterion.get("reasons", []):
            line = _participant_line(reason.get("code", ""), reason.get("params", {}) or {}, side)
            if line and line not in lines:
                lines.append(line)
    return lines


def _participant_line(code: str, params: Mapping[str, Any], side: str) -> str:
    lang = "en" if not (get_language() or "sv").startswith("sv") else "sv"
    if code == "occupation_match":
        title = (ssyk_title(str(params.get("code") or ""), lang) or "").rstrip(".")  # type: ignore[arg-type]
        if params.get("level", 0) >= 3 and title:
            return _("Your occupations match: %(occupation)s.") % {"occupation": title}
        return _("You work in related occupations.")
    if code == "language_shared":
        return _("You both speak %(language)s.") % {"language": language_name(str(params.get("language")))}
    if code == "place_same_municipality":
        place = municipalities().get(str(params.get("municipality")))
        return _("You both live in %(place)s.") % {"place": place.name} if place else ""
    if code == "place_distance" and float(params.get("km") or NEAR_KM) < NEAR_KM:
        return _("You live near each other.")
    if code == "format_compatible":
        return _("You can both meet the way you prefer.")
    if code in ("goals_shared_words", "goals_similar_wording"):
        if side == "mentee":
            return _("What you hope for fits your mentor's experience.")
        return _("Your experience fits what your mentee hopes for.")
    return ""


def language_name(code: str) -> str:
    """A language's name in the active language: our engine's words in Swedish and English (lower-case
    "svenska", as Swedish writes it), Django's list for other languages."""
    active = (get_language() or "sv").split("-")[0]
    if active in ("sv", "en") and code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code][0 if active == "sv" else 1]
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return LANGUAGE_NAMES.get(code, (code, code))[1]
