"""An organisation's pages in accounts: the list of a person's organisations, and the admin rights.

The pages that show the organisation's programs (its overview, the people page with their program roles,
removing a member) are in `tandem.programs.views_organisation`: accounts sits below programs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.forms import OrganisationSettingsForm
from tandem.accounts.models import Membership, Organisation
from tandem.accounts.services import (
    ORGANISATION_SETTINGS,
    LastAdminError,
    grant_admin,
    revoke_admin,
    update_organisation_settings,
)
from tandem.policy import get_organisation_for_admin


def last_admin_message() -> str:
    return _("An organisation must keep at least one admin. Make someone else an admin first.")


def membership_of(organisation: Organisation, membership_pk: int) -> Membership:
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
        return redirect("organisations:detail", pk=memberships[0].organisation_id)
    return render(request, "accounts/my_organisations.html", {"memberships": memberships})


@login_required
@require_POST
def membership_grant_admin(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    membership = membership_of(organisation, membership_pk)
    grant_admin(membership, by=request.user, now=timezone.now())
    messages.success(request, _("%(name)s is now an admin.") % {"name": membership.user})
    return redirect("organisations:people", pk=organisation.pk)


@login_required
@require_POST
def membership_revoke_admin(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    membership = membership_of(organisation, membership_pk)
    try:
        revoke_admin(membership, by=request.user, now=timezone.now())
    except LastAdminError:
        messages.error(request, last_admin_message())
        return redirect("organisations:people", pk=organisation.pk)
    messages.success(request, _("%(name)s is no longer an admin.") % {"name": membership.user})
    if membership.user_id == request.user.pk:
        return redirect("organisations:detail", pk=organisation.pk)
    return redirect("organisations:people", pk=organisation.pk)


@login_required
def organisation_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation admin's settings: the sender of its e-mails, its accessibility contact."""
    organisation = get_organisation_for_admin(request, pk)
    initial = {name: getattr(organisation, name) for name in ORGANISATION_SETTINGS}
    form = OrganisationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        update_organisation_settings(
            organisation, changes=form.cleaned_data, by=request.user, now=timezone.now()
        )
        messages.success(request, _("The settings are saved."))
        return redirect("accounts:organisation_settings", pk=organisation.pk)
    return render(
        request, "accounts/organisation_settings.html", {"organisation": organisation, "form": form}
    )
