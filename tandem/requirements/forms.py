"""The requirement-profile editor's forms: one small structured form per kind of criterion.

Each form has the fields every criterion has (must or should, weight) and the fields of its kind, and
turns them into the `params` that `params.clean_params` checks. Problems are tied to the field they are
about (a lowest age above the highest one is an error on the highest age), so that the page can say
exactly what to fix.
"""

from __future__ import annotations

from functools import cache, cached_property
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.lib.forms import TandemForm
from tandem.reference import data as reference
from tandem.reference.choices import (
    CEFR_LEVELS,
    SFI_TO_CEFR,
    CriterionKind,
    EmploymentStatus,
    Importance,
    MeetingFormat,
)
from tandem.reference.languages import spoken_language_choices
from tandem.requirements.applicants import (
    MULTIPLE_CHOICE,
    SCALE,
    SINGLE_CHOICE,
    YES_NO,
    FormQuestion,
)
from tandem.requirements.occupation_picker import Picker, occupation_picker
from tandem.requirements.params import clean_params

MATCH_DIGITS_CHOICES = [
    (4, _("Same unit group (4 digits)")),
    (3, _("Same minor group (3 digits)")),
    (2, _("Same sub-major group (2 digits)")),
    (1, _("Same major group (1 digit)")),
]


def _staff_lang() -> reference.Lang:
    return "sv" if (get_language() or "sv").startswith("sv") else "en"


def level_choices(*, with_sfi: bool) -> list[tuple[str, str]]:
    choices = [(level, level) for level in CEFR_LEVELS]
    if with_sfi:
        choices += [
            (code, _("SFI course %(course)s (counts as %(level)s)") % {"course": code[-1], "level": level})
            for code, level in SFI_TO_CEFR.items()
        ]
    return choices


def ssyk_choices() -> list[tuple[str, str]]:
    """Every SSYK 2012 group, any level, as "2411 Revisorer m.fl." in the staff language."""
    lang = _staff_lang()
    return [(code, f"{code} {group.title(lang)}") for code, group in sorted(reference.ssyk_groups().items())]


@cache
def county_choices() -> list[tuple[str, str]]:
    counties = {place.county_code: place.county_name for place in reference.municipalities().values()}
    return sorted(counties.items())


@cache
def municipality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Municipalities grouped by county (optgroups), by name within each county."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for place in reference.municipalities().values():
        groups.setdefault((place.county_code, place.county_name), []).append((place.code, place.name))
    return [(name, sorted(places, key=lambda p: p[1])) for (_code, name), places in sorted(groups.items())]


class CriterionForm(TandemForm):
    """What every criterion has. Subclasses add their kind's fields and say how they become params."""

    kind: ClassVar[str]
    # The field that hears about a problem `clean_params` finds that no field check caught.
    main_field: ClassVar[str]

    importance = forms.ChoiceField(
        label=_("Must or should"),
        choices=Importance.choices,
        initial=Importance.MUST,
        widget=forms.RadioSelect,
        help_text=_("An applicant who fails a must-criterion is flagged; should-criteria give a score."),
    )
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("How much a should-criterion counts in the score, from 1 to 10."),
    )

    field_order: ClassVar[list[str]] = []
    # Fields drawn by a template of their own, and fields that such a template draws with its field.
    field_templates: ClassVar[dict[str, str]] = {}
    drawn_by_others: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*self.field_order, "importance", "weight"])

    def drawn_fields(self) -> list[tuple[forms.BoundField, str]]:
        """Each visible field with the template that draws it (requirements/includes/fields.html):
        its own, a fieldset for radio buttons and groups of check boxes, or the shared one."""
        drawn = []
        for field in self.visible_fields():
            if field.name in self.drawn_by_others:
                continue
            template = self.field_templates.get(field.name)
            if template is None:
                choices = isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
                template = "includes/choices.html" if choices else "includes/field.html"
            drawn.append((field, template))
        return drawn

    def params(self) -> dict[str, Any]:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try:
                self.cleaned_params = clean_params(self.kind, self.params())
            except ValidationError as error:
                self.add_error(self.main_field, error)
        return cleaned

    @classmethod
    def initial_from(cls, params: dict[str, Any]) -> dict[str, Any]:
        """The form's initial data from stored params (the same names unless a kind says otherwise)."""
        return {name: value for name, value in params.items() if value is not None}


