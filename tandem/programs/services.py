"""What staff do to a program: create it, save a set-up step, change its state, copy it; and removing a
member from an organisation, with the roles in its programs that they held through it."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models, transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tandem.accounts import services as accounts_services
from tandem.accounts.models import Membership, Organisation, User
from tandem.audit.services import log_action
from tandem.programs import closing, copying, readiness, states
from tandem.programs.finance import budget_lines_prefetch
from tandem.programs.models import (
    BudgetLine,
    CommonMeeting,
    FundingSource,
    Goal,
    MeetingRule,
    Program,
    ProgramRole,
)
from tandem.reference.choices import Role


class ProgramError(Exception):
    """A change the rules do not allow; `message` is fit to show the person who tried it."""

    def __init__(self, message: Any):
        super().__init__(str(message))
        self.message = message


@dataclass
class RowChange:
    """One row of a set-up table as the person left it: new (instance None), changed, or to delete."""

    instance: models.Model | None
    values: dict[str, Any] = field(default_factory=dict)
    delete: bool = False


@dataclass
class NewRole:
    user: User
    role: str
    plans: bool = False
    runs: bool = False
    follows_up: bool = False


def program_with_setup(pk: int) -> Program:
    """The program with everything the overview and the readiness checks read, in a fixed number of
    queries."""
    return (
        Program.objects.select_related("organisation", "copied_from")
        .prefetch_related(
            "goals",
            "meeting_rules",
            "common_meetings",
            budget_lines_prefetch(),
            "funding_sources",
            "partners",
            Prefetch("roles", queryset=ProgramRole.objects.select_related("user")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class RoleCounts:
    """One role's numbers on the overview: applications (withdrawn ones not counted) against the target,
    accepted, and matched (in a pair that is waiting for answers or active)."""

    role: str
    label: str
    target: int | None
    applied: int
    accepted: int
    matched: int


@dataclass(frozen=True)
class ProgramCounts:
    roles: list[RoleCounts]
    pairs: int


# Status values of applications and pairs, read through the program's relations (programs comes before
# applications and pairs, and imports neither).
WITHDRAWN, ACCEPTED = "withdrawn", "accepted"
LIVE_PAIRS = ("awaiting", "active")


def program_counts(program: Program) -> ProgramCounts:
    """The counts a coordinator looks for, in two queries."""
    by_role = {
        row["role"]: row
        for row in program.applications.exclude(status=WITHDRAWN)
        .values("role")
        .annotate(applied=Count("id"), accepted=Count("id", filter=Q(status=ACCEPTED)))
        .order_by()
    }
    pairs = program.pairs.filter(status__in=LIVE_PAIRS).aggregate(
        pairs=Count("id"), mentees=Count("mentee", distinct=True), mentors=Count("mentor", distinct=True)
    )
    roles = [
        RoleCounts(
            role,
            str(Role(role).label),
            target,
            by_role.get(role, {}).get("applied", 0),
            by_role.get(role, {}).get("accepted", 0),
            pairs[f"{role}s"],
        )
        for role, target in ((Role.MENTEE, program.target_mentees), (Role.MENTOR, program.target_mentors))
    ]
    return ProgramCounts(roles, pairs["pairs"])


@transaction.atomic
def create_program(*, organisation: Organisation, name: str, by: User, now: datetime) -> Program:
    """A new draft with its creator as coordinator (responsible for planning)."""
    program = Program.objects.create(organisation=organisation, name=name, created_at=now)
    role = ProgramRole.objects.create(program=program, user=by, role=ProgramRole.Role.COORDINATOR, plans=True)
    log_action("program.created", actor=by, program=program, target=program, now=now)
    log_action(
        "program_role.added",
        actor=by,
        program=program,
        target=role,
        data={"user_id": by.pk, "role": role.role},
        now=now,
    )
    return program


def _update_program(program: Program, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(program, name, value)
    program.save(update_fields=[*values, "updated_at"])


def _sync_rows(program: Program, model: type[models.Model], rows: list[RowChange], *, ordered=False) -> None:
    position = 0
    for row in rows:
        if row.delete:
            if row.instance is not None and row.instance.pk:
                row.instance.delete()
            continue
        instance = row.instance or model(program=program)
        for name, value in row.values.items():
            setattr(instance, name, value)
        if ordered:
            instance.order = position  # type: ignore[attr-defined]  # an ordered model has `order`
            position += 1
        instance.save()


@transaction.atomic
def save_purpose(
    program: Program, *, values: dict[str, Any], goals: list[RowChange], by: User, now: datetime
) -> None:
    _update_program(program, values)
    _sync_rows(program, Goal, goals, ordered=True)


@transaction.atomic
def save_target_groups(program: Program, *, values: dict[str, Any], by: User, now: datetime) -> None:
    _update_program(program, values)


@transaction.atomic
def save_ambition(
    program: Program,
    *,
    values: dict[str, Any],
    rules: list[RowChange],
    common_meetings: list[RowChange],
    by: User,
    now: datetime,
) -> None:
    _update_program(program, values)
    _sync_rows(program, MeetingRule, rules)
    _sync_rows(program, CommonMeeting, common_meetings)


@transaction.atomic
def save_financing(
    program: Program,
    *,
    budget_lines: list[RowChange],
    funding_sources: list[RowChange],
    by: User,
    now: datetime,
) -> None:
    _sync_rows(program, BudgetLine, budget_lines)
    _sync_rows(program, FundingSource, funding_sources)
    program.save(update_fields=["updated_at"])


@transaction.atomic
def save_working_group(
    program: Program,
    *,
    partners: list[Organisation],
    new_partner_name: str = "",
    roles: list[RowChange],
    added: NewRole | None = None,
    partners_edit_setup: bool | None = None,
    by: User,
    now: datetime,
) -> None:
    """Partners and roles as the coordinator left them, and whether partner coordinators may change the
    purpose, goals and financing (None: unchanged). Every role given, changed or taken, every viewer's
    sight of people granted or taken away, and every change of the partners' say is logged."""
    _save_partners(program, partners, new_partner_name, by=by, now=now)
    if partners_edit_setup is not None and partners_edit_setup != program.partners_edit_setup:
        program.partners_edit_setup = partners_edit_setup
        program.save(update_fields=["partners_edit_setup", "updated_at"])
        log_action(
            "program.partners_edit_setup_changed",
            actor=by,
            program=program,
            target=program,
            data={"to": partners_edit_setup},
            now=now,
        )
    for row in roles:
        role = row.instance
        assert isinstance(role, ProgramRole) and role.program_id == program.pk
        if row.delete:
            log_action(
                "program_role.removed",
                actor=by,
                program=program,
                target=role,
                data={"user_id": role.user_id, "role": role.role},
                now=now,
            )
            role.delete()
            continue
        # The form changed the instance: the saved values come from the database.
        before, saw_people = ProgramRole.objects.values_list("role", "sees_people").get(pk=role.pk)
        for name, value in row.values.items():
            setattr(role, name, value)
        role.sees_people = role.sees_people and role.role == ProgramRole.Role.VIEWER  # others see anyway
        role.save()
        if before != role.role:
            log_action(
                "program_role.changed",
                actor=by,
                program=program,
                target=role,
                data={"user_id": role.user_id, "from": before, "to": role.role},
                now=now,
            )
        if saw_people != role.sees_people:
            log_action(
                "program_role.people_granted" if role.sees_people else "program_role.people_revoked",
                actor=by,
                program=program,
                target=role,
                data={"user_id": role.user_id},
                now=now,
            )
    if added is not None:
        role = ProgramRole.objects.create(
            program=program,
            user=added.user,
            role=added.role,
            plans=added.plans,
            runs=added.runs,
            follows_up=added.follows_up,
        )
        log_action(
            "program_role.added",
            actor=by,
            program=program,
            target=role,
            data={"user_id": added.user.pk, "role": added.role},
            now=now,
        )
    if not program.roles.filter(role=ProgramRole.Role.COORDINATOR).exists():
        raise ProgramError(_("A program needs at least one coordinator."))


