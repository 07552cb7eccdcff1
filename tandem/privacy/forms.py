from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.lib.forms import DateInput, TandemForm


class PolicyForm(TandemForm):
    rejected = forms.IntegerField(
        label=_("Rejected applicants: months after the decision"), min_value=1, max_value=120
    )
    withdrawn = forms.IntegerField(
        label=_("Withdrawn applicants: months after the withdrawal"), min_value=1, max_value=120
    )
    participants = forms.IntegerField(
        label=_("Participants and other applicants: months after the program closes"),
        min_value=1,
        max_value=120,
    )


class ExtendForm(TandemForm):
    until = forms.DateField(label=_("Keep until"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class EraseForm(TandemForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("For example: the person asked by e-mail on 3 December."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))
