"""Staff forms for the intake channels: a paper application typed in, an interview, an import file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.applications.builtins import CORE, Builtin
from tandem.applications.models import Question
from tandem.applications.public_forms import LANGUAGE_ROWS, check_language_rows
from tandem.applications.uploads import check_cv
from tandem.intake import tables
from tandem.intake.answers import answer_fields, answer_values, occupation_hits, typed_questions
from tandem.intake.columns import Target
from tandem.lib.forms import DateInput, TandemForm

NOTES_LIMIT = 10_000


@dataclass
class Group:
    """What the template draws for one question: a single field, a set of check boxes, or languages."""

    template: str
    fields: list[forms.BoundField]
    label: str = ""
    key: str = ""
    hits: list[tuple[str, str]] = field(default_factory=list)
    searched: bool = False

    @property
    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return list(zip(self.fields[::2], self.fields[1::2], strict=True))


class AnswersForm(TandemForm):
    """Every question of an application form, in the staff member's language. Make one for a form's
    questions with `for_questions`: the question fields become declared fields, so they get our classes."""

    questions: list[Question] = []
    style_choices = True  # the groups of check boxes are drawn choice by choice (includes/choices.html)

    @classmethod
    def for_questions(cls, questions: list[Question], language: str) -> type[AnswersForm]:
        fields = answer_fields(questions, language)
        return type(cls.__name__, (cls,), {**fields, "questions": questions})  # type: ignore[return-value]

    def __init__(
        self, *args, languages: list[tuple[str, str]] | None = None, staff_language: str = "sv", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.staff_language = staff_language
        if "language" in self.fields and languages:
            self.fields["language"].choices = languages

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        check_language_rows(self, no_level=_("Choose how well the person speaks the language."))
        return cleaned

    def searching(self) -> bool:
        """The staff member asked for an occupation search (its Search button, or Enter in a search box
        with words and no occupation chosen yet): the page is shown again, nothing is saved."""
        if not self.is_bound:
            return False
        if self.data.get("search"):
            return True
        return any(
            self.data.get(f"{q.key}_query", "").strip() and not self.data.get(q.key)
            for q in self.questions
            if q.builtin in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED)
        )

    def answers(self) -> dict[str, Any]:
        return answer_values(self.cleaned_data, self.questions)

    def groups(self) -> list[Group]:
        found = []
        for question in typed_questions(self.questions):
            if question.builtin == Builtin.OTHER_LANGUAGES:
                names = [
                    f"other_languages_{row}_{part}"
                    for row in range(1, LANGUAGE_ROWS + 1)
                    for part in ("code", "level")
                ]
                label = str(Builtin.OTHER_LANGUAGES.label)
                found.append(Group("intake/fields/languages.html", [self[n] for n in names], label))
            elif question.builtin in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
                key = question.key
                query = (self[f"{key}_query"].value() or "")[:100]
                hits = occupation_hits(query, self[key].value() or "", self.staff_language)
                self.fields[key].widget.choices = hits
                found.append(
                    Group(
                        "intake/fields/occupation.html",
                        [self[f"{key}_query"], self[key]],
                        str(self[key].label),
                        key,
                        hits,
                        bool(query),
                    )
                )
            elif isinstance(self.fields[question.key].widget, forms.CheckboxSelectMultiple):
                found.append(Group("includes/choices.html", [self[question.key]]))
            else:
                found.append(Group("includes/field.html", [self[question.key]]))
        return found

    def clean_cv(self):
        """The same check as the public form's: the type from the content, at most 5 MB."""
        return check_cv(self.cleaned_data.get("cv"))


def _not_in_future(day):
    if day and day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
    return day


