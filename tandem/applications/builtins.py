"""The built-in questions of an application form: where each is asked and what it is called.

Each built-in question fills a column of `Application` of the same name (except `cv`, which is the upload).
Labels and help texts are gettext msgids; `create_default_form` stores them in Swedish, English and
Arabic as `QuestionTranslation` rows, which the coordinator may then edit like any other question.
A spec says on which page the question is asked, for which roles it is on a new form (`default_for`),
required (`required_for`), or may be asked at all (`asked_for`: how many mentees someone takes on is a
question for mentors only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tandem.reference.choices import Role


class Page(models.TextChoices):
    """The pages of the public form, in the order an applicant meets them."""

    CONTACT = "contact", _("Contact details")
    OCCUPATION = "occupation", _("Work and education")
    LANGUAGES_PLACE = "languages_place", _("Languages and place")
    ABOUT = "about", _("About you")
    CUSTOM = "custom", _("More questions")
    CV = "cv", _("CV")
    CONSENT = "consent", _("Consent")


PAGE_ORDER = [page.value for page in Page]


class Builtin(models.TextChoices):
    FIRST_NAME = "first_name", _("First name")
    LAST_NAME = "last_name", _("Last name")
    EMAIL = "email", _("E-mail address")
    PHONE = "phone", _("Phone number")
    BIRTH_YEAR = "birth_year", _("Year of birth")
    GENDER = "gender", _("Gender")
    EMPLOYMENT_STATUS = "employment_status", _("Employment status")
    CURRENT_EMPLOYER = "current_employer", _("Employer")
    OCCUPATION_NOW = "occupation_now", _("Occupation now")
    OCCUPATION_WANTED = "occupation_wanted", _("Occupation wanted")
    EXPERIENCE_YEARS = "experience_years", _("Years of work experience")
    EDUCATION = "education", _("Education")
    EDUCATION_COUNTRY = "education_country", _("Where the education was taken")
    SWEDISH_LEVEL = "swedish_level", _("Swedish level")
    OTHER_LANGUAGES = "other_languages", _("Other languages")
    MUNICIPALITY = "municipality", _("Municipality")
    YEARS_IN_SWEDEN = "years_in_sweden", _("Years in Sweden")
    MEETING_FORMAT = "meeting_format", _("Meeting format")
    AVAILABILITY = "availability", _("Availability")
    MENTEE_CAPACITY = "mentee_capacity", _("Mentees at the same time")
    ABOUT_ME = "about_me", _("About me")
    SKILLS = "skills", _("My skills")
    MOTIVATION = "motivation", _("Why I want to take part")
    EXPECTATIONS = "expectations", _("What I want to get out of it")
    MATCH_WISHES = "match_wishes", _("Wishes about the match")
    MENTOR_GENDER_WISH = "mentor_gender_wish", _("Wish about the mentor's gender")
    EXCLUSIONS = "exclusions", _("People or employers to avoid")
    CV = "cv", _("CV")


# Questions every form asks: without them we cannot answer the applicant.
CORE = frozenset({Builtin.FIRST_NAME, Builtin.LAST_NAME, Builtin.EMAIL})

BOTH = frozenset({Role.MENTOR, Role.MENTEE})
MENTEE = frozenset({Role.MENTEE})
MENTOR = frozenset({Role.MENTOR})
NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class BuiltinSpec:
    key: str
    page: str
    label: Promise
    help_text: Promise | str = ""
    mentor_label: Promise | None = None
    required_for: frozenset[str] = NONE
    default_for: frozenset[str] = BOTH
    asked_for: frozenset[str] = BOTH  # the roles whose form may ask it at all

    def asked_of(self, role: str) -> bool:
        return role in self.asked_for

    def label_for(self, role: str) -> Promise:
        return self.mentor_label if role == Role.MENTOR and self.mentor_label else self.label


# Wording: plain, short, "you" form, easy to read in a second language.
SPECS: dict[str, BuiltinSpec] = {
    spec.key: spec
    for spec in [
        BuiltinSpec(Builtin.FIRST_NAME, Page.CONTACT, _("First name"), required_for=BOTH),
        BuiltinSpec(Builtin.LAST_NAME, Page.CONTACT, _("Last name"), required_for=BOTH),
        BuiltinSpec(
            Builtin.EMAIL,
            Page.CONTACT,
            _("E-mail address"),
            _("We send a confirmation to this address."),
            required_for=BOTH,
        ),
        BuiltinSpec(Builtin.PHONE, Page.CONTACT, _("Phone number")),
        BuiltinSpec(Builtin.BIRTH_YEAR, Page.CONTACT, _("Year of birth"), _("For example 1985.")),
        # The matching rule about the mentor's gender needs the mentor's gender and the mentee's wish: the
        # default forms ask each side its part, optional, with "I do not want to say" / "It does not matter".
        BuiltinSpec(
            Builtin.GENDER,
            Page.CONTACT,
            _("Gender"),
            _(
                "You do not have to answer. We use it only for mentees who ask for a mentor of a certain "
                "gender."
            ),
            default_for=MENTOR,
        ),
        BuiltinSpec(
            Builtin.EMPLOYMENT_STATUS, Page.OCCUPATION, _("What do you do now?"), required_for=MENTEE
        ),
        BuiltinSpec(
            Builtin.CURRENT_EMPLOYER, Page.OCCUPATION, _("Where do you work now?"), default_for=MENTOR
        ),
        BuiltinSpec(
            Builtin.OCCUPATION_NOW,
            Page.OCCUPATION,
            _("Your occupation now or your latest occupation"),
            _("Write a word, for example nurse or accountant, and search. Then choose from the list."),
            mentor_label=_("Your occupation"),
            required_for=MENTOR,
        ),
        BuiltinSpec(
            Builtin.OCCUPATION_WANTED,
            Page.OCCUPATION,
            _("The occupation you want to work in"),
            _("Write a word, for example nurse or accountant, and search. Then choose from the list."),
            required_for=MENTEE,
            default_for=MENTEE,
        ),
        BuiltinSpec(
            Builtin.EXPERIENCE_YEARS,
            Page.OCCUPATION,
            _("How many years have you worked in your occupation?"),
            _("In Sweden and in other countries together."),
        ),
        BuiltinSpec(
            Builtin.EDUCATION, Page.OCCUPATION, _("Your education"), _("For example: Bachelor in economics.")
        ),
        BuiltinSpec(Builtin.EDUCATION_COUNTRY, Page.OCCUPATION, _("In which country did you study?")),
        BuiltinSpec(Builtin.SWEDISH_LEVEL, Page.LANGUAGES_PLACE, _("How well do you speak Swedish?")),
        BuiltinSpec(
            Builtin.OTHER_LANGUAGES,
            Page.LANGUAGES_PLACE,
            _("Other languages you speak"),
            _("Choose a language and how well you speak it. Leave empty rows as they are."),
        ),
        BuiltinSpec(Builtin.MUNICIPALITY, Page.LANGUAGES_PLACE, _("Which municipality do you live in?")),
        BuiltinSpec(
            Builtin.YEARS_IN_SWEDEN,
            Page.LANGUAGES_PLACE,
            _("How many years have you lived in Sweden?"),
            default_for=MENTEE,
        ),
        BuiltinSpec(Builtin.MEETING_FORMAT, Page.LANGUAGES_PLACE, _("How do you want to meet?")),
        BuiltinSpec(
            Builtin.AVAILABILITY,
            Page.LANGUAGES_PLACE,
            _("When can you meet?"),
            _("For example: weekday evenings, or Friday mornings."),
        ),
        BuiltinSpec(
            Builtin.MENTEE_CAPACITY,
            Page.LANGUAGES_PLACE,
            _("How many mentees can you take on at the same time?"),
            _("Most mentors have one mentee."),
            default_for=MENTOR,
            asked_for=MENTOR,
        ),
        BuiltinSpec(Builtin.ABOUT_ME, Page.ABOUT, _("Tell us about yourself")),
        BuiltinSpec(Builtin.SKILLS, Page.ABOUT, _("What are you good at?")),
        BuiltinSpec(
            Builtin.MOTIVATION,
            Page.ABOUT,
            _("Why do you want to be a mentee?"),
            mentor_label=_("Why do you want to be a mentor?"),
            required_for=BOTH,
        ),
        BuiltinSpec(Builtin.EXPECTATIONS, Page.ABOUT, _("What do you want to get out of the program?")),
        BuiltinSpec(
            Builtin.MATCH_WISHES,
            Page.ABOUT,
            _("Do you have wishes about your mentor?"),
            mentor_label=_("Do you have wishes about your mentee?"),
        ),
        BuiltinSpec(
            Builtin.MENTOR_GENDER_WISH,
            Page.ABOUT,
            _("Do you want a mentor of a certain gender?"),
            default_for=MENTEE,
        ),
        BuiltinSpec(
            Builtin.EXCLUSIONS,
            Page.ABOUT,
            _("Is there a person or employer you must not be matched with?"),
            _("For example your boss, or a company you had a conflict with. Only the organisers see it."),
        ),
        BuiltinSpec(
            Builtin.CV,
            Page.CV,
            _("Your CV (optional)"),
            _("A PDF, Word (DOCX) or OpenDocument (ODT) file, at most 5 MB."),
        ),
    ]
}
