"""The second factor's pages: set-up, the code after the password, recovery codes, a person's own
settings, and the organisation admin's reset of a member's second factor."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.accounts.models import Membership, User
from tandem.lib.clientip import client_ip
from tandem.lib.paging import paginate
from tandem.mfa import services
from tandem.mfa.forms import CodeForm
from tandem.policy import get_organisation_for_admin

NEW_CODES_KEY = "tandem_mfa_new_codes"  # recovery codes just made, shown until the person says done
NEXT_KEY = "tandem_mfa_next"


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)  # login_required let only a signed-in person in


def _next(request: HttpRequest) -> str:
    """Where to go after the second factor: a page of ours from ?next=, else the program list."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("programs:list")


def _show_new_codes(request: HttpRequest, codes: list[str], then: str) -> HttpResponse:
    request.session[NEW_CODES_KEY] = codes
    request.session[NEXT_KEY] = then
    return redirect("mfa:recovery_codes")


@login_required
@never_cache
def security(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    context = {
        "enabled": services.has_second_factor(user),
        "required": services.is_required(user),
        "exempt": services.is_exempt(user),
        "remaining": services.remaining_recovery_codes(user),
    }
    return render(request, "mfa/security.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then confirm with the app's first code."""
    user = _me(request)
    if services.has_second_factor(user) and not services.is_verified(request.session, user):
        # The password alone never replaces an authenticator: the code comes first.
        return redirect(f"{reverse('mfa:verify')}?next={reverse('mfa:set_up')}")
    device = services.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_authenticator(user, device, form.cleaned_data["code"], now=timezone.now())
        if codes is not None:
            services.mark_verified(request.session, user)
            request.session.cycle_key()
            messages.success(request, _("Your second factor is on."))
            return _show_new_codes(request, codes, _next(request))
        form.add_error(
            "code",
            _("That code does not fit. Check the clock on your phone and type the code the app shows now."),
        )
    context = {
        "form": form,
        "qr_code": mark_safe(services.qr_code_svg(device)),  # noqa: S308 - segno's SVG of our own link
        "secret": services.secret_for_typing(device),
        "required": services.is_required(user),
        "next": _next(request),
    }
    return render(request, "mfa/set_up.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The code after the password."""
    user = _me(request)
    if services.is_verified(request.session, user) or not services.has_second_factor(user):
        return redirect(_next(request))
    form = CodeForm(request.POST or None, recovery=True)
    client = client_ip(request)
    paused = services.is_paused(user, client=client)
    if request.method == "POST" and not paused and form.is_valid():
        verdict = services.check_code(user, form.cleaned_data["code"], client=client, now=timezone.now())
        if verdict in (services.Verdict.AUTHENTICATOR, services.Verdict.RECOVERY_CODE):
            services.mark_verified(request.session, user)
            request.session.cycle_key()
            if verdict is services.Verdict.RECOVERY_CODE:
                left = services.remaining_recovery_codes(user)
                messages.warning(
                    request,
                    _(
                        "You used a recovery code; %(left)s are left. Make new ones on your security "
                        "page if you are running out, and set up your app again if your phone is lost."
                    )
                    % {"left": left},
                )
            return redirect(_next(request))
        if verdict is services.Verdict.PAUSED:
            paused = True
        else:
            form.add_error("code", _("That code does not fit. Type the code the app shows now."))
    context = {"form": form, "next": _next(request), "paused": paused}
    return render(request, "mfa/verify.html", context, status=429 if paused else 200)


@login_required
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes just made, shown this once."""
    codes = request.session.get(NEW_CODES_KEY) or []
    return render(request, "mfa/recovery_codes.html", {"codes": codes})


@login_required
@never_cache
def recovery_codes_download(request: HttpRequest) -> HttpResponse:
    codes = request.session.get(NEW_CODES_KEY) or []
    if not codes:
        return redirect("mfa:recovery_codes")
    lines = [
        _("Tandem recovery codes for %(email)s") % {"email": _me(request).email},
        _("Each code works once, instead of a code from your authenticator app."),
        "",
        *codes,
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tandem-recovery-codes.txt"'
    return response


@login_required
@require_POST
def recovery_codes_done(request: HttpRequest) -> HttpResponse:
    request.session.pop(NEW_CODES_KEY, None)
    then = request.session.pop(NEXT_KEY, "") or reverse("mfa:security")
    return redirect(then)


def _verified_with_second_factor(request: HttpRequest) -> bool:
    return services.has_second_factor(_me(request)) and services.is_verified(request.session, _me(request))


@login_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    if not _verified_with_second_factor(request):
        return redirect("mfa:security")
    codes = services.regenerate_recovery_codes(_me(request), now=timezone.now())
    messages.success(request, _("New recovery codes are made; the earlier ones no longer work."))
    return _show_new_codes(request, codes, reverse("mfa:security"))


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    if not _verified_with_second_factor(request):
        return redirect("mfa:security")
    try:
        services.turn_off(_me(request), now=timezone.now())
    except services.SecondFactorRequiredError:
        messages.error(request, _("Organisation admins and program coordinators must keep a second factor."))
    else:
        messages.success(request, _("Your second factor is off. You log in with your password alone."))
    return redirect("mfa:security")


# --- The organisation admin's view -----------------------------------------------------------


@login_required
@never_cache
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """Who in the organisation has a second factor, with a reset for each (a lost phone)."""
    organisation = get_organisation_for_admin(request, pk)
    memberships = organisation.memberships.select_related("user").order_by("user__full_name", "user__email")
    links = paginate(request, memberships)
    rows = list(links.page.object_list)
    with_factor = set(
        TOTPDevice.objects.filter(user_id__in=[m.user_id for m in rows], confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    people = [(membership, membership.user_id in with_factor) for membership in rows]
    context = {"organisation": organisation, "people": people, "links": links}
    return render(request, "mfa/organisation.html", context)


@login_required
@require_POST
def member_reset(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, organisation=organisation
    )
    services.reset_for_member(membership, by=_me(request), organisation=organisation, now=timezone.now())
    messages.success(
        request,
        _("%(name)s's second factor is removed; they set up a new one at their next log-in.")
        % {"name": membership.user},
    )
    return redirect("mfa:organisation", pk=organisation.pk)