class PaperEntryForm(AnswersForm):
    language = forms.ChoiceField(
        label=_("Language of the paper form"),
        help_text=_("The consent text of this language is the one signed."),
    )
    signed_on = forms.DateField(label=_("Date the form was signed"), widget=DateInput)
    consent = forms.BooleanField(
        label=_("The applicant ticked and signed the consent on the paper form."),
        error_messages={"required": _("Only enter a paper form whose consent is ticked and signed.")},
    )
    cv = forms.FileField(
        label=_("CV (optional)"),
        required=False,
        help_text=_(
            "If a CV came with the form: a PDF, Word (DOCX) or OpenDocument (ODT) file, at most 5 MB."
        ),
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt", "class": "form-control"}),
    )

    def clean_signed_on(self):
        return _not_in_future(self.cleaned_data.get("signed_on"))


class InterviewEntryForm(AnswersForm):
    language = forms.ChoiceField(
        label=_("Language of the interview"),
        help_text=_("The applicant agrees to the consent text in this language; e-mails to them use it too."),
    )
    held_on = forms.DateField(label=_("Date of the interview"), widget=DateInput)
    notes = forms.CharField(
        label=_("Interview notes"),
        required=False,
        max_length=NOTES_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you learned in the interview. Only the working group sees the notes."),
    )
    consent = forms.BooleanField(
        label=_("The applicant heard or read the consent text below and agreed to it."),
        error_messages={
            "required": _("Register the interest only when the applicant has agreed to the text.")
        },
    )

    def clean_held_on(self):
        return _not_in_future(self.cleaned_data.get("held_on"))


# --- Import ----------------------------------------------------------------------------------------------


class UploadForm(TandemForm):
    role = forms.ChoiceField(label=_("The people in the file apply as"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or Excel (.xlsx), at most 10 MB and 5,000 rows. The first row holds the headings."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv", "class": "form-control"}),
    )

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.kind = ""

    def clean_file(self):
        """Size and kind only: the rows are read by the worker, never in the request."""
        upload = self.cleaned_data["file"]
        try:
            self.kind = tables.check_kind(upload)
        except tables.TableError as error:
            raise ValidationError(str(error), code="unreadable") from error
        return upload


class MappingForm(TandemForm):
    """A select per column of the file: which question it answers, or nothing. The coordinator also
    chooses the language of rows that do not say, whether the applicants get the confirmation e-mail,
    and confirms the consent before importing."""

    default_language = forms.ChoiceField(
        label=_("Language of the applicants"),
        help_text=_("For rows without a language column. E-mails to the applicants are in this language."),
    )
    send_confirmation = forms.BooleanField(
        label=_("Send each applicant the confirmation e-mail"),
        required=False,
        help_text=_(
            "The e-mail gives the reference number and a link to withdraw the application. People who "
            "never filled in a form themselves may be surprised by it, so send it only if they expect "
            "to hear from the program."
        ),
    )
    consent = forms.BooleanField(
        label=_("I confirm the text above for everyone in the file."), required=False
    )

    def __init__(
        self,
        *args,
        header: list[str],
        targets: list[Target],
        languages: list[tuple[str, str]],
        importing: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.targets = targets
        self.importing = importing
        self.fields["default_language"].choices = languages
        choices = [("", _("Do not import")), *[(t.key, t.label) for t in targets]]
        self.columns = []
        for index, heading in enumerate(header):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=_("Column %(number)s: “%(heading)s”") % {"number": index + 1, "heading": heading},
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.columns.append(name)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        labels = {target.key: target.label for target in self.targets}
        first_column: dict[str, int] = {}
        for index, name in enumerate(self.columns):
            key = cleaned.get(name)
            if not key:
                continue
            if key in first_column:
                self.add_error(
                    name,
                    _("“%(target)s” is already chosen for column %(number)s.")
                    % {"target": labels[key], "number": first_column[key] + 1},
                )
            else:
                first_column[key] = index
        for key in sorted(CORE, key=[Builtin.FIRST_NAME, Builtin.LAST_NAME, Builtin.EMAIL].index):
            if key in labels and key not in first_column:
                self.add_error(
                    None, _("Choose the column that holds “%(target)s”.") % {"target": labels[key]}
                )
        if self.importing and not cleaned.get("consent"):
            self.add_error(
                "consent", _("Confirm that the people in the file have agreed, or do not import it.")
            )
        return cleaned

    @property
    def column_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.columns]

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(name) or "" for name in self.columns]
