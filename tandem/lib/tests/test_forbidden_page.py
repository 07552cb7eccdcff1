"""A page someone may not use answers with Tandem's own 403 page in their language, with a heading, the
page's landmarks and a way back (demo walk: a coordinator opening the audit log or the organisation's
record of processing got Django's bare English "403 Forbidden"). A page that answers 403 with its own
content (a set-up step a partner coordinator may not change) keeps it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.lib.testing.pages import EN, SV

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("headers", "lang", "heading", "way_back"),
    [
        (SV, "sv", "Du har inte tillgång till den här sidan", "Gå till startsidan"),
        (EN, "en", "You do not have access to this page", "Go to the start page"),
    ],
)
@pytest.mark.parametrize("url_name", ["audit:search", "privacy:record"])
def test_a_coordinator_opening_an_admins_page_gets_the_styled_forbidden_page(
    client, coordinator, org, url_name, headers, lang, heading, way_back
):
    client.force_login(coordinator)

    response = client.get(reverse(url_name, args=[org.pk]), **headers)

    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{lang}" dir="ltr">' in page
    assert response["Content-Language"] == lang
    assert f"<title>{heading} · Tandem</title>" in page and f"<h1>{heading}</h1>" in page
    assert "<header>" in page and '<main id="main"' in page and "<footer" in page
    assert f'<a href="{reverse("home")}">{way_back}</a>' in page
    assert "403 Forbidden" not in page


def test_a_set_up_step_refused_to_a_partner_coordinator_keeps_its_own_page(
    client, partner_coordinator, program
):
    client.force_login(partner_coordinator)

    response = client.post(reverse("programs:setup", args=[program.pk, "purpose"]), {}, **EN)

    assert response.status_code == 403
    page = response.content.decode()
    assert "Nothing was saved: the purpose, goals and financing are decided by" in page
    assert "You do not have access to this page" not in page
