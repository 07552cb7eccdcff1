from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.gatherings.models import Gathering, Invitation
from tandem.lib.forms import TandemFormMixin
from tandem.reference.languages import language_name, meeting_language_choices

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class GatheringForm(TandemFormMixin, forms.ModelForm):
    """A meeting's time, place and content. Date and time are asked separately (phones handle them
    better), in Swedish time. The languages are ticked, named in the reader's language, and stored as
    codes ("sv, ar") as before."""

    style_choices = True  # the languages' check boxes are drawn one by one (includes/choices.html)
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    start = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    languages = forms.MultipleChoiceField(
        label=_("Held in"),
        help_text=_("The languages spoken at the meeting, or interpreted into."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )

    class Meta:
        model = Gathering
        fields = [
            "kind",
            "title",
            "duration_minutes",
            "place",
            "video_link",
            "agenda",
            "capacity",
            "audience",
            "languages",
        ]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, now: datetime, yes_count: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now, self.yes_count = now, yes_count
        self.capacity_warning = ""
        self.fields["day"].widget.attrs["autocomplete"] = "off"
        self.order_fields(["kind", "title", "day", "start"])
        stored = self.instance.language_codes()
        choices = meeting_language_choices()
        known = {code for code, _label in choices}
        # A code typed by hand before the languages were ticked stays a choice, so saving keeps it.
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)
        languages.choices = choices + [(code, language_name(code)) for code in stored if code not in known]
        self.initial.setdefault("languages", stored)
        if self.instance.pk:
            local = self.instance.starts_at.astimezone(STOCKHOLM)
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("start", local.time().replace(second=0, microsecond=0))

    def clean_languages(self) -> str:
        codes = self.cleaned_data["languages"]
        stored = ", ".join(codes)
        if len(stored) > (Gathering._meta.get_field("languages").max_length or 0):
            raise forms.ValidationError(_("Choose fewer languages."))
        return stored

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None
        day, start = data.get("day"), data.get("start")
        if day and start:
            starts_at = datetime.combine(day, start, tzinfo=STOCKHOLM)
            data["starts_at"] = starts_at
            moved = not self.instance.pk or starts_at != self.instance.starts_at
            if moved and starts_at < self.now:
                self.add_error("day", _("This time has already passed. Choose a date and time ahead."))
        if not data.get("place") and not data.get("video_link"):
            self.add_error(
                "place", _("Give a place (an address) or a video link, so people know where to go.")
            )
        capacity = data.get("capacity")
        if capacity is not None and capacity < self.yes_count:
            # A warning, not an error: the coordinator may know that the room holds more.
            self.capacity_warning = str(
                _("%(yes)s people have said yes, more than the capacity of %(capacity)s.")
                % {"yes": self.yes_count, "capacity": capacity}
            )
        return data

    def meeting_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["starts_at"] = self.cleaned_data["starts_at"]
        return fields


class AnswerForm(TandemFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=pgettext_lazy("rsvp", "Will you come?"),
        choices=Invitation.Answer.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything we should know? (optional)"),
        help_text=_("For example a food allergy, or if you need an interpreter."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WalkInForm(TandemFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address (optional)"), required=False)
