"""The forms of the pair's space and its sign-in pages. The services check everything again."""

from __future__ import annotations

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tandem.mentoring.models import (
    MAX_GOAL,
    MAX_NOTE,
    HelpRequest,
    MeetingFormat,
    Side,
    ThemeItem,
    new_secret,
)
from tandem.mentoring.services import end_reason_choices


def _text(label, *, limit: int, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "class": "form-control"}),
    )


class SignInRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The address you gave when you applied to the program."),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
    )


class GoalForm(forms.Form):
    text = _text(_("Your goal"), limit=MAX_GOAL, rows=2)


class CommentForm(forms.Form):
    text = _text(_("Comment"), limit=MAX_NOTE, rows=2)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Progress"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not started, 5 = reached"),
    )


class HelpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=HelpRequest.Kind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = _text(_("Your message"), limit=MAX_NOTE, rows=4)


class PauseForm(forms.Form):
    reason = _text(_("Why do you want to pause?"), limit=MAX_NOTE, rows=2)


class EndForm(forms.Form):
    """A participant ends early: the reasons are a participant's (services.end_reason_choices, the same for
    the mentee and the mentor), without "The program ended"."""

    reason = forms.ChoiceField(
        label=_("Why do you want to end?"),
        choices=lambda: [("", "—"), *end_reason_choices(Side.MENTEE)],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = _text(_("In your own words (optional)"), limit=MAX_NOTE, required=False, rows=2)
    confirm = forms.BooleanField(
        label=_("Yes, I want to end the mentorship."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class MySettingsForm(forms.Form):
    shares_phone = forms.BooleanField(
        label=_("Show my phone number to the other person"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    reminders = forms.BooleanField(
        label=_("E-mail reminders"),
        help_text=_("Reminders before planned meetings and when nothing has been logged for a while."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


# --- Meetings -------------------------------------------------------------------------------------

DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time", "class": "form-control"}, format="%H:%M")


class PlanForm(forms.Form):
    """Add a meeting to the plan, or move one."""

    planned_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    starts_at = forms.TimeField(label=_("Time (optional)"), required=False, widget=TIME_INPUT)
    place = forms.CharField(
        label=_("Where (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


def theme_title(item: ThemeItem) -> str:
    """A theme's title in the active language (Swedish when not translated)."""
    language = translation.get_language() or "sv"
    translated = (item.translations or {}).get(language, {}) if language != "sv" else {}
    return translated.get("title") or item.title


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """The program's themes by their title in the reader's language."""

    def label_from_instance(self, obj) -> str:
        return theme_title(obj)


class MeetingLogForm(forms.Form):
    """Log a meeting in under a minute. `submission_key` is a fresh token per form shown: sending the same
    form twice stores one log."""

    held_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=5,
        max_value=600,
        widget=forms.NumberInput(
            attrs={"class": "form-control", "inputmode": "numeric", "min": 5, "max": 600}
        ),
    )
    format = forms.ChoiceField(
        label=_("How did you meet?"),
        choices=MeetingFormat.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    themes = ThemeChoiceField(
        label=_("Themes you talked about (optional)"),
        queryset=ThemeItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    shared_note = _text(_("A short note for both of you (optional)"), limit=MAX_NOTE, required=False, rows=2)
    private_note = _text(
        _("A private note only you will see (optional)"), limit=MAX_NOTE, required=False, rows=2
    )
    planned = forms.IntegerField(required=False, widget=forms.HiddenInput)
    submission_key = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, themes=None, private: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if themes is not None:
            self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        if not private:
            del self.fields["private_note"]
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_secret())


class ConfirmForm(forms.Form):
    private_note = _text(
        _("A private note only you will see (optional)"), limit=MAX_NOTE, required=False, rows=2
    )


class CorrectionForm(forms.Form):
    text = _text(_("What was different?"), limit=MAX_NOTE, rows=2)
