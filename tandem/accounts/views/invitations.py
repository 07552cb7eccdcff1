"""Invitations: admins send, resend and revoke them; the invited person accepts from the e-mail."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.accounts.forms import InvitationForm, NewAccountForm
from tandem.accounts.language import current_language, set_language_cookie
from tandem.accounts.models import Invitation, Organisation
from tandem.accounts.services import (
    AccountsError,
    InvitationClosedError,
    accept_invitation,
    create_account_from_invitation,
    invite_colleague,
    resend_invitation,
    revoke_invitation,
)
from tandem.policy import get_organisation_for_admin


def _invitation(organisation: Organisation, invitation_pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("organisation"), pk=invitation_pk, organisation=organisation
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        invite_colleague(organisation, **form.cleaned_data, by=request.user, now=timezone.now())
        messages.success(request, _("The invitation is on its way."))
        return redirect("accounts:invitations", pk=organisation.pk)
    pending = organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).order_by(
        "-created_at", "-pk"
    )
    context = {"organisation": organisation, "form": form, "pending": pending, "now": timezone.now()}
    return render(request, "accounts/invitations.html", context)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    invitation = _invitation(organisation, invitation_pk)
    try:
        resend_invitation(invitation, by=request.user, now=timezone.now())
    except InvitationClosedError:
        messages.error(request, _("This invitation is no longer open, so it was not sent again."))
    else:
        messages.success(request, _("The invitation was sent again."))
    return redirect("accounts:invitations", pk=organisation.pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    invitation = _invitation(organisation, invitation_pk)
    try:
        revoke_invitation(invitation, by=request.user, now=timezone.now())
    except InvitationClosedError:
        messages.error(request, _("This invitation was already accepted."))
    else:
        messages.success(request, _("The invitation was revoked; its link no longer works."))
    return redirect("accounts:invitations", pk=organisation.pk)


# --- Accepting -------------------------------------------------------------------------------


def _closed(request: HttpRequest, reason: str, *, status: int = 410) -> HttpResponse:
    return render(request, "accounts/invitation_closed.html", {"reason": reason}, status=status)


def _joined(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(
        request, _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name}
    )
    return redirect("organisations:detail", pk=invitation.organisation_id)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """One page, four situations: closed link, signed in as someone else, existing account, new person."""
    invitation = Invitation.objects.select_related("organisation").by_token(token).first()
    if invitation is None:
        return _closed(request, "unknown", status=404)
    invitation.token = token  # for the links on the page (only its hash is stored)
    user = request.user
    signed_in_as_invited = user.is_authenticated and user.email.lower() == invitation.email.lower()
    if not user.is_authenticated and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # A visitor who has not chosen a language sees the one the admin chose for them.
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language  # type: ignore[attr-defined]

    now = timezone.now()
    status = invitation.status(now)
    if status == "accepted" and signed_in_as_invited:
        return redirect("organisations:detail", pk=invitation.organisation_id)  # e.g. a double submit
    if status != "open":
        return _closed(request, status)
    context = {"invitation": invitation, "organisation": invitation.organisation}
    if user.is_authenticated and not signed_in_as_invited:
        return render(request, "accounts/invitation_wrong_account.html", context)
    if signed_in_as_invited:
        return _accept_as_signed_in(request, invitation, context, now)
    # The same page whether or not the address has an account: the new-account form, with a way to log
    # in instead. (Only sending the form to an address that has an account leads to the log-in.)
    return _accept_as_new_person(request, invitation, context, now)


def _accept_as_signed_in(request: HttpRequest, invitation: Invitation, context: dict, now) -> HttpResponse:
    if request.method == "POST":
        try:
            accept_invitation(invitation.token, user=request.user, now=now)
        except AccountsError:
            invitation.refresh_from_db()
            return _closed(request, invitation.status(now))
        return _joined(request, invitation)
    return render(request, "accounts/invitation_join.html", context)


def _login_url(invitation: Invitation) -> str:
    here = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    return f"{reverse('accounts:login')}?{urlencode({'next': here})}"


def _accept_as_new_person(request: HttpRequest, invitation: Invitation, context: dict, now) -> HttpResponse:
    """The new-account form. Sent, it answers the same whether or not the address had an account (issue
    12, item 7): "now log in to join"; the log-in brings the person back here to accept."""
    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            create_account_from_invitation(
                invitation.token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                language=current_language(),
                now=now,
            )
        except InvitationClosedError:
            invitation.refresh_from_db()
            return _closed(request, invitation.status(now))
        messages.info(
            request,
            _(
                "Now log in with %(email)s and your password to join %(organisation)s. If you already had "
                "a Tandem account with this address, its password stays the one you had."
            )
            % {"email": invitation.email, "organisation": invitation.organisation.name},
        )
        response = redirect(_login_url(invitation))
        set_language_cookie(response, current_language())  # the log-in page goes on in this language
        return response
    return render(
        request,
        "accounts/invitation_new_account.html",
        {**context, "form": form, "login_url": _login_url(invitation)},
    )
