"""Walk the public form with Django's test client, the way an applicant does."""

from __future__ import annotations

import secrets
from collections import defaultdict
from typing import Any

from django.urls import reverse

from tandem.applications.public_forms import pages_for

# One-time send tokens like the summary page makes, one per name: TOKENS["a"] is the same all test long.
TOKENS: defaultdict[str, str] = defaultdict(lambda: secrets.token_urlsafe(24))

MENTEE_ANSWERS: dict[str, dict[str, Any]] = {
    "contact": {
        "first_name": "Amira",
        "last_name": "Haddad",
        "email": "amira@example.org",
        "phone": "070-123 45 67",
        "birth_year": "1990",
        "website": "",
    },
    "occupation": {
        "employment_status": "job_seeking",
        "occupation_now": "2411",
        "occupation_wanted": "2411",
        "experience_years": "8",
        "education": "Bachelor in accounting",
        "education_country": "Syria",
    },
    "languages_place": {
        "swedish_level": "SFI_D",
        "other_languages_1_code": "ar",
        "other_languages_1_level": "C2",
        "other_languages_2_code": "en",
        "other_languages_2_level": "B2",
        "municipality": "1280",
        "years_in_sweden": "3",
        "meeting_format": "either",
        "availability": "Weekday evenings",
    },
    "about": {
        "about_me": "I am an accountant.",
        "skills": "Auditing",
        "motivation": "I want to work as an accountant in Sweden.",
        "expectations": "A network",
        "match_wishes": "",
        "exclusions": "",
    },
    "consent": {"consent": "on"},
}


def step_url(form, page: str, lang: str = "sv") -> str:
    return reverse("apply:step", kwargs={"slug": form.slug, "lang": lang, "page": page})


def summary_url(form, lang: str = "sv") -> str:
    return reverse("apply:summary", kwargs={"slug": form.slug, "lang": lang})


def fill_pages(client, form, answers: dict[str, dict[str, Any]] | None = None, lang: str = "sv") -> None:
    """Post every page of the form with good answers (custom pages get what `answers` gives)."""
    answers = answers or MENTEE_ANSWERS
    pages = pages_for(list(form.questions.filter(removed_at__isnull=True)))
    for page in pages:
        response = client.post(step_url(form, page, lang), answers.get(page, {}))
        assert response.status_code == 302, (page, _errors(response))


def send(client, form, lang: str = "sv"):
    """Open the summary, then send it with its one-time token."""
    response = client.get(summary_url(form, lang))
    assert response.status_code == 200, response.status_code
    token = response.context["token"]
    return client.post(summary_url(form, lang), {"token": token}), token


def _errors(response) -> Any:
    context = getattr(response, "context", None)
    if context and "page_form" in context:
        return context["page_form"].errors
    return response.status_code
