"""The review queue: a program's applications, filtered and sorted by GET parameters, a page at a time.

Two queries whatever the number of applications: the count for the pages and the page itself. Every
column comes from the application's own row; occupation titles and municipality names come from the
reference data in memory, and the requirement reasons are rendered from the stored flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.applications.models import Application
from tandem.lib.forms import TandemForm
from tandem.programs.models import Program
from tandem.reference import data as reference
from tandem.reference.choices import Importance, Role
from tandem.reference.languages import language_own_name
from tandem.requirements.evaluation import NEEDS_MAPPING, Reason
from tandem.requirements.forms import municipality_choices

PAGE_SIZE = 50
Status = Application.Status

STATUS_ORDER = Case(
    *[When(status=status, then=Value(index)) for index, status in enumerate(Status.values)],
    output_field=IntegerField(),
)
SORTS: dict[str, list[Any]] = {
    "-submitted": [F("submitted_at").desc(), F("id").desc()],
    "submitted": [F("submitted_at").asc(), F("id").asc()],
    "-score": [F("requirement_score").desc(nulls_last=True), F("submitted_at").asc(), F("id").asc()],
    "score": [F("requirement_score").asc(nulls_last=True), F("submitted_at").asc(), F("id").asc()],
    "name": [F("last_name").asc(), F("first_name").asc(), F("id").asc()],
    "-name": [F("last_name").desc(), F("first_name").desc(), F("id").desc()],
    "status": [STATUS_ORDER.asc(), F("submitted_at").asc(), F("id").asc()],
    "-status": [STATUS_ORDER.desc(), F("submitted_at").asc(), F("id").asc()],
}
SORT_CHOICES = [
    ("-submitted", _("Newest first")),
    ("submitted", _("Oldest first")),
    ("-score", _("Highest score first")),
    ("score", _("Lowest score first")),
    ("name", _("Name A–Z")),
    ("-name", _("Name Z–A")),
    ("status", _("Status, in the order of the process")),
    ("-status", _("Status, in reverse order")),
]
YES_NO = [("", _("All")), ("yes", _("Yes")), ("no", _("No"))]


def _place_choices() -> list[tuple[str, Any]]:
    """Whole counties first in each group ("14 Västra Götalands län – all"), then its municipalities."""
    choices: list[tuple[str, Any]] = [("", _("All"))]
    for county_name, places in municipality_choices():
        county_code = places[0][0][:2]
        choices.append(
            (county_name, [(county_code, _("%(county)s – all") % {"county": county_name}), *places])
        )
    return choices


class QueueFilterForm(TandemForm):
    """The queue's filters and sort order (a GET form: every field optional, bad values ignored)."""

    q = forms.CharField(label=_("Search name, e-mail or reference"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All")), *Role.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Status.choices])
    passes = forms.ChoiceField(label=_("Meets every must-criterion"), required=False, choices=YES_NO)
    flagged = forms.ChoiceField(label=_("Has flags"), required=False, choices=YES_NO)
    duplicates = forms.ChoiceField(label=_("Possible duplicate"), required=False, choices=YES_NO)
    language = forms.ChoiceField(label=_("Language of the application"), required=False)
    place = forms.ChoiceField(label=_("Municipality or county"), required=False)
    occupation = forms.RegexField(
        label=_("Occupation code starts with"),
        regex=r"^\d{1,4}$",
        required=False,
        max_length=4,
        help_text=_("SSYK 2012, e.g. 24 or 2411. Mentees by the occupation they want, mentors by their own."),
        error_messages={"invalid": _("Write one to four digits, e.g. 24 or 2411.")},
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *Application.Channel.choices]
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("All")),
            *[(code, language_own_name(code)) for code in languages],
        ]
        self.fields["place"].choices = _place_choices()

    def value(self, name: str) -> str:
        """A filter's cleaned value, or "" when it was left out or is not valid."""
        self.is_valid()  # invalid fields are left out of cleaned_data
        return self.cleaned_data.get(name) or ""


def filter_applications(program: Program, filters: QueueFilterForm) -> QuerySet[Application]:
    applications = Application.objects.filter(program=program)
    value = filters.value
    if value("role"):
        applications = applications.filter(role=value("role"))
    if value("status"):
        applications = applications.filter(status=value("status"))
    if value("passes"):
        applications = applications.filter(passes_requirements=value("passes") == "yes")
    if value("flagged") == "yes":
        applications = applications.exclude(requirement_flags=[])
    elif value("flagged") == "no":
        applications = applications.filter(requirement_flags=[])
    if value("duplicates"):
        applications = applications.filter(duplicate_of__isnull=value("duplicates") == "no")
    if value("language"):
        applications = applications.filter(language=value("language"))
    if value("place"):
        applications = applications.filter(municipality__startswith=value("place"))
    if value("occupation"):
        code = value("occupation")
        applications = applications.filter(
            Q(role=Role.MENTEE, occupation_wanted__startswith=code)
            | Q(role=Role.MENTOR, occupation_now__startswith=code)
        )
    if value("channel"):
        applications = applications.filter(channel=value("channel"))
    for word in value("q").split():
        applications = applications.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(reference__icontains=word)
        )
    return applications.order_by(*SORTS.get(value("sort") or "-submitted", SORTS["-submitted"]))


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue, ready to show."""

    application: Application
    must_flags: int
    first_reason: str
    needs_mapping: bool  # an occupation in own words is not mapped to SSYK yet
    occupation_code: str
    occupation_title: str
    municipality_name: str
    language_name: str


def _must_reasons(flags: list[dict[str, Any]]) -> list[Reason]:
    return [Reason.from_json(flag) for flag in flags or [] if flag.get("importance") == Importance.MUST]


def queue_row(application: Application) -> QueueRow:
    musts = _must_reasons(application.requirement_flags)
    code = application.occupation_wanted if application.role == Role.MENTEE else application.occupation_now
    lang: reference.Lang = "sv" if (get_language() or "sv").startswith("sv") else "en"
    place = reference.municipalities().get(application.municipality) if application.municipality else None
    return QueueRow(
        application=application,
        must_flags=len(musts),
        first_reason=musts[0].message if musts else "",
        needs_mapping=any(
            flag.get("outcome") == NEEDS_MAPPING for flag in application.requirement_flags or []
        ),
        occupation_code=code,
        occupation_title=(reference.ssyk_title(code, lang) or "") if code else "",
        municipality_name=place.name if place else "",
        language_name=language_own_name(application.language),
    )


def queue_page(
    program: Program, filters: QueueFilterForm, page_number: str | int | None
) -> tuple[Page, list[QueueRow]]:
    """The page asked for (the last one if the number is too high) and its rows: two queries."""
    paginator = Paginator(filter_applications(program, filters), PAGE_SIZE)
    page = paginator.get_page(page_number)
    return page, [queue_row(application) for application in page.object_list]
