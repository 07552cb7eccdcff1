"""An organisation's pages that show its programs: the overview for every member, the people page with
each member's program roles, and removing a member (who loses those roles too).

They live here, not in accounts, because accounts sits below programs (a program belongs to an
organisation); their URLs stay under /accounts/organisations/ (`organisation_urls.py`). The admin rights
(`accounts:membership_grant_admin`, `…_revoke_admin`) and invitations stay in accounts.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.accounts.models import Organisation
from tandem.accounts.services import LastAdminError
from tandem.accounts.views.organisations import last_admin_message, membership_of
from tandem.policy import get_organisation_for_admin, get_organisation_for_member, is_organisation_admin
from tandem.programs.models import Program, ProgramRole
from tandem.programs.services import remove_member, roles_lost_on_leaving


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


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_member(request, pk)
    context = {
        "organisation": organisation,
        "is_admin": is_organisation_admin(request.user, organisation),
        "programs": _programs_of(organisation),
        "accessibility_contact_missing": not organisation.accessibility_email
        and not organisation.accessibility_phone,
    }
    return render(request, "programs/organisation/detail.html", context)


@login_required
def people(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    memberships = list(
        organisation.memberships.select_related("user").order_by("user__full_name", "user__email")
    )
    roles = _program_roles_by_user(organisation)
    rows = [(membership, roles.get(membership.user_id, [])) for membership in memberships]
    return render(request, "programs/organisation/people.html", {"organisation": organisation, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """GET asks to confirm (and lists the program roles that go too); POST removes."""
    organisation = get_organisation_for_admin(request, pk)
    membership = membership_of(organisation, membership_pk)
    if request.method == "POST":
        try:
            remove_member(membership, by=request.user, now=timezone.now())
        except LastAdminError:
            messages.error(request, last_admin_message())
            return redirect("organisations:people", pk=organisation.pk)
        messages.success(
            request,
            _("%(name)s is no longer a member of %(organisation)s.")
            % {"name": membership.user, "organisation": organisation.name},
        )
        if membership.user_id == request.user.pk:
            return redirect("accounts:organisations")
        return redirect("organisations:people", pk=organisation.pk)
    context = {
        "organisation": organisation,
        "membership": membership,
        "roles": roles_lost_on_leaving(membership),
    }
    return render(request, "programs/organisation/membership_remove.html", context)
