"""Log-in (with django-axes watching for repeated failures) and password reset by e-mail."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from tandem.accounts import tasks
from tandem.accounts.forms import LoginForm, PasswordResetForm, SetPasswordForm
from tandem.accounts.language import apply_language
from tandem.accounts.middleware import start_session_clock
from tandem.lib.clientip import client_ip
from tandem.lib.throttle import allow, count, hashed, peek

LOGIN_FAILURE_WINDOW = timedelta(minutes=15)
RESET_WINDOW = timedelta(hours=1)


def _login_failures_key(request) -> str:
    return f"login-fail:client:{client_ip(request)}"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        """One computer trying many addresses is paused too (axes counts per address and computer)."""
        if peek(_login_failures_key(request)) >= settings.LOGIN_CLIENT_FAILURE_LIMIT:
            form = self.form_class(request)  # unbound: nothing is checked, no password hashed
            error = _("Too many failed log-ins have come from this computer. Please try again in 15 minutes.")
            return self.render_to_response(self.get_context_data(form=form, paused=error), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        count(_login_failures_key(self.request), window=LOGIN_FAILURE_WINDOW)
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        start_session_clock(self.request.session)
        apply_language(self.request, response, form.get_user().language)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for an e-mail address; the same "check your inbox" page follows whether or not it is known.

    The look-up and the e-mail happen in the worker, so the answer takes as long either way. E-mails to
    one address and requests from one computer are limited per hour."""

    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        client_key = f"reset:client:{client_ip(self.request)}"
        if not allow(client_key, limit=settings.PASSWORD_RESET_CLIENT_RATE_LIMIT, window=RESET_WINDOW):
            error = _("Many links have been asked for from this computer. Please try again in an hour.")
            return self.render_to_response(self.get_context_data(form=form, paused=error), status=429)
        email = form.cleaned_data["email"].strip().lower()
        address_key = f"reset:email:{hashed(email)}"
        if allow(address_key, limit=settings.PASSWORD_RESET_RATE_LIMIT, window=RESET_WINDOW):
            tasks.send_password_reset_link(email)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
