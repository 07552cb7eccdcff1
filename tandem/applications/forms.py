"""Forms for coordinators editing an application form (the applicant's pages are in public_forms.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.applications.builtins import SPECS, Builtin, Page
from tandem.applications.editing import Words
from tandem.applications.models import ApplicationForm, Question, SpecialCategory
from tandem.applications.public_forms import wording
from tandem.applications.validators import validate_language_code
from tandem.lib.forms import DateInput, TandemForm, TandemModelForm
from tandem.reference.languages import language_name, typed_in

CHOICE_TYPES = {Question.CustomType.SINGLE_CHOICE, Question.CustomType.MULTIPLE_CHOICE}
CONTENT_PAGES = [(p.value, p.label) for p in Page if p not in (Page.CV, Page.CONSENT)]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class FormSettingsForm(TandemModelForm):
    class Meta:
        model = ApplicationForm
        fields = [
            "opens_at",
            "closes_at",
            "cap",
            "intro",
            "contact_email",
            "answer_by",
            "answer_weeks",
            "is_published",
        ]
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "answer_by": DateInput(),
            "intro": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "opens_at": _("Leave empty to open as soon as the form is published."),
            "closes_at": _("Leave empty to keep the form open until you close it."),
            "intro": _("A few plain sentences about the program, shown on the form's first page."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer_weeks"].required = False  # empty: the usual three weeks

    def clean_answer_weeks(self) -> int:
        weeks = self.cleaned_data.get("answer_weeks")
        return ApplicationForm._meta.get_field("answer_weeks").default if weeks is None else weeks

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The form must close after it opens."))
        return cleaned


class AddressLimitForm(TandemForm):
    """A higher limit of applications from one address (a class applying together), until a time."""

    MOST, LONGEST = 2000, timedelta(days=14)

    limit = forms.IntegerField(
        label=_("Applications an hour from one address"),
        min_value=1,
        max_value=MOST,
        error_messages={
            "required": _("Write how many applications an hour one address may send."),
            "invalid": _("Write a whole number."),
            "min_value": _("Write a number between 1 and 2000."),
            "max_value": _("Write a number between 1 and 2000."),
        },
    )
    until = forms.DateTimeField(
        label=_("Until"),
        widget=DateTimeInput(),
        help_text=_("At most two weeks ahead. Then the usual limit is back."),
        error_messages={
            "required": _("Write when the higher limit ends."),
            "invalid": _("Write a date and a time."),
        },
    )

    def __init__(self, *args, now: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.now = now

    def clean_until(self) -> datetime:
        until = self.cleaned_data["until"]
        if until <= self.now:
            raise forms.ValidationError(_("The end must be in the future."))
        if until > self.now + self.LONGEST:
            raise forms.ValidationError(_("The end can be at most two weeks ahead."))
        return until


class QuestionForm(TandemForm):
    """A custom question (type, page, required, Swedish wording), or the wording of a built-in one."""

    custom_type = forms.ChoiceField(label=_("Type of answer"), choices=Question.CustomType.choices)
    label = forms.CharField(label=_("Question (Swedish)"), max_length=500)
    help_text = forms.CharField(label=_("Help text (Swedish)"), max_length=1000, required=False)
    choices = forms.CharField(
        label=_("Choices (Swedish), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only for questions with one or several choices."),
    )
    page = forms.ChoiceField(label=_("Page"), choices=CONTENT_PAGES, initial=Page.CUSTOM)
    required = forms.BooleanField(label=_("The applicant must answer"), required=False)
    scale_min = forms.IntegerField(
        label=_("Scale from"), min_value=0, max_value=10, initial=1, required=False
    )
    scale_max = forms.IntegerField(label=_("Scale to"), min_value=2, max_value=10, initial=5, required=False)
    special_category = forms.ChoiceField(
        label=_("The answer may reveal a special category of personal data"),
        choices=SpecialCategory.choices,
        required=False,
        initial=SpecialCategory.NONE,
        help_text=_(
            "Union membership, health, origin or beliefs (GDPR art. 9). Off unless you choose one: then "
            "the form asks the applicant's explicit consent to this answer, the question cannot be "
            "required, and partner coordinators and viewers never see the answer."
        ),
    )

    def __init__(self, *args, question: Question | None = None, **kwargs):
        self.question = question
        if question is not None and "initial" not in kwargs:
            words = wording(question, "sv")
            kwargs["initial"] = {
                "custom_type": question.custom_type,
                "label": words.label,
                "help_text": words.help_text,
                "choices": "\n".join(words.choices),
                "page": question.page,
                "required": question.required,
                "scale_min": question.scale_min,
                "scale_max": question.scale_max,
                "special_category": question.special_category,
            }
        super().__init__(*args, **kwargs)
        if question is not None:
            del self.fields["custom_type"]
            if question.is_builtin:
                for name in ("choices", "page", "scale_min", "scale_max", "special_category"):
                    del self.fields[name]

    @property
    def kind(self) -> str:
        if self.question is not None:
            return self.question.custom_type
        return self.cleaned_data.get("custom_type", "")

    def clean(self):
        cleaned = super().clean()
        kind = self.kind
        if kind in CHOICE_TYPES and len(_lines(cleaned.get("choices", ""))) < 2:
            self.add_error("choices", _("Give at least two choices, one per line."))
        if kind == Question.CustomType.SCALE:
            low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
            if low is None or high is None or low >= high:
                self.add_error("scale_max", _("The scale must end above where it starts."))
        if cleaned.get("special_category") and cleaned.get("required"):
            self.add_error(
                "required",
                _(
                    "A question of a special category cannot be required: the applicant may always leave "
                    "it empty."
                ),
            )
        return cleaned

    def words(self) -> Words:
        choices = _lines(self.cleaned_data.get("choices", "")) if self.kind in CHOICE_TYPES else []
        return Words(self.cleaned_data["label"], self.cleaned_data.get("help_text", ""), choices)


class BuiltinQuestionForm(TandemForm):
    key = forms.ChoiceField(label=_("Built-in question"))

    def __init__(self, *args, form: ApplicationForm, **kwargs):
        super().__init__(*args, **kwargs)
        used = set(form.questions.filter(removed_at__isnull=True).values_list("builtin", flat=True))
        self.fields["key"].choices = [
            (key, Builtin(key).label)
            for key, spec in SPECS.items()
            if key not in used and spec.asked_of(form.role)
        ]


class LanguageForm(TandemForm):
    language = forms.CharField(
        label=_("Language code"),
        max_length=16,
        validators=[validate_language_code],
        help_text=_(
            "Two or three lower-case letters, for example fa (Persian), so (Somali) or ti (Tigrinya)."
        ),
    )

    def clean_language(self) -> str:
        language = self.cleaned_data["language"].strip().lower()
        if language == "sv":
            raise ValidationError(_("Swedish is the source language; change it on the question itself."))
        return language


class TranslationForm(TandemForm):
    """Every question's words in one language, next to the Swedish source."""

    def __init__(self, *args, questions: list[Question], language: str, form: ApplicationForm, **kwargs):
        # Fields are made per instance before Django copies them, so that TandemForm styles them all.
        self.base_fields = {
            "intro": forms.CharField(
                label=_("Introduction"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            )
        }
        source_group = form.target_group_in("sv")[0]
        self.base_fields["target_group"] = forms.CharField(
            label=_("Who can apply?"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            help_text=(_("In Swedish: %(text)s") % {"text": source_group}) if source_group else "",
        )
        initial = {
            "intro": (form.intro_translations or {}).get(language, ""),
            "target_group": (form.target_group_translations or {}).get(language, ""),
        }
        self.rows = []
        for question in questions:
            found = {t.language: t for t in question.translations.all()}
            source, own = found.get("sv"), found.get(language)
            self._add(question, own, initial)
            self.rows.append((question, source))
        super().__init__(*args, initial=initial, **kwargs)

    def _add(self, question: Question, own, initial: dict) -> None:
        pk = question.pk
        text = {"dir": "auto"}
        self.base_fields[f"label_{pk}"] = forms.CharField(
            label=_("Question"), max_length=500, required=False, widget=forms.TextInput(attrs=text)
        )
        self.base_fields[f"help_{pk}"] = forms.CharField(
            label=_("Help text"), max_length=1000, required=False, widget=forms.TextInput(attrs=text)
        )
        initial[f"label_{pk}"] = own.label if own else ""
        initial[f"help_{pk}"] = own.help_text if own else ""
        if question.custom_type in CHOICE_TYPES:
            self.base_fields[f"choices_{pk}"] = forms.CharField(
                label=_("Choices, one per line, in the same order as in Swedish"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, **text}),
            )
            initial[f"choices_{pk}"] = "\n".join(own.choices) if own else ""

    def groups(self):
        """(question, Swedish source, its fields) for the template."""
        for question, source in self.rows:
            names = [f"label_{question.pk}", f"help_{question.pk}", f"choices_{question.pk}"]
            yield question, source, [self[name] for name in names if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        for question, source in self.rows:
            name = f"choices_{question.pk}"
            if name not in self.fields or not cleaned.get(f"label_{question.pk}"):
                continue
            wanted = len(source.choices) if source else 0
            if len(_lines(cleaned.get(name, ""))) != wanted:
                self.add_error(name, _("Give exactly %(count)s choices, one per line.") % {"count": wanted})
        return cleaned

    def words(self) -> dict[int, Words]:
        data = self.cleaned_data
        return {
            question.pk: Words(
                data.get(f"label_{question.pk}", ""),
                data.get(f"help_{question.pk}", ""),
                _lines(data.get(f"choices_{question.pk}", "")),
            )
            for question, _source in self.rows
        }


class ConsentForm(TandemForm):
    """The consent text in each language; saving a change makes a new version."""

    new_language = forms.CharField(
        label=_("Add a language (code)"), max_length=16, required=False, validators=[validate_language_code]
    )
    new_text = forms.CharField(
        label=_("Consent text in the added language"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def __init__(self, *args, languages: list[str], current: dict[str, str], **kwargs):
        self.languages = languages
        self.base_fields = {}
        for code in languages:
            self.base_fields[f"text_{code}"] = forms.CharField(
                label=_("Consent text (%(language)s)") % {"language": language_name(code)},
                required=code == "sv",
                widget=forms.Textarea(attrs={"rows": 5, **typed_in(code)}),
            )
        self.base_fields.update(ConsentForm.base_fields)  # the new language's code and text, last
        super().__init__(
            *args, initial={f"text_{code}": current.get(code, "") for code in languages}, **kwargs
        )

    def language_fields(self):
        return [self[f"text_{code}"] for code in self.languages]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_text") and not cleaned.get("new_language"):
            self.add_error("new_language", _("Give the code of the language the text is written in."))
        return cleaned

    def texts(self) -> dict[str, str]:
        texts = {code: self.cleaned_data.get(f"text_{code}", "") for code in self.languages}
        if self.cleaned_data.get("new_language") and self.cleaned_data.get("new_text"):
            texts[self.cleaned_data["new_language"].lower()] = self.cleaned_data["new_text"]
        return texts
