"""Use a signed-in person's saved language unless they just chose another one, and remember choices."""

from __future__ import annotations

from django.conf import settings

from tandem.accounts.language import SESSION_KEY, chosen_language
from tandem.accounts.services import remember_language


class UserLanguageMiddleware:
    """Puts the saved language in the language cookie's place for LocaleMiddleware to pick up.

    Runs before AuthenticationMiddleware, so it reads the user lazily through the session. On the
    way out, when a response sets the language cookie for a signed-in person (the navbar's language
    switch, the settings page), the choice is saved on the user for their next log-in anywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            language = request.session.get(SESSION_KEY)
            if language:
                request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
        response = self.get_response(request)
        language = chosen_language(response)
        user = getattr(request, "user", None)
        if language and user is not None and user.is_authenticated:
            remember_language(user, language)
            request.session[SESSION_KEY] = language
        return response