def _save_partners(
    program: Program, partners: list[Organisation], new_partner_name: str, *, by: User, now: datetime
) -> None:
    wanted = {partner.pk for partner in partners if partner.pk != program.organisation_id}
    if new_partner_name.strip():
        organisation = Organisation.objects.create(name=new_partner_name.strip(), created_at=now)
        log_action("organisation.created", actor=by, organisation=organisation, target=organisation, now=now)
        wanted.add(organisation.pk)
    current = set(program.partners.values_list("pk", flat=True))
    for pk in sorted(wanted - current):
        program.partners.add(pk)
        log_action("program.partner_added", actor=by, program=program, data={"organisation_id": pk}, now=now)
    for pk in sorted(current - wanted):
        program.partners.remove(pk)
        log_action(
            "program.partner_removed", actor=by, program=program, data={"organisation_id": pk}, now=now
        )


# Apps above this one that act when a program starts (follow-up plans its rounds) hand a function here
# from their AppConfig.ready(); it runs inside the state change's transaction.
_started_hooks: list[Callable[..., None]] = []


def on_program_started(hook: Callable[..., None]) -> None:
    """Register `hook(program, *, now)` to run when a program moves to running."""
    if hook not in _started_hooks:
        _started_hooks.append(hook)


@transaction.atomic
def change_state(
    program: Program,
    to: str,
    *,
    by: User,
    now: datetime,
    acknowledged: Collection[str] = (),
    closing_choices: dict[str, list[str]] | None = None,
) -> Program:
    """Move the program to another state, if that move is allowed from where it is.

    Opening recruitment requires that no blocking readiness item is open, and that the coordinator
    acknowledged every warning that asks for it (`acknowledged`: their codes; the audit event keeps them).
    Closing runs the steps other apps added (`programs.closing`: the pairs still active end with the
    program unless chosen to keep going) in the same transaction, with the coordinator's `closing_choices`.
    """
    program = Program.objects.select_for_update().get(pk=program.pk)
    before = program.state
    if not states.is_allowed(before, to):
        raise ProgramError(
            _("A program cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Program.State(before).label, "to": _state_label(to)}
        )
    opening = before == Program.State.DRAFT and to == Program.State.RECRUITING
    confirmed: list[str] = []
    if opening:
        set_up = program_with_setup(program.pk)
        if readiness.blocking_items(set_up):
            raise ProgramError(_("Recruitment cannot open yet: the checklist still has open items."))
        confirmed = [item.code for item in readiness.items_to_acknowledge(set_up)]
        if set(confirmed) - set(acknowledged):
            raise ProgramError(
                _("Confirm that you know about the checklist's warnings, then open recruitment.")
            )
    program.state = to
    program.save(update_fields=["state", "updated_at"])
    if to == Program.State.CLOSED:
        closing.apply_steps(program, closing_choices or {}, by=by, now=now)
    log_action(
        "program.state_changed",
        actor=by,
        program=program,
        target=program,
        data={"from": before, "to": to, **({"acknowledged": confirmed} if confirmed else {})},
        now=now,
    )
    if to == Program.State.RUNNING:
        for hook in _started_hooks:
            hook(program, now=now)
    return program


def _state_label(state: str) -> str:
    try:
        return str(Program.State(state).label)
    except ValueError:
        return state


def suggested_copy_name(name: str) -> str:
    """The name offered for the next cohort: a year in the name moves on by one ("… 2026" → "… 2027");
    a name without a year gets "(copy)" so the two programs can be told apart."""
    years = list(re.finditer(r"\b(19|20)\d{2}\b", name))
    if years:
        last = years[-1]
        return f"{name[: last.start()]}{int(last.group()) + 1}{name[last.end() :]}"
    return _("%(name)s (copy)") % {"name": name}


@transaction.atomic
def copy_program(source: Program, *, name: str, start_date: date | None, by: User, now: datetime) -> Program:
    """A new draft for the next cohort, built from `source`.

    Carried over: purpose, target groups, length, target numbers, goals, meeting rules, common
    meetings, partners (and whether their coordinators may change the purpose, goals and financing)
    and the working group (without any viewer's sight of people: new people need a new decision),
    budget lines with their planned amounts, and funding sources by kind, name and amount applied
    for — as "planned", since a new cohort needs new decisions (rejected sources are left out; own
    co-financing keeps its granted amount); and what the apps above add through `programs.copying`
    (application forms with their questions, translations and consent, requirement profiles, decision
    e-mail texts, matching settings). Not carried over: the state, actual costs, granted amounts of
    external funding, reporting deadlines, participants and results (waitlisted applicants are offered
    a place by e-mail, never moved).
    """
    copy = Program.objects.create(
        organisation=source.organisation,
        name=name,
        purpose=source.purpose,
        purpose_kind=source.purpose_kind,
        mentee_target_group=source.mentee_target_group,
        mentor_target_group=source.mentor_target_group,
        length_months=source.length_months,
        start_date=start_date,
        target_mentees=source.target_mentees,
        target_mentors=source.target_mentors,
        partners_edit_setup=source.partners_edit_setup,
        copied_from=source,
        created_at=now,
    )
    copy.partners.set(source.partners.all())
    Goal.objects.bulk_create(
        Goal(
            program=copy,
            description=goal.description,
            indicator=goal.indicator,
            target_value=goal.target_value,
            unit=goal.unit,
            order=goal.order,
        )
        for goal in source.goals.all()
    )
    MeetingRule.objects.bulk_create(
        MeetingRule(program=copy, from_month=r.from_month, to_month=r.to_month, every=r.every, unit=r.unit)
        for r in source.meeting_rules.all()
    )
    CommonMeeting.objects.bulk_create(
        CommonMeeting(program=copy, kind=m.kind, title=m.title, week_offset=m.week_offset)
        for m in source.common_meetings.all()
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            program=copy, cost_item=b.cost_item, description=b.description, planned_amount=b.planned_amount
        )
        for b in source.budget_lines.all()
    )
    FundingSource.objects.bulk_create(
        _copied_funding(f, copy) for f in source.funding_sources.all() if _carried(f)
    )
    _copy_working_group(source, copy, by=by, now=now)
    copying.copy_parts(source, copy, by=by, now=now)  # forms, profiles, decision texts, matching settings
    log_action(
        "program.copied", actor=by, program=copy, target=copy, data={"copied_from": source.pk}, now=now
    )
    return copy


