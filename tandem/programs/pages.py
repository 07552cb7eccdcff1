"""One page of the set-up wizard: its forms, the checks across them, and the service that saves it.

A page is valid only when every form on it is, and the checks that need several forms at once (rules
within the length, no overlapping rules, roles that fit the organisations) pass; the errors of those
checks go next to the field they are about. An invalid page saves nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tandem import policy
from tandem.accounts.models import Membership, User
from tandem.programs import forms as f
from tandem.programs import services
from tandem.programs.finance import program_finances
from tandem.programs.meetings import default_common_meetings, weeks_in
from tandem.programs.models import Program, ProgramRole
from tandem.programs.services import NewRole, RowChange

MAX_EXTRA = 10


class RowFormSet(forms.BaseModelFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def _should_delete_form(self, form: forms.Form) -> bool:
        emptied = form.instance.pk is not None and getattr(form, "row_fields", ()) and form.is_blank()
        return bool(emptied) or super()._should_delete_form(form)

    def live_forms(self) -> list[forms.ModelForm]:
        """Valid forms that are kept: filled in and not marked for removal."""
        return [
            form
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form) and form.is_valid()
        ]


def formset_class(form: type[forms.ModelForm], extra: int) -> type[RowFormSet]:
    return forms.modelformset_factory(
        form.Meta.model, form=form, formset=RowFormSet, extra=extra, can_delete=True
    )


def row_changes(formset: RowFormSet, skip: Iterable[forms.Form] = ()) -> list[RowChange]:
    changes = []
    for form in formset.forms:
        is_new = form.instance.pk is None
        if (is_new and not form.has_changed()) or form in skip:
            continue
        if formset._should_delete_form(form):
            if not is_new:
                changes.append(RowChange(form.instance, delete=True))
            continue
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        changes.append(RowChange(None if is_new else form.instance, values))
    return changes


class SetupPage:
    slug: str = ""
    intro: Any = ""
    addable: dict[str, Any] = {}

    def __init__(
        self,
        program: Program,
        data: Any = None,
        *,
        extra: dict[str, int] | None = None,
        read_only: bool = False,
        is_host: bool = True,
        editor: User | None = None,
    ):
        self.program = program
        self.editor = editor  # who fills in the page (the working group limits a partner coordinator)
        self.data = data
        self.extra = extra or {}
        self.read_only = read_only
        self.is_host = is_host  # the editor speaks for the host organisation (`policy.ProgramAccess.is_host`)
        self.build()
        if read_only:
            for form in self.all_forms():
                for field in form.fields.values():
                    field.disabled = True

    def build(self) -> None:
        raise NotImplementedError

    def draft(self) -> Program:
        """A copy for the program's form to fill in, so the page shows saved data until it is saved."""
        return copy.copy(self.program)

    def parts(self) -> list[Any]:
        """The forms and formsets on the page."""
        raise NotImplementedError

    def all_forms(self) -> list[forms.Form]:
        result = []
        for part in self.parts():
            result.extend(part.forms if isinstance(part, forms.BaseFormSet) else [part])
        return result

    def rows(self, prefix: str, form: type[forms.ModelForm], queryset: QuerySet, initial=None) -> RowFormSet:
        extra = min(max(self.extra.get(prefix, 1), 1), MAX_EXTRA)
        if initial:
            extra = max(extra, len(initial))
        formset = formset_class(form, extra)(self.data, queryset=queryset, prefix=prefix, initial=initial)
        return formset

    def is_valid(self) -> bool:
        valid = all([part.is_valid() for part in self.parts()])  # a list: validate every part
        return self.check_across() and valid

    def check_across(self) -> bool:
        """Checks that need more than one form; add errors to fields and return False on a problem."""
        return True

    def blank_rows(self, prefix: str) -> int:
        formset = getattr(self, prefix)
        return sum(1 for form in formset.extra_forms if not form.has_changed())

    def save(self, *, by: User, now: datetime) -> None:
        raise NotImplementedError

    def context(self) -> dict[str, Any]:
        return {}


class PurposePage(SetupPage):
    slug = "purpose"
    intro = _(
        "Start with why. The purpose and the goals decide the rest: who the program is for, how long it "
        "runs and how you will follow it up. Make each goal measurable: what you count, and what number "
        "you aim for."
    )
    addable = {"goals": _("Add a goal")}

    def build(self) -> None:
        self.form = f.PurposeForm(self.data, instance=self.draft())
        self.goals = self.rows("goals", f.GoalForm, self.program.goals.all())

    def parts(self) -> list[Any]:
        return [self.form, self.goals]

    def save(self, *, by: User, now: datetime) -> None:
        services.save_purpose(
            self.program, values=self.form.cleaned_data, goals=row_changes(self.goals), by=by, now=now
        )


class TargetGroupsPage(SetupPage):
    slug = "target-groups"
    intro = _(
        "Describe who the program is for, on both sides. Be concrete: these descriptions become the "
        "requirement profile and guide recruitment."
    )

    def build(self) -> None:
        self.form = f.TargetGroupsForm(self.data, instance=self.draft())

    def parts(self) -> list[Any]:
        return [self.form]

    def save(self, *, by: User, now: datetime) -> None:
        services.save_target_groups(self.program, values=self.form.cleaned_data, by=by, now=now)


