from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.audit.actions import label
from tandem.audit.models import AuditEvent
from tandem.audit.search import AuditQuery
from tandem.lib.forms import TandemForm


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name()} <{obj.email}>"


class AuditSearchForm(TandemForm):
    """Who, whom, what, when. Every field may stay empty."""

    actor = StaffChoiceField(
        label=_("Staff member"), queryset=get_user_model().objects.none(), required=False
    )
    whom = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=200,
        help_text=_("A name, e-mail address or reference number of an applicant or participant."),
    )
    action = forms.ChoiceField(label=_("What"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        in_log = AuditEvent.objects.filter(organisation_id=organisation_id)
        # The staff members who appear in the organisation's log (one query when the form is shown).
        actor = cast(forms.ModelChoiceField, self.fields["actor"])
        actor.queryset = get_user_model().objects.filter(pk__in=in_log.exclude(actor=None).values("actor_id"))
        actions = sorted(in_log.order_by().values_list("action", flat=True).distinct())
        action = cast(forms.ChoiceField, self.fields["action"])
        action.choices = [("", _("Anything")), *[(code, label(code)) for code in actions]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise ValidationError({"until": _("The end date is before the start date.")})
        return cleaned

    def query(self) -> AuditQuery:
        data = self.cleaned_data
        return AuditQuery(
            actor_id=data["actor"].pk if data.get("actor") else None,
            whom=data.get("whom", ""),
            action=data.get("action", ""),
            since=data.get("since"),
            until=data.get("until"),
        )


class BreachReportForm(TandemForm):
    """Who saw this person between two dates."""

    whom = forms.CharField(
        label=_("Person"),
        max_length=200,
        help_text=_("A name, e-mail address or reference number of an applicant or participant."),
    )
    since = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise ValidationError({"until": _("The end date is before the start date.")})
        return cleaned

    def query(self) -> AuditQuery:
        data = self.cleaned_data
        return AuditQuery(whom=data["whom"], since=data["since"], until=data["until"])
