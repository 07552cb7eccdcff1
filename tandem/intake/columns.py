"""What a column of an import file can fill in, and how a cell becomes an answer.

A cell is turned into what the public form's field would receive (a choice's code, a number as text,
"yes"/"no"), so that the very same field (`answers.answer_field`) checks it. People write cells their
own way: a choice may be its code or its label in Swedish or English, a municipality its code or its
name, a yes "ja", "yes" or "x".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tandem.applications.builtins import SPECS, Builtin
from tandem.applications.models import Question
from tandem.applications.public_forms import wording
from tandem.intake.answers import typed_questions
from tandem.reference import data as reference
from tandem.reference.choices import (
    CEFR_LEVELS,
    EmploymentStatus,
    Gender,
    GenderWish,
    MeetingFormat,
    SwedishLevel,
)
from tandem.reference.languages import SPOKEN_LANGUAGES, applicant_language_codes

LANGUAGE = "language"  # the applicant's language: not a question, a column of Application
CHOICES = {
    Builtin.GENDER: Gender,
    Builtin.EMPLOYMENT_STATUS: EmploymentStatus,
    Builtin.SWEDISH_LEVEL: SwedishLevel,
    Builtin.MEETING_FORMAT: MeetingFormat,
    Builtin.MENTOR_GENDER_WISH: GenderWish,
}
# Headings people commonly use, besides the labels of the questions themselves.
SYNONYMS: dict[str, tuple[str, ...]] = {
    Builtin.FIRST_NAME: ("förnamn", "given name", "firstname"),
    Builtin.LAST_NAME: ("efternamn", "surname", "family name"),
    Builtin.EMAIL: ("e-post", "epost", "e-postadress", "mail", "email", "e-mail"),
    Builtin.PHONE: ("telefon", "telefonnummer", "mobil", "mobile", "phone"),
    Builtin.BIRTH_YEAR: ("födelseår", "year of birth", "born"),
    Builtin.GENDER: ("kön", "gender"),
    Builtin.MUNICIPALITY: ("kommun", "municipality"),
    Builtin.CURRENT_EMPLOYER: ("arbetsgivare", "employer"),
    Builtin.OCCUPATION_NOW: ("yrke", "nuvarande yrke", "occupation"),
    Builtin.OCCUPATION_WANTED: ("önskat yrke", "vill arbeta som", "wanted occupation"),
    Builtin.OTHER_LANGUAGES: ("andra språk", "languages"),
    LANGUAGE: ("språk", "language", "ansökans språk", "applicant's language"),
}
YES = {"yes", "y", "ja", "j", "x", "1", "true", "sant", "نعم"}
NO = {"no", "n", "nej", "0", "false", "falskt", "لا"}
LANGUAGE_ITEM = re.compile(r"^(?P<language>.+?)[\s:=–-]+(?P<level>[ABC][12])$", re.IGNORECASE)


def normalise(text: str) -> str:
    """ "E-post *" → "epost": letters and digits only, case-folded, for comparing headings."""
    return "".join(character for character in text.casefold() if character.isalnum())


@dataclass(frozen=True)
class Target:
    """Something a column can fill in: a question of the form (by its key) or the applicant's language."""

    key: str
    label: str
    question: Question | None = None

    @property
    def builtin(self) -> str:
        return self.question.builtin if self.question else ""


def targets_for(questions: list[Question], language: str) -> list[Target]:
    """Every question staff can import an answer to, in the form's order, then the applicant's language."""
    found = []
    for question in typed_questions(questions):
        label = (
            str(Builtin(question.builtin).label) if question.builtin else wording(question, language).label
        )
        found.append(Target(question.key, label, question))
    found.append(Target(LANGUAGE, str(_("Applicant's language"))))
    return found


def _names(target: Target, role: str) -> set[str]:
    names = {normalise(target.key), *(normalise(name) for name in SYNONYMS.get(target.key, ()))}
    question = target.question
    if question is not None:
        names |= {normalise(t.label) for t in question.translations.all()}
        if question.builtin:
            for code in ("sv", "en"):
                with translation.override(code):
                    names.add(normalise(str(Builtin(question.builtin).label)))
                    names.add(normalise(str(SPECS[question.builtin].label_for(role))))
    else:
        for code in ("sv", "en"):
            with translation.override(code):
                names.add(normalise(str(_("Applicant's language"))))
    names.discard("")
    return names