class AmbitionPage(SetupPage):
    slug = "ambition"
    intro = _(
        "How long the program runs, how often the pairs meet and how many take part. Pairs usually meet "
        "about once a month, more often at the start. Common meetings, often a kickoff, one in the middle "
        "and one at the end, gather everyone."
    )
    addable = {"rules": _("Add a rule"), "meetings": _("Add a common meeting")}

    def build(self) -> None:
        self.form = f.AmbitionForm(self.data, instance=self.draft())
        self.rules = self.rows("rules", f.MeetingRuleForm, self.program.meeting_rules.all())
        meetings = self.program.common_meetings.all()
        initial = None
        if not meetings.exists():
            initial = default_common_meetings(self.program.length_months)
        self.meetings = self.rows("meetings", f.CommonMeetingForm, meetings, initial=initial)

    def parts(self) -> list[Any]:
        return [self.form, self.rules, self.meetings]

    def _length(self) -> int | None:
        if self.form.is_valid():
            return self.form.cleaned_data.get("length_months")
        return None

    def check_across(self) -> bool:
        length = self._length()
        return self._rules_fit(length) & self._meetings_fit(length)

    def _meetings_fit(self, length: int | None) -> bool:
        """Weeks within the program. A meeting without a week gets its usual place when the length is
        known (middle or end); without a length, an untouched suggestion is left out, and anything
        else asks for the week."""
        ok = True
        self.skip_meetings: list[forms.Form] = []
        usual = {row["kind"]: row["week_offset"] for row in default_common_meetings(length)}
        for form in self.meetings.live_forms():
            week = form.cleaned_data.get("week_offset")
            if week is None and usual.get(form.cleaned_data.get("kind")) is not None:
                form.cleaned_data["week_offset"] = week = usual[form.cleaned_data["kind"]]
            if week is None:
                if form.instance.pk is None and not form.cleaned_data.get("title"):
                    self.skip_meetings.append(form)
                    continue
                form.add_error("week_offset", _("Give the week of this meeting."))
                ok = False
            elif length and week > weeks_in(length):
                form.add_error(
                    "week_offset", _("The program ends in week %(week)s.") % {"week": weeks_in(length)}
                )
                ok = False
        return ok

    def _rules_fit(self, length: int | None) -> bool:
        ok = True
        rules = [form for form in self.rules.live_forms() if form.cleaned_data.get("from_month")]
        for form in rules:
            for name in ("from_month", "to_month"):
                month = form.cleaned_data.get(name)
                if length and month and month > length:
                    form.add_error(name, _("The program has only %(months)s months.") % {"months": length})
                    ok = False
        rules.sort(key=lambda form: form.cleaned_data["from_month"])
        for earlier, later in zip(rules, rules[1:], strict=False):
            first = earlier.cleaned_data["from_month"]
            last = earlier.cleaned_data.get("to_month")
            if last is None or later.cleaned_data["from_month"] <= last:
                message = (
                    _("This overlaps the rule from month %(first)s to the end.") % {"first": first}
                    if last is None
                    else _("This overlaps the rule for months %(first)s–%(last)s.")
                    % {"first": first, "last": last}
                )
                later.add_error("from_month", message)
                ok = False
        return ok

    def save(self, *, by: User, now: datetime) -> None:
        services.save_ambition(
            self.program,
            values=self.form.cleaned_data,
            rules=row_changes(self.rules),
            common_meetings=row_changes(self.meetings, skip=self.skip_meetings),
            by=by,
            now=now,
        )

    def context(self) -> dict[str, Any]:
        return {"length_presets": f.LENGTH_PRESETS}


