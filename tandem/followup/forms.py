"""The survey as a form: one field per item (a goal question gives one field per goal), built from the
items of one page; and the coordinators' forms (a question with its wordings side by side, a round,
the offsets of the program's rounds)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.followup.models import (
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    FollowUpSettings,
    OnSite,
    QuestionKind,
    Round,
    Shown,
)
from tandem.followup.services import Item, Wording
from tandem.lib.forms import DateInput, TandemForm, TandemModelForm
from tandem.lib.templatetags.tandem_format import auto
from tandem.reference.languages import typed_in

YES, NO = "yes", "no"


def _yes_no() -> list[tuple[str, Any]]:
    return [(YES, pgettext_lazy("answer", "Yes")), (NO, pgettext_lazy("answer", "No"))]


def field_for(item: Item, *, required: bool) -> forms.Field:
    """The field of one item. What a coordinator wrote (a goal, a question, its help and choices) may be
    Swedish on an Arabic page: each text is a <bdi> (`auto`), so it keeps its own direction and its full
    stop stays at its end, while the page's marks around it (the required star) keep the page's."""
    label = auto(item.row_label or item.wording.label)
    help_text = "" if item.row or not item.wording.help_text else auto(item.wording.help_text)
    kind = item.kind
    common: dict[str, Any] = {"label": label, "help_text": help_text, "required": required}
    if kind in (QuestionKind.LIKERT, QuestionKind.GOALS):
        labels = list(item.wording.choices) or [""] * 5
        choices = [
            (n, format_html("{} – {}", n, auto(text)) if text else str(n))
            for n, text in zip(range(1, 6), labels, strict=False)
        ]
        return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.SCALE10:
        choices = [(n, str(n)) for n in range(11)]
        return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.SINGLE:
        choices = [(n, auto(text)) for n, text in enumerate(item.wording.choices)]
        return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.MULTIPLE:
        choices = [(n, auto(text)) for n, text in enumerate(item.wording.choices)]
        return forms.TypedMultipleChoiceField(
            choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        return forms.ChoiceField(choices=_yes_no(), widget=forms.RadioSelect, **common)
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=MAX_SHORT_TEXT, **common)
    return forms.CharField(max_length=MAX_LONG_TEXT, widget=forms.Textarea(attrs={"rows": 5}), **common)


def to_value(item: Item, cleaned: Any) -> Any:
    """A cleaned field value as stored in `Answer.value` (None: no answer)."""
    if cleaned in (None, "", []):
        return None
    if item.kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        return cleaned == YES
    return cleaned


def to_initial(item: Item, value: Any) -> Any:
    if item.kind in (QuestionKind.YES_NO, QuestionKind.CONSENT) and isinstance(value, bool):
        return YES if value else NO
    return value


class SurveyPageForm(TandemForm):
    """One page of a survey. With `strict` off (saving to finish later, going back) required items may
    stay empty; what is given is still checked."""

    style_choices = True  # drawn choice by choice (includes/choices.html)

    def __init__(
        self,
        items: Sequence[Item],
        *,
        data: Mapping[str, Any] | None = None,
        answers: Mapping[tuple[str, str], Any] | None = None,
        strict: bool = True,
    ) -> None:
        super().__init__(data=data)
        self.items = list(items)
        answers = answers or {}
        for item in self.items:
            field = field_for(item, required=strict and item.required)
            field.initial = to_initial(item, answers.get((item.question.key, item.row)))
            self.add_field(item.name, field)

    def values(self) -> dict[tuple[str, str], Any]:
        return {
            (item.question.key, item.row): to_value(item, self.cleaned_data.get(item.name))
            for item in self.items
        }

    def rows(self) -> list[tuple[Item, forms.BoundField, bool]]:
        """(item, its field, whether it starts a goal question's group) in order, for the template."""
        result = []
        previous = None
        for item in self.items:
            starts_group = bool(item.row) and item.question.pk != previous
            result.append((item, self[item.name], starts_group))
            previous = item.question.pk if item.row else None
        return result


class PickNameForm(TandemForm):
    invitation = forms.TypedChoiceField(label=_("Your name"), coerce=int, required=False)
    code = forms.CharField(label=_("Or type the code from your invitation"), max_length=20, required=False)

    def __init__(self, *args: Any, names: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["invitation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *names]
        if not names:
            del self.fields["invitation"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("invitation") and not cleaned.get("code", "").strip():
            raise forms.ValidationError(_("Pick your name or type your code."))
        return cleaned


class AnonymousStartForm(TandemForm):
    style_choices = True  # drawn choice by choice (includes/choices.html)

    role = forms.ChoiceField(
        label=_("I am"),
        choices=[("mentee", _("a mentee")), ("mentor", _("a mentor"))],
        widget=forms.RadioSelect,
    )


class StaffEntryForm(TandemForm):
    style_choices = True  # drawn choice by choice (includes/choices.html)

    channel = forms.ChoiceField(
        label=_("How were the answers given?"),
        choices=[("phone", _("By phone")), ("paper", _("On paper"))],
        widget=forms.RadioSelect,
        initial="phone",
    )


class QuestionForm(TandemForm):
    """A question and its wording in each language, side by side. Choices: one per line."""

    kind = forms.ChoiceField(label=_("Type of answer"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("Required"), required=False)
    shown_to = forms.ChoiceField(label=_("Shown to"), choices=Shown.choices, initial=Shown.BOTH)
    new_page = forms.BooleanField(label=_("Starts a new page"), required=False)

    def __init__(self, *args: Any, languages: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = list(languages)
        for code, name in self.languages:
            # Typed in `code` and its direction; the labels stay in the coordinator's language.
            self.add_field(
                f"label_{code}",
                forms.CharField(
                    label=_("Question (%(language)s)") % {"language": name},
                    max_length=500,
                    required=code == "sv",
                    widget=forms.TextInput(attrs=typed_in(code)),
                ),
            )
            self.add_field(
                f"help_{code}",
                forms.CharField(
                    label=_("Help text (%(language)s)") % {"language": name},
                    max_length=1000,
                    required=False,
                    widget=forms.TextInput(attrs=typed_in(code)),
                ),
            )
            self.add_field(
                f"choices_{code}",
                forms.CharField(
                    label=_("Choices or scale labels, one per line (%(language)s)") % {"language": name},
                    widget=forms.Textarea(attrs={"rows": 4, **typed_in(code)}),
                    required=False,
                    max_length=4000,
                ),
            )

    def language_rows(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [
            (code, name, [self[f"label_{code}"], self[f"help_{code}"], self[f"choices_{code}"]])
            for code, name in self.languages
        ]

    def wordings(self) -> dict[str, Wording]:
        data = self.cleaned_data
        return {
            code: Wording(
                data[f"label_{code}"],
                data[f"help_{code}"],
                tuple(line.strip() for line in data[f"choices_{code}"].splitlines() if line.strip()),
            )
            for code, _name in self.languages
            if data.get(f"label_{code}")
        }


class RoundForm(TandemModelForm):
    """When the round is open, as a coordinator says it: from the first day to the last day it takes
    answers. The model keeps `closes_on`, the first day it is closed (the day after `open_until`)."""

    open_until = forms.DateField(
        label=_("Open until (the last day)"),
        help_text=_("Answers are taken to the end of this day."),
        widget=DateInput,
    )
    reminder_text = forms.CharField(
        label=_("Reminders, days after opening"),
        help_text=_("For example: 4, 9"),
        required=False,
        max_length=40,
    )

    class Meta:
        model = Round
        fields = ["opens_on", "on_site"]
        widgets = {"opens_on": DateInput}

    field_order = ["opens_on", "open_until", "on_site", "reminder_text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on_site"].choices = OnSite.choices  # type: ignore[attr-defined]
        self.fields["reminder_text"].initial = ", ".join(str(d) for d in self.instance.reminder_days or [])
        if self.instance.closes_on:
            self.fields["open_until"].initial = self.instance.last_day

    def clean_reminder_text(self) -> list[int]:
        return parse_days(self.cleaned_data["reminder_text"], most=60)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, last = cleaned.get("opens_on"), cleaned.get("open_until")
        if opens and last and last < opens:
            self.add_error("open_until", _("The last day cannot be before the first day."))
        return cleaned

    def save(self, commit: bool = True) -> Round:
        self.instance.closes_on = self.cleaned_data["open_until"] + timedelta(days=1)
        return super().save(commit=commit)


def parse_days(text: str, *, most: int) -> list[int]:
    days = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= most:
            raise forms.ValidationError(
                _("Write whole numbers from 1 to %(most)s, separated by commas.") % {"most": most}
            )
        days.append(int(part))
    return sorted(set(days))


class SettingsForm(TandemModelForm):
    effect_text = forms.CharField(
        label=_("Effect evaluation, months after the end"),
        help_text=_("6 and 12 are offered; leave empty for none."),
        required=False,
        max_length=20,
    )
    reminder_text = forms.CharField(
        label=_("Reminders, days after opening"),
        help_text=_("For example: 4, 9"),
        required=False,
        max_length=40,
    )

    class Meta:
        model = FollowUpSettings
        fields = ["startup_week", "midterm", "goal_days_after_end", "open_days"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effect_text"].initial = ", ".join(str(m) for m in self.instance.effect_months or [])
        self.fields["reminder_text"].initial = ", ".join(str(d) for d in self.instance.reminder_days or [])

    def clean_effect_text(self) -> list[int]:
        months = parse_days(self.cleaned_data["effect_text"], most=12)
        if set(months) - {6, 12}:
            raise forms.ValidationError(_("Choose 6, 12 or both."))
        return months

    def clean_reminder_text(self) -> list[int]:
        return parse_days(self.cleaned_data["reminder_text"], most=60)

    def save(self, commit: bool = True) -> FollowUpSettings:
        self.instance.effect_months = self.cleaned_data["effect_text"]
        self.instance.reminder_days = self.cleaned_data["reminder_text"]
        return super().save(commit=commit)
