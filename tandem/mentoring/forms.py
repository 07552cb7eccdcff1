"""The forms of the pair's space and its sign-in pages. The services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.mentoring.models import MAX_GOAL, MAX_NOTE, HelpRequest, Mentorship


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
    reason = forms.ChoiceField(
        label=_("Why do you want to end?"),
        choices=[("", "—"), *Mentorship.EndReason.choices],
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
