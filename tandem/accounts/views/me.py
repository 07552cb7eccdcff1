"""A person's own settings: name and preferred language."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.accounts.forms import ProfileForm
from tandem.accounts.language import apply_language
from tandem.accounts.services import update_profile


@login_required
@require_http_methods(["GET", "POST"])
def me(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, initial={"full_name": user.full_name, "language": user.language})
    if request.method == "POST" and form.is_valid():
        update_profile(user, **form.cleaned_data)
        response = redirect("accounts:me")
        apply_language(request, response, user.language)
        messages.success(request, _("Your settings are saved."))
        return response
    return render(request, "accounts/me.html", {"form": form})
