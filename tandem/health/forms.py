from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.health.models import HealthSettings
from tandem.lib.forms import TandemModelForm
from tandem.mentoring.models import MAX_NOTE


class MarkForm(forms.Form):
    """A follow-up mark on a pair from the health page."""

    kind = forms.ChoiceField(
        label=_("Follow-up"),
        choices=[("contacted", _("Contacted")), ("resolved", _("Resolved")), ("note", _("Note"))],
    )
    text = forms.CharField(label=_("Note"), required=False, max_length=MAX_NOTE)

    def clean(self):
        data = super().clean() or {}
        if data.get("kind") == "note" and not (data.get("text") or "").strip():
            self.add_error("text", _("Write the note, or choose “Contacted” or “Resolved”."))
        return data


class SettingsForm(TandemModelForm):
    class Meta:
        model = HealthSettings
        fields = ["not_started_weeks"]
