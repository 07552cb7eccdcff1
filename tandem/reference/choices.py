"""The vocabulary every app shares: roles, employment statuses, meeting formats, genders, language levels,
and the kinds and importance of requirement-profile criteria.

Plain choices only (no queries), so that pure code (`requirements/evaluation.py`) can use them too.
Values line up with the matching engine's (`tandem.matching.model`): CEFR levels "A1"–"C2",
meeting formats "in_person"/"online"/"either", genders "woman"/"man"/"other".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Running my own business")
    JOB_SEEKING = "job_seeking", _("Looking for a job")
    STUDYING = "studying", _("Studying")
    OTHER = "other", _("Something else")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    EITHER = "either", _("Either in person or online")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other")


class GenderWish(models.TextChoices):
    ANY = "any", _("It does not matter")
    WOMAN = "woman", _("A woman")
    MAN = "man", _("A man")


class LanguageLevel(models.TextChoices):
    """CEFR levels, described in plain words for applicants."""

    A1 = "A1", _("A1 – I know a few words")
    A2 = "A2", _("A2 – I manage simple everyday talk")
    B1 = "B1", _("B1 – I manage most everyday situations")
    B2 = "B2", _("B2 – I can work in the language")
    C1 = "C1", _("C1 – I speak and write it well")
    C2 = "C2", _("C2 – fluent, like my mother tongue")


class SwedishLevel(models.TextChoices):
    """A CEFR level, or the SFI course (Swedish for immigrants) the person has finished."""

    A1 = "A1", LanguageLevel.A1.label
    A2 = "A2", LanguageLevel.A2.label
    B1 = "B1", LanguageLevel.B1.label
    B2 = "B2", LanguageLevel.B2.label
    C1 = "C1", LanguageLevel.C1.label
    C2 = "C2", LanguageLevel.C2.label
    SFI_A = "SFI_A", _("I have finished SFI course A")
    SFI_B = "SFI_B", _("I have finished SFI course B")
    SFI_C = "SFI_C", _("I have finished SFI course C")
    SFI_D = "SFI_D", _("I have finished SFI course D")


CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")

# SFI courses counted as CEFR levels. The courses end at roughly these levels (Skolverket's course
# plan puts the end of course D at about B1); we take the lower end so that an SFI certificate never
# counts for more than it proves: A → A1, B → A2, C → A2, D → B1.
SFI_TO_CEFR: dict[str, str] = {"SFI_A": "A1", "SFI_B": "A2", "SFI_C": "A2", "SFI_D": "B1"}


def cefr_of(level: str | None) -> str | None:
    """The CEFR level a stored language level stands for ("SFI_D" → "B1"), or None if unknown."""
    if level is None or level == "":
        return None
    level = SFI_TO_CEFR.get(level, level)
    return level if level in CEFR_LEVELS else None


def cefr_rank(level: str) -> int:
    """A1 = 0 … C2 = 5, for comparing levels."""
    return CEFR_LEVELS.index(level)


class CriterionKind(models.TextChoices):
    EMPLOYMENT_STATUS = "employment_status", _("Employment status")
    SWEDISH_LEVEL = "swedish_level", _("Swedish level")
    LANGUAGE = "language", _("Other language")
    OCCUPATION = "occupation", _("Occupation")
    EXPERIENCE_YEARS = "experience_years", _("Years of work experience")
    YEARS_IN_SWEDEN = "years_in_sweden", _("Years in Sweden")
    REGION = "region", _("Region")
    AGE_BAND = "age_band", _("Age")
    MEETING_FORMAT = "meeting_format", _("Meeting format")
    CUSTOM_QUESTION = "custom_question", _("Answer to a question of the form")


class Importance(models.TextChoices):
    MUST = "must", _("Must")
    SHOULD = "should", _("Should")
