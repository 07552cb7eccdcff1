"""The coordinators' forms: a library item with its translations, a program's pick, a pair's follow-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.mentoring.models import MAX_NOTE, Mentorship, Phase, ThemeItem

LANGUAGE_LABELS = {"en": _("English"), "ar": _("Arabic")}


def _area(label, *, limit: int, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "class": "form-control"}),
    )


class ThemeItemForm(forms.ModelForm):
    """An item in Swedish, with its English and Arabic texts as extra fields (kept in `translations`)."""

    class Meta:
        model = ThemeItem
        fields = ["kind", "phase", "topic", "minutes_needed", "title", "short_text", "text"]
        widgets = {
            "kind": forms.Select(attrs={"class": "form-select"}),
            "phase": forms.Select(attrs={"class": "form-select"}),
            "topic": forms.TextInput(attrs={"class": "form-control"}),
            "minutes_needed": forms.NumberInput(attrs={"class": "form-control"}),
            "title": forms.TextInput(attrs={"class": "form-control"}),
            "short_text": forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            "text": forms.Textarea(attrs={"rows": 8, "class": "form-control"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translations = (self.instance.translations or {}) if self.instance else {}
        for language, name in LANGUAGE_LABELS.items():
            texts = translations.get(language) or {}
            self.fields[f"{language}_title"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=200,
                required=False,
                initial=texts.get("title", ""),
                widget=forms.TextInput(attrs={"class": "form-control", "lang": language}),
            )
            self.fields[f"{language}_short_text"] = forms.CharField(
                label=_("Short version (%(language)s)") % {"language": name},
                max_length=500,
                required=False,
                initial=texts.get("short_text", ""),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control", "lang": language}),
            )
            self.fields[f"{language}_text"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                max_length=10000,
                required=False,
                initial=texts.get("text", ""),
                widget=forms.Textarea(attrs={"rows": 6, "class": "form-control", "lang": language}),
            )

    def translations(self) -> dict[str, dict[str, str]]:
        return {
            language: {
                field: self.cleaned_data.get(f"{language}_{field}", "")
                for field in ("title", "short_text", "text")
            }
            for language in LANGUAGE_LABELS
        }


class LibraryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *ThemeItem.Kind.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[("", _("All phases")), *Phase.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    archived = forms.BooleanField(
        label=_("Show archived items"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class PickForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    month = forms.IntegerField(
        label=_("Month"),
        required=False,
        min_value=1,
        max_value=24,
        widget=forms.NumberInput(attrs={"class": "form-control", "style": "max-width: 6rem"}),
    )


class HandledForm(forms.Form):
    note = _area(_("What was done"), limit=MAX_NOTE, rows=2)


class FollowUpForm(forms.Form):
    text = _area(_("Follow-up note"), limit=MAX_NOTE, rows=3)


class StaffPauseForm(forms.Form):
    reason = _area(_("Why the pause"), limit=MAX_NOTE, rows=2)


class StaffEndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "—"), *Mentorship.EndReason.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = _area(_("In your own words"), limit=MAX_NOTE, rows=2)
    confirm = forms.BooleanField(
        label=_("Yes, end this mentorship and offer the mentee back to the matching pool."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