class OrganisationPage(SetupPage):
    slug = "organisation"
    intro = _(
        "Share the work: at least one, preferably a few people who plan, run and follow up the program "
        "together. If you run it with a partner organisation, add the partner and their coordinator."
    )

    def build(self) -> None:
        roles = self.program.roles.select_related("user")
        self.roles = forms.modelformset_factory(
            ProgramRole, form=f.RoleForm, formset=RowFormSet, extra=0, can_delete=True
        )(self.data, queryset=roles, prefix="roles")
        # A partner coordinator changes only their own organisation's people (`policy.working_group_
        # colleagues`); the other rows, the host's grant and the list of partners show but keep their
        # saved values whatever is posted (disabled fields).
        self.colleagues = None if self.is_host else policy.working_group_colleagues(self.editor, self.program)
        for form in self.roles.forms:
            form.fields["DELETE"].label = _("Remove from the program")
            form.fields["sees_people"].disabled = not self.is_host
            if self.colleagues is not None and form.instance.user_id not in self.colleagues:
                for field in form.fields.values():
                    field.disabled = True
        self.partners = f.PartnersForm(
            self.data,
            program=self.program,
            initial={
                "partners": list(self.program.partners.all()),
                "partners_edit_setup": self.program.partners_edit_setup,
            },
        )
        for name in ("partners", "new_partner", "partners_edit_setup"):
            self.partners.fields[name].disabled = not self.is_host
        self.add = f.AddRoleForm(self.data, prefix="add", candidates=self.candidates())

    def candidates(self) -> QuerySet[User]:
        organisations = [self.program.organisation_id, *self.program.partners.values_list("pk", flat=True)]
        people = User.objects.filter(is_active=True, memberships__organisation__in=organisations)
        if self.colleagues is not None:
            people = people.filter(pk__in=self.colleagues)
        return people.exclude(program_roles__program=self.program).distinct().order_by("full_name", "email")

    def parts(self) -> list[Any]:
        return [self.roles, self.partners, self.add]

    def check_across(self) -> bool:
        if not (self.partners.is_valid() and self.roles.is_valid() and self.add.is_valid()):
            return False
        partner_ids = [org.pk for org in self.partners.cleaned_data["partners"]]
        owner_members = set(
            Membership.objects.filter(organisation_id=self.program.organisation_id).values_list(
                "user_id", flat=True
            )
        )
        partner_members = set(
            Membership.objects.filter(organisation_id__in=partner_ids).values_list("user_id", flat=True)
        )
        ok = True
        coordinators = 0
        for form in self.roles.forms:
            if form.cleaned_data.get("DELETE"):
                continue
            role = form.cleaned_data["role"]
            ok &= self._fits(form, "role", form.instance.user_id, role, owner_members, partner_members)
            coordinators += role == ProgramRole.Role.COORDINATOR
        added = self.add.cleaned_data
        if added.get("user"):
            role = added["role"]
            ok &= self._fits(self.add, "role", added["user"].pk, role, owner_members, partner_members)
            coordinators += role == ProgramRole.Role.COORDINATOR
        if not coordinators:
            ok = False
            self._last_coordinator_error()
        return ok

    def _fits(self, form, field, user_id, role, owner_members, partner_members) -> bool:
        if role == ProgramRole.Role.COORDINATOR and user_id not in owner_members:
            form.add_error(
                field, _("A coordinator must be a member of %(org)s.") % {"org": self.program.organisation}
            )
            return False
        if role == ProgramRole.Role.PARTNER_COORDINATOR and user_id not in partner_members:
            form.add_error(
                field, _("A partner coordinator must be a member of one of the partner organisations.")
            )
            return False
        return True

    def _last_coordinator_error(self) -> None:
        message = _("The program needs at least one coordinator. Add another one first.")
        for form in self.roles.forms:
            if form.initial.get("role") != ProgramRole.Role.COORDINATOR:
                continue
            form.add_error("DELETE" if form.cleaned_data.get("DELETE") else "role", message)
            return
        self.add.add_error("role", message)

    def save(self, *, by: User, now: datetime) -> None:
        added = self.add.cleaned_data
        new_role = None
        if added.get("user"):
            new_role = NewRole(
                user=added["user"],
                role=added["role"],
                plans=added["plans"],
                runs=added["runs"],
                follows_up=added["follows_up"],
            )
        services.save_working_group(
            self.program,
            partners=list(self.partners.cleaned_data["partners"]),
            new_partner_name=self.partners.cleaned_data["new_partner"],
            partners_edit_setup=self.partners.cleaned_data["partners_edit_setup"],
            roles=row_changes(self.roles),
            added=new_role,
            by=by,
            now=now,
        )


class FinancingPage(SetupPage):
    slug = "financing"
    intro = _(
        "List what the program costs and where the money comes from. Plan some own co-financing even "
        "when you apply for grants. The own-financing share below is your own granted co-financing as a "
        "share of the planned budget; granted amounts count unless the source is marked rejected."
    )
    addable = {"budget": _("Add a budget line"), "funding": _("Add a funding source")}

    def build(self) -> None:
        self.budget = self.rows("budget", f.BudgetLineForm, self.program.budget_lines.all())
        self.funding = self.rows("funding", f.FundingSourceForm, self.program.funding_sources.all())

    def parts(self) -> list[Any]:
        return [self.budget, self.funding]

    def check_across(self) -> bool:
        start = self.program.start_date
        ok = True
        if start is None:
            return ok
        for form in self.funding.live_forms():
            deadline = form.cleaned_data.get("reporting_deadline")
            if deadline and deadline < start:
                form.add_error(
                    "reporting_deadline",
                    _("The reporting deadline cannot be before the program starts (%(start)s).")
                    % {"start": date_format(start, "SHORT_DATE_FORMAT")},
                )
                ok = False
        return ok

    def save(self, *, by: User, now: datetime) -> None:
        services.save_financing(
            self.program,
            budget_lines=row_changes(self.budget),
            funding_sources=row_changes(self.funding),
            by=by,
            now=now,
        )

    def context(self) -> dict[str, Any]:
        return {"finances": program_finances(self.program)}


PAGES: dict[str, type[SetupPage]] = {
    page.slug: page for page in (PurposePage, TargetGroupsPage, AmbitionPage, OrganisationPage, FinancingPage)
}