def _carried(source: FundingSource) -> bool:
    """A rejected source is not part of the next cohort's financing: the source's figures leave it out too."""
    return source.status != FundingSource.Status.REJECTED


def _copied_funding(source: FundingSource, copy: Program) -> FundingSource:
    """External funding comes over as planned (a new cohort needs new decisions); the organisation's own
    co-financing is its own commitment and keeps its granted amount, so the copy's own-financing share is
    computed from the same figures as the source's."""
    funding = FundingSource(
        program=copy, kind=source.kind, name=source.name, amount_applied=source.amount_applied
    )
    if source.kind == FundingSource.Kind.OWN and source.status == FundingSource.Status.GRANTED:
        funding.amount_granted = source.amount_granted
        funding.status = FundingSource.Status.GRANTED
    return funding


def _copy_working_group(source: Program, copy: Program, *, by: User, now: datetime) -> None:
    roles = [
        ProgramRole(
            program=copy, user_id=r.user_id, role=r.role, plans=r.plans, runs=r.runs, follows_up=r.follows_up
        )
        for r in source.roles.all()
    ]
    if not any(role.role == ProgramRole.Role.COORDINATOR for role in roles):
        # Whoever copies a program that has no coordinator becomes its coordinator.
        roles = [role for role in roles if role.user_id != by.pk]
        roles.append(ProgramRole(program=copy, user=by, role=ProgramRole.Role.COORDINATOR, plans=True))
    for role in roles:
        role.save()
        log_action(
            "program_role.added",
            actor=by,
            program=copy,
            target=role,
            data={"user_id": role.user_id, "role": role.role},
            now=now,
        )