def guess_mapping(header: list[str], targets: list[Target], role: str) -> list[str]:
    """For each heading, the key of the target it names (in Swedish or English), or "" to ignore it.
    Each target is taken by the first heading that names it."""
    names = [(target.key, _names(target, role)) for target in targets]
    taken: set[str] = set()
    mapping = []
    for heading in header:
        wanted = normalise(heading)
        key = next((key for key, known in names if wanted in known and key not in taken), "")
        if key:
            taken.add(key)
        mapping.append(key)
    return mapping


# --- From a cell to what the field receives -----------------------------------------------------------


@cache
def _choice_lookup(key: str) -> dict[str, str]:
    """Code, and label in Swedish and English, case-folded → code."""
    lookup = {}
    for value, label in CHOICES[key].choices:
        lookup[normalise(value)] = value
        for code in ("sv", "en"):
            with translation.override(code):
                lookup[normalise(str(label))] = value
    return lookup


@cache
def _municipality_lookup() -> dict[str, str]:
    return {normalise(place.name): code for code, place in reference.municipalities().items()}


@cache
def _occupation_lookup() -> dict[str, str]:
    lookup = {}
    for code, group in reference.ssyk_groups().items():
        if group.level == 4:
            lookup[normalise(group.title_sv)] = code
            lookup[normalise(group.title_en)] = code
    return lookup


@cache
def _spoken_language_lookup() -> dict[str, str]:
    lookup = {}
    for code, name, own in SPOKEN_LANGUAGES:
        lookup[normalise(code)] = code
        lookup[normalise(own)] = code
        for language in ("sv", "en"):
            with translation.override(language):
                lookup[normalise(str(name))] = code
    return lookup


def applicant_language(cell: str) -> str | None:
    """ "sv", "Svenska", "Arabic", "العربية" → the language code, if applicants can use it."""
    wanted = normalise(cell)
    codes = applicant_language_codes()
    if cell.strip().lower() in codes:
        return cell.strip().lower()
    code = _spoken_language_lookup().get(wanted) or {"svenska": "sv", "swedish": "sv"}.get(wanted)
    return code if code in codes else None


def spoken_languages(cell: str) -> list[dict[str, str]] | None:
    """Other languages from one cell: "ar: C2; en B2" or "arabiska C2, engelska B2" →
    [{"code": "ar", "level": "C2"}, …]; None if the cell cannot be read."""
    chosen: list[dict[str, str]] = []
    for part in re.split(r"[;,\n]", cell):
        part = part.strip()
        if not part:
            continue
        match = LANGUAGE_ITEM.match(part)
        if not match:
            return None
        code = _spoken_language_lookup().get(normalise(match["language"]))
        level = match["level"].upper()
        if code is None or level not in CEFR_LEVELS:
            return None
        if code not in {item["code"] for item in chosen}:
            chosen.append({"code": code, "level": level})
    return chosen


def raw_value(target: Target, cell: str) -> Any:
    """What the target's form field would receive for this cell (it then checks it as usual)."""
    cell = cell.strip()
    key = target.builtin
    if not cell:
        multiple = target.question and target.question.custom_type == Question.CustomType.MULTIPLE_CHOICE
        return [] if multiple else ""
    if key in CHOICES:
        return _choice_lookup(key).get(normalise(cell), cell)
    if key == Builtin.MUNICIPALITY:
        return cell.zfill(4) if cell.isdigit() else _municipality_lookup().get(normalise(cell), cell)
    if key in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
        digits = re.match(r"^(\d{4})\b", cell)
        return digits[1] if digits else _occupation_lookup().get(normalise(cell), cell)
    if key in (Builtin.BIRTH_YEAR, Builtin.YEARS_IN_SWEDEN, Builtin.EXPERIENCE_YEARS):
        return cell.replace(" ", "").replace("\u00a0", "")
    question = target.question
    if question is None or question.builtin:
        return cell
    return _custom_raw(question, cell)


def _custom_raw(question: Question, cell: str) -> Any:
    kind = question.custom_type
    if kind == Question.CustomType.YES_NO:
        folded = cell.casefold()
        return "yes" if folded in YES else "no" if folded in NO else cell
    if kind in (Question.CustomType.SINGLE_CHOICE, Question.CustomType.MULTIPLE_CHOICE):
        positions: dict[str, str] = {}
        for translation_row in question.translations.all():
            for index, label in enumerate(translation_row.choices or []):
                positions.setdefault(normalise(label), str(index))
        if kind == Question.CustomType.SINGLE_CHOICE:
            return positions.get(normalise(cell), cell)
        return [positions.get(normalise(part), part.strip()) for part in cell.split(";") if part.strip()]
    return cell
