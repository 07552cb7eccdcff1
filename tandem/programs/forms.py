"""Forms of the set-up wizard: one program form per step plus the rows (goals, rules, budget lines…)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem import policy
from tandem.accounts.models import Organisation, User
from tandem.lib.forms import DateInput, TandemForm, TandemModelForm
from tandem.programs.models import (
    BudgetLine,
    CommonMeeting,
    FundingSource,
    Goal,
    MeetingRule,
    Program,
    ProgramRole,
)

NEGATIVE_AMOUNT = _("The amount cannot be negative.")
LENGTH_PRESETS = (3, 6, 9, 12)


def money_field(label: str, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        error_messages={"min_value": NEGATIVE_AMOUNT, "required": _("Enter the amount.")},
    )


class NewProgramForm(TandemForm):
    name = forms.CharField(label=_("Name of the program"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.only_organisation = organisations[0] if len(organisations) == 1 else None
        if self.only_organisation is not None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.only_organisation is not None:
            data["organisation"] = self.only_organisation
        return data


class CopyProgramForm(TandemForm):
    name = forms.CharField(label=_("Name of the new program"), max_length=200)
    start_date = forms.DateField(label=_("Start date of the new program"), widget=DateInput(), required=False)


# --- The program's own fields, one form per step ------------------------------------------------


class PurposeForm(TandemModelForm):
    class Meta:
        model = Program
        fields = ["purpose", "purpose_kind"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "purpose": _("What should the program lead to, and for whom? Two or three sentences are enough."),
            "purpose_kind": _("The one thing the program is mainly for."),
        }


class TargetGroupsForm(TandemModelForm):
    class Meta:
        model = Program
        fields = ["mentee_target_group", "mentor_target_group"]
        widgets = {
            "mentee_target_group": forms.Textarea(attrs={"rows": 3}),
            "mentor_target_group": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "mentee_target_group": _(
                "Who may become a mentee, e.g. newly arrived economists looking for work."
            ),
            "mentor_target_group": _("Who may become a mentor, e.g. economists working in Sweden."),
        }


class AmbitionForm(TandemModelForm):
    length_months = forms.IntegerField(
        label=_("Length in months"),
        required=False,
        min_value=1,
        max_value=24,
        widget=forms.NumberInput(attrs={"list": "length-presets"}),
        help_text=_("Most programs run 3, 6, 9 or 12 months. Any length from 1 to 24 months works."),
        error_messages={
            "min_value": _("A program lasts at least 1 month."),
            "max_value": _("A program lasts at most 24 months."),
        },
    )

    class Meta:
        model = Program
        fields = ["length_months", "start_date", "target_mentees", "target_mentors"]
        widgets = {"start_date": DateInput()}
        help_texts = {
            "target_mentees": _("How many mentees you plan to take in."),
            "target_mentors": _("Usually one mentor per mentee."),
        }


# --- Rows: a row counts as filled when any of its own fields has a value -----------------------


class RowFormMixin:
    """A row with nothing typed in its own fields is left out: a new one is skipped, a saved one removed."""

    row_fields: tuple[str, ...] = ()

    def is_blank(self) -> bool:
        return self.is_bound and not any(  # type: ignore[attr-defined]
            str(self.data.get(self.add_prefix(name), "")).strip()  # type: ignore[attr-defined]
            for name in self.row_fields
        )

    def has_changed(self) -> bool:
        if self.instance.pk is not None:  # type: ignore[attr-defined]
            return super().has_changed()  # type: ignore[misc]
        return not self.is_blank()


class GoalForm(RowFormMixin, TandemModelForm):
    row_fields = ("description", "indicator", "target_value")

    class Meta:
        model = Goal
        fields = ["description", "indicator", "target_value", "unit"]
        labels = {"target_value": _("Target value")}
        error_messages = {
            "description": {"required": _("Describe the goal, or empty the whole row.")},
            "indicator": {"required": _("Say how you will measure this goal.")},
            "target_value": {"min_value": _("The target cannot be negative.")},
        }
        help_texts = {
            "indicator": _(
                "What you will count, e.g. share of mentees with a qualified job 6 months after the end."
            ),
        }


class MeetingRuleForm(RowFormMixin, TandemModelForm):
    row_fields = ("from_month", "to_month", "every")

    class Meta:
        model = MeetingRule
        fields = ["from_month", "to_month", "every", "unit"]
        labels = {"every": _("Every"), "unit": _("Weeks or months")}
        help_texts = {"to_month": _("Empty means to the end of the program.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("from_month"), data.get("to_month")
        if start and end and end < start:
            self.add_error("to_month", _("The last month cannot come before the first month."))
        return data


class CommonMeetingForm(RowFormMixin, TandemModelForm):
    row_fields = ("kind", "title", "week_offset")
    # May be empty for a mid-program or closing meeting: the page then places it from the length.
    week_offset = forms.IntegerField(
        label=_("Week of the program"), required=False, min_value=0, max_value=110
    )

    class Meta:
        model = CommonMeeting
        fields = ["kind", "title", "week_offset"]
        help_texts = {"week_offset": _("Week 0 is the week the program starts.")}


class BudgetLineForm(RowFormMixin, TandemModelForm):
    row_fields = ("cost_item", "description", "planned_amount", "actual_amount")
    planned_amount = money_field(_("Planned (SEK)"), required=True)
    actual_amount = money_field(_("Actual (SEK)"))

    class Meta:
        model = BudgetLine
        fields = ["cost_item", "description", "planned_amount", "actual_amount"]


class FundingSourceForm(RowFormMixin, TandemModelForm):
    row_fields = ("kind", "name", "amount_applied", "amount_granted", "reporting_deadline")
    amount_applied = money_field(_("Applied for (SEK)"))
    amount_granted = money_field(_("Granted (SEK)"))

    class Meta:
        model = FundingSource
        fields = ["kind", "name", "amount_applied", "amount_granted", "status", "reporting_deadline"]
        widgets = {"reporting_deadline": DateInput()}


# --- The working group ----------------------------------------------------------------------


class RoleForm(TandemModelForm):
    """One person already in the program: change their role and responsibilities, or remove them."""

    class Meta:
        model = ProgramRole
        fields = ["role", "plans", "runs", "follows_up", "sees_people"]
        labels = {"sees_people": _("May read the records and CVs of applicants and participants")}
        help_texts = {
            "sees_people": _(
                "For a read-only viewer: without it they see figures and lists without names. They still "
                "change and export nothing."
            )
        }


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.email})"


class AddRoleForm(TandemForm):
    user = PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Colleagues of your organisation and of the partner organisations. "
            "An organisation admin invites new colleagues."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "---------"), *ProgramRole.Role.choices], required=False
    )
    plans = forms.BooleanField(label=_("Responsible for planning"), required=False)
    runs = forms.BooleanField(label=_("Responsible for running"), required=False)
    follows_up = forms.BooleanField(label=_("Responsible for follow-up"), required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("user") and not data.get("role"):
            self.add_error("role", _("Choose a role for the person."))
        return data


class PartnersForm(TandemForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    new_partner = forms.CharField(
        label=_("Another partner organisation"),
        max_length=200,
        required=False,
        help_text=_("Not in the list? Type its name and it is added as a partner."),
    )
    partners_edit_setup = forms.BooleanField(
        label=_("Partner coordinators may change the purpose, goals and financing"),
        required=False,
        help_text=_(
            "Without it they read these steps and the booked costs but change nothing there; everything "
            "else (recruiting, matching, running the program) they do as coordinators do. Only your "
            "organisation's coordinators and admins decide this."
        ),
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = policy.partner_organisation_choices(program)