# --- Leaving an organisation ----------------------------------------------------------------------


def roles_lost_on_leaving(membership: Membership) -> QuerySet[ProgramRole]:
    """The program roles a person loses when they leave the organisation.

    Their roles in programs the organisation runs or co-runs as a partner, except in programs that
    another organisation of theirs also runs or co-runs (they keep those through that membership).
    """
    other_organisations = Membership.objects.filter(user_id=membership.user_id).exclude(pk=membership.pk)
    other_ids = other_organisations.values("organisation_id")
    through_this = Q(program__organisation_id=membership.organisation_id) | Q(
        program__partners=membership.organisation_id
    )
    through_others = Q(program__organisation_id__in=other_ids) | Q(program__partners__in=other_ids)
    return (
        ProgramRole.objects.filter(user_id=membership.user_id)
        .filter(through_this)
        .exclude(through_others)
        .select_related("program")
        .distinct()
    )


@transaction.atomic
def remove_member(membership: Membership, *, by: User, now: datetime) -> list[int]:
    """Remove a person from the organisation and from its programs; returns the removed role ids.

    Raises `accounts.services.LastAdminError` (and changes nothing) for the organisation's last admin.
    """
    role_ids: list[int] = []

    def take_program_roles(locked: Membership) -> dict[str, Any]:
        role_ids.extend(sorted(roles_lost_on_leaving(locked).values_list("pk", flat=True)))
        ProgramRole.objects.filter(pk__in=role_ids).delete()
        return {"program_role_ids": role_ids}

    accounts_services.remove_member(membership, by=by, now=now, also=take_program_roles)
    return role_ids