class _Bounds(CriterionForm):
    """A lowest and/or highest whole number, at least one of them."""

    field_order = ["min", "max"]
    main_field = "min"
    missing_message: ClassVar[Any] = _("Give a lowest or a highest value, or both.")
    order_message: ClassVar[Any] = _("The highest value must not be lower than the lowest.")

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        low, high = data.get("min"), data.get("max")
        if "min" not in self.errors and "max" not in self.errors:
            if low is None and high is None:
                self.add_error("min", self.missing_message)
            elif low is not None and high is not None and low > high:
                self.add_error("max", self.order_message)
        return super().clean()

    def params(self) -> dict[str, Any]:
        return {"min": self.cleaned_data.get("min"), "max": self.cleaned_data.get("max")}


class EmploymentStatusForm(CriterionForm):
    kind = CriterionKind.EMPLOYMENT_STATUS
    main_field = "statuses"
    field_order = ["statuses"]

    statuses = forms.MultipleChoiceField(
        label=_("The applicant's employment status is one of"),
        choices=EmploymentStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one employment status.")},
    )

    def params(self) -> dict[str, Any]:
        return {"statuses": self.cleaned_data["statuses"]}


class SwedishLevelForm(CriterionForm):
    kind = CriterionKind.SWEDISH_LEVEL
    main_field = "min_level"
    field_order = ["min_level"]

    min_level = forms.ChoiceField(
        label=_("Swedish at least at level"),
        help_text=_("CEFR levels. A finished SFI course counts as the level it leads to."),
        error_messages={"required": _("Choose the lowest level of Swedish.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["min_level"].choices = [("", "–"), *level_choices(with_sfi=True)]

    def params(self) -> dict[str, Any]:
        return {"min_level": self.cleaned_data["min_level"]}


class LanguageForm(CriterionForm):
    kind = CriterionKind.LANGUAGE
    main_field = "code"
    field_order = ["code", "min_level"]

    code = forms.ChoiceField(label=_("Language"), error_messages={"required": _("Choose a language.")})
    min_level = forms.ChoiceField(
        label=_("At least at level"), error_messages={"required": _("Choose the lowest level.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "–"), *spoken_language_choices()]
        self.fields["min_level"].choices = [("", "–"), *level_choices(with_sfi=False)]

    def params(self) -> dict[str, Any]:
        return {"code": self.cleaned_data["code"], "min_level": self.cleaned_data["min_level"]}


class OccupationForm(CriterionForm):
    """Occupations are picked by searching (requirements/includes/occupation_picker.html): the chosen
    groups are check boxes named `codes`, listed above the search box, and each search lists hits to
    tick. `query` is only the search box: it is no part of the criterion."""

    kind = CriterionKind.OCCUPATION
    main_field = "codes"
    field_order = ["codes", "match_digits"]
    field_templates = {"codes": "requirements/includes/occupation_picker.html"}
    drawn_by_others = frozenset({"query"})

    codes = forms.MultipleChoiceField(
        label=_("Occupations (SSYK 2012)"),
        help_text=_(
            "Search for groups at any level and tick the ones you want; they stay chosen when you search "
            "again. Mentees are compared by the occupation they want, mentors by the one they have."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one occupation.")},
    )
    query = forms.CharField(
        label=_("Search occupations, e.g. sjuksköterska or 2221"),
        help_text=_("Finds groups of every level by code, by title and by the occupations in them."),
        required=False,
    )
    match_digits = forms.TypedChoiceField(
        label=_("How close the occupation must be"),
        choices=MATCH_DIGITS_CHOICES,
        coerce=int,
        initial=4,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = ssyk_choices()

    @cached_property
    def picker(self) -> Picker:
        """The chosen groups (as ticked now, or as saved) and the hits for the words in the search box."""
        return occupation_picker(self["codes"].value(), self["query"].value() or "", language=_staff_lang())

    def params(self) -> dict[str, Any]:
        return {"codes": self.cleaned_data["codes"], "match_digits": self.cleaned_data["match_digits"]}


class ExperienceYearsForm(CriterionForm):
    kind = CriterionKind.EXPERIENCE_YEARS
    main_field = "min"
    field_order = ["min"]

    min = forms.IntegerField(
        label=_("At least this many years of work experience"),
        min_value=0,
        max_value=60,
        error_messages={"required": _("Give the least number of years.")},
    )

    def params(self) -> dict[str, Any]:
        return {"min": self.cleaned_data["min"]}


class YearsInSwedenForm(_Bounds):
    kind = CriterionKind.YEARS_IN_SWEDEN

    min = forms.IntegerField(
        label=_("At least this many years in Sweden"), required=False, min_value=0, max_value=100
    )
    max = forms.IntegerField(
        label=_("At most this many years in Sweden"), required=False, min_value=0, max_value=100
    )


class AgeBandForm(_Bounds):
    kind = CriterionKind.AGE_BAND
    missing_message = _("Give a lowest or a highest age, or both.")
    order_message = _("The highest age must not be lower than the lowest.")

    min = forms.IntegerField(
        label=_("Lowest age"),
        required=False,
        min_value=15,
        max_value=100,
        help_text=_("The age the applicant reaches this year (we only ask for the year of birth)."),
    )
    max = forms.IntegerField(label=_("Highest age"), required=False, min_value=15, max_value=100)


class RegionForm(CriterionForm):
    kind = CriterionKind.REGION
    main_field = "counties"
    field_order = ["counties", "municipalities"]

    counties = forms.MultipleChoiceField(
        label=_("Counties"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Everyone living in a county you choose passes."),
    )
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("And everyone living in a municipality you choose. Hold Ctrl (or Cmd) to choose more."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counties"].choices = county_choices()
        self.fields["municipalities"].choices = municipality_choices()

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        if not self.errors and not data.get("counties") and not data.get("municipalities"):
            self.add_error("counties", _("Choose at least one county or municipality."))
        return super().clean()

    def params(self) -> dict[str, Any]:
        return {
            "counties": self.cleaned_data.get("counties") or [],
            "municipalities": self.cleaned_data.get("municipalities") or [],
        }


class MeetingFormatForm(CriterionForm):
    kind = CriterionKind.MEETING_FORMAT
    main_field = "formats"
    field_order = ["formats"]

    formats = forms.MultipleChoiceField(
        label=_("The program offers meetings"),
        choices=[(f.value, f.label) for f in (MeetingFormat.IN_PERSON, MeetingFormat.ONLINE)],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Applicants who can meet either way always pass."),
        error_messages={"required": _("Tick at least one way of meeting.")},
    )

    def params(self) -> dict[str, Any]:
        return {"formats": self.cleaned_data["formats"]}


class CustomQuestionForm(CriterionForm):
    """A criterion on a custom question of the role's form (`question`, handed in by the view): the answer
    yes/no needs, the options accepted, or the bounds of a scale. The question itself is fixed (chosen
    on the step before); its wording is saved with the criterion for the reasons staff read."""

    kind = CriterionKind.CUSTOM_QUESTION
    main_field = "answer"

    def __init__(self, *args, question: FormQuestion, **kwargs):
        self.question = question
        language = _staff_lang()
        if question.type == YES_NO:
            self.main_field, self.field_order = "answer", ["answer"]
        elif question.type == SCALE:
            self.main_field, self.field_order = "min", ["min", "max"]
        else:
            self.main_field, self.field_order = "choices", ["choices"]
        super().__init__(*args, **kwargs)
        label = question.label(language)
        if question.type == YES_NO:
            self.fields["answer"] = forms.ChoiceField(
                label=_("The applicant must answer “%(question)s” with") % {"question": label},
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose the answer the applicant must give.")},
            )
        elif question.type == SCALE:
            low, high = question.scale_min, question.scale_max
            bounds = {"min_value": low, "max_value": high, "required": False}
            self.fields["min"] = forms.IntegerField(
                label=_("Lowest accepted answer to “%(question)s”") % {"question": label},
                help_text=_("The scale runs from %(low)s to %(high)s.") % {"low": low, "high": high},
                **bounds,
            )
            self.fields["max"] = forms.IntegerField(label=_("Highest accepted answer"), **bounds)
        else:
            self.fields["choices"] = forms.MultipleChoiceField(
                label=_("Accepted answers to “%(question)s”") % {"question": label},
                help_text=_("An applicant passes who chose one of these.")
                if question.type == SINGLE_CHOICE
                else _("An applicant passes who ticked at least one of these."),
                choices=question.option_labels(language),
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": _("Tick at least one answer that is accepted.")},
            )
        self.order_fields([*self.field_order, "importance", "weight"])

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        if self.question.type == SCALE and "min" not in self.errors and "max" not in self.errors:
            low, high = data.get("min"), data.get("max")
            if low is None and high is None:
                self.add_error("min", _("Give a lowest or a highest answer, or both."))
            elif low is not None and high is not None and low > high:
                self.add_error("max", _("The highest answer must not be lower than the lowest."))
        return super().clean()

    def params(self) -> dict[str, Any]:
        data = self.cleaned_data
        params: dict[str, Any] = {"question": self.question.pk, "label": dict(self.question.labels)}
        if self.question.type == YES_NO:
            params["answer"] = data["answer"] == "yes"
        elif self.question.type == SCALE:
            params.update(min=data.get("min"), max=data.get("max"))
        else:
            params["choices"] = data["choices"]
            if self.question.type == MULTIPLE_CHOICE:
                params["several"] = True
        return params

    @classmethod
    def initial_from(cls, params: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        if "answer" in params:
            initial["answer"] = "yes" if params["answer"] else "no"
        if "choices" in params:
            initial["choices"] = params["choices"]
        for bound in ("min", "max"):
            if params.get(bound) is not None:
                initial[bound] = params[bound]
        return initial


class QuestionChoiceForm(TandemForm):
    """Step two of adding a criterion on a custom question: which question of the role's form."""

    question = forms.TypedChoiceField(
        label=_("Question on the form"),
        coerce=int,
        error_messages={
            "required": _("Choose a question of the form."),
            "invalid_choice": _(
                "That question is not on this role's application form in this program. Choose one of its "
                "questions."
            ),
        },
    )

    def __init__(self, *args, questions: list[FormQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        language = _staff_lang()
        self.fields["question"].choices = [
            ("", "–"),
            *((str(q.pk), f"{q.label(language)} ({QUESTION_TYPE_WORDS[q.type]})") for q in questions),
        ]


QUESTION_TYPE_WORDS = {
    YES_NO: _("yes or no"),
    SINGLE_CHOICE: _("one choice"),
    MULTIPLE_CHOICE: _("several choices"),
    SCALE: _("scale"),
}


FORMS: dict[str, type[CriterionForm]] = {
    form.kind: form
    for form in [
        EmploymentStatusForm,
        SwedishLevelForm,
        LanguageForm,
        OccupationForm,
        ExperienceYearsForm,
        YearsInSwedenForm,
        RegionForm,
        AgeBandForm,
        MeetingFormatForm,
        CustomQuestionForm,
    ]
}


class KindForm(TandemForm):
    """Step one of adding a criterion: which kind."""

    kind = forms.ChoiceField(label=_("Kind of criterion"), choices=CriterionKind.choices)


def unchecked_form(kind: str, data, *, question: FormQuestion | None = None) -> CriterionForm:
    """A form that shows what `data` holds without checking it: after a search, which neither saves
    nor complains about what is not filled in yet."""
    form_class = FORMS[kind]
    extra: dict[str, Any] = {} if question is None else {"question": question}
    posted = form_class(data=data, **extra)
    return form_class(initial={name: posted[name].value() for name in posted.fields}, **extra)


def criterion_form(
    kind: str, *, data=None, criterion=None, question: FormQuestion | None = None
) -> CriterionForm:
    """The form for a criterion of `kind`, bound to `data`, showing `criterion` when it is edited.
    A criterion on a custom question needs its `question`."""
    form_class = FORMS[kind]
    initial: dict[str, Any] = {}
    if criterion is not None:
        initial = {
            **form_class.initial_from(criterion.params),
            "importance": criterion.importance,
            "weight": criterion.weight,
        }
    if kind == CriterionKind.CUSTOM_QUESTION:
        if question is None:
            raise ValueError("A criterion on a custom question needs the question")
        return CustomQuestionForm(data=data, initial=initial, question=question)
    return form_class(data=data, initial=initial)
