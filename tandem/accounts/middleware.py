"""Use a signed-in person's saved language unless they just chose another one."""

from __future__ import annotations

from django.conf import settings


class UserLanguageMiddleware:
    """Puts the saved language in the language cookie's place for LocaleMiddleware to pick up.

    Runs before AuthenticationMiddleware, so it reads the user lazily through the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            language = request.session.get("tandem_language")
            if language:
                request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
        return self.get_response(request)
