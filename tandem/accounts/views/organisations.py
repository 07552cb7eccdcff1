"""An organisation's pages: the overview for every member, the people page for admins."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.accounts.models import Membership, Organisation
from tandem.accounts.services import (
    LastAdminError,
    grant_admin,
    remove_member,
    revoke_admin,
    roles_lost_on_leaving,
)
from tandem.policy import get_organisation_for_admin, get_organisation_for_member, is_organisation_admin
from tandem.programs.models import Program, ProgramRole


def _last_admin_message() -> str:
    return _("An organisation must keep at least one admin. Make someone else an admin first.")


def _programs_of(organisation: Organisation) -> QuerySet[Program]:
    """The programs the organisation runs or co-runs as a partner, with their working group's size."""
    return (
        Program.objects.filter(
            Q(organisation=organisation) | Q(pk__in=organisation.partner_programs.values("pk"))
        )
        .select_related("organisation")
        .annotate(working_group_size=Count("roles", filter=~Q(roles__role=ProgramRole.Role.VIEWER)))
        .order_by("name", "pk")
    )


def _program_roles_by_user(organisation: Organisation) -> dict[int, list[ProgramRole]]:
    """Members' roles in the programs the organisation runs or co-runs, in one query."""
    roles = (
        ProgramRole.objects.filter(
            user_id__in=organisation.memberships.values("user_id"),
        )
        .filter(
            Q(program__organisation=organisation)
            | Q(program_id__in=organisation.partner_programs.values("pk"))
        )
        .select_related("program")
        .order_by("program__name", "pk")
    )
    by_user: dict[int, list[ProgramRole]] = defaultdict(list)
    for role in roles:
        by_user[role.user_id].append(role)
    return by_user


def _membership(organisation: Organisation, membership_pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=membership_pk, organisation=organisation
    )


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if len(memberships) == 1:
        return redirect("accounts:organisation", pk=memberships[0].organisation_id)
    return render(request, "accounts/my_organisations.html", {"memberships": memberships})


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_member(request, pk)
    context = {
        "organisation": organisation,
        "is_admin": is_organisation_admin(request.user, organisation),
        "programs": _programs_of(organisation),
    }
    return render(request, "accounts/organisation_detail.html", context)


@login_required
def people(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    memberships = list(
        organisation.memberships.select_related("user").order_by("user__full_name", "user__email")
    )
    roles = _program_roles_by_user(organisation)
    rows = [(membership, roles.get(membership.user_id, [])) for membership in memberships]
    return render(request, "accounts/people.html", {"organisation": organisation, "rows": rows})


@login_required
@require_POST
def membership_grant_admin(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    membership = _membership(organisation, membership_pk)
    grant_admin(membership, by=request.user, now=timezone.now())
    messages.success(request, _("%(name)s is now an admin.") % {"name": membership.user})
    return redirect("accounts:people", pk=organisation.pk)


@login_required
@require_POST
def membership_revoke_admin(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    membership = _membership(organisation, membership_pk)
    try:
        revoke_admin(membership, by=request.user, now=timezone.now())
    except LastAdminError:
        messages.error(request, _last_admin_message())
        return redirect("accounts:people", pk=organisation.pk)
    messages.success(request, _("%(name)s is no longer an admin.") % {"name": membership.user})
    if membership.user_id == request.user.pk:
        return redirect("accounts:organisation", pk=organisation.pk)
    return redirect("accounts:people", pk=organisation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """GET asks to confirm (and lists the program roles that go too); POST removes."""
    organisation = get_organisation_for_admin(request, pk)
    membership = _membership(organisation, membership_pk)
    if request.method == "POST":
        try:
            remove_member(membership, by=request.user, now=timezone.now())
        except LastAdminError:
            messages.error(request, _last_admin_message())
            return redirect("accounts:people", pk=organisation.pk)
        messages.success(
            request,
            _("%(name)s is no longer a member of %(organisation)s.")
            % {"name": membership.user, "organisation": organisation.name},
        )
        if membership.user_id == request.user.pk:
            return redirect("accounts:organisations")
        return redirect("accounts:people", pk=organisation.pk)
    context = {
        "organisation": organisation,
        "membership": membership,
        "roles": roles_lost_on_leaving(membership),
    }
    return render(request, "accounts/membership_remove.html", context)
