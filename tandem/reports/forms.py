from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.lib.forms import DateInput, TandemForm, TandemModelForm
from tandem.programs.models import FundingSource, Program
from tandem.reports import funder
from tandem.reports.models import ActualCost, FunderReport


class NewFunderReportForm(TandemForm):
    funding_source = forms.ModelChoiceField(label=_("Funding source"), queryset=FundingSource.objects.none())
    definition = forms.ChoiceField(label=_("Format"))
    period_start = forms.DateField(label=_("From"), widget=DateInput)
    period_end = forms.DateField(label=_("To"), widget=DateInput)

    def __init__(self, *args, program: Program, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["funding_source"].queryset = program.funding_sources.all()  # type: ignore[attr-defined]
        self.fields["definition"].choices = [(d.key, d.name) for d in funder.definitions()]  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its first day."))
        return data


class ReportTextForm(TandemModelForm):
    class Meta:
        model = FunderReport
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class ActualCostForm(TandemModelForm):
    class Meta:
        model = ActualCost
        fields = ["budget_line", "spent_on", "amount", "funding_source", "funder_share", "description"]
        widgets = {"spent_on": DateInput}
        labels = {"budget_line": _("Budget line")}

    def __init__(self, *args, program: Program, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = program.budget_lines.all()  # type: ignore[attr-defined]
        self.fields["funding_source"].queryset = program.funding_sources.all()  # type: ignore[attr-defined]


class ConfirmExportForm(TandemForm):
    confirm = forms.BooleanField(
        label=_("I have checked that the funder needs these data and that they will be sent safely."),
        error_messages={"required": _("Confirm that personal data may leave Tandem.")},
    )


class StartExportForm(TandemForm):
    """The exports page: one button per list and format (`export` = "<list>.<format>"), and the promise
    to keep the personal data safe, ticked before any file is made."""

    confirm = forms.BooleanField(
        label=_(
            "I need these personal data for the program, will keep the file safe and delete it when I no "
            "longer need it."
        ),
        error_messages={"required": _("Confirm that personal data may leave Tandem.")},
    )
    export = forms.ChoiceField(
        error_messages={"required": _("Choose a list."), "invalid_choice": _("Choose a list.")}
    )

    def __init__(self, *args, choices: list, formats: tuple[str, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.by_value = {f"{c.value}.{f}": (c, f) for c in choices for f in formats}
        self.fields["export"].choices = [(value, value) for value in self.by_value]  # type: ignore[attr-defined]

    def chosen(self) -> tuple:
        """The list (an `exports.Choice`) and the format of a valid form."""
        return self.by_value[self.cleaned_data["export"]]
