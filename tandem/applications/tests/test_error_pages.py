"""Every page an applicant or participant can land on speaks their language (issue 13, item 15): a
broken or used link, an expired session (the CSRF check), a page that is not there and a server error,
with Tandem's own pages, Arabic included."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from tandem.applications.tests.helpers import MENTEE_ANSWERS, step_url

SAYS = {
    "not_found": {
        "sv": "Sidan finns inte",
        "en": "The page was not found",
        "ar": "الصفحة غير موجودة",
    },
    "expired": {
        "sv": "Sidan hade gått ut",
        "en": "The page had expired",
        "ar": "انتهت صلاحية الصفحة",
    },
    "error": {
        "sv": "Något gick fel",
        "en": "Something went wrong",
        "ar": "حدث خطأ ما",
    },
}


def assert_in_language(response, lang: str, says: str) -> None:
    page = response.content.decode()
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in page
    assert response["Content-Language"] == lang
    assert SAYS[says][lang] in page
    assert "Main menu" not in page and "Huvudmeny" not in page  # no staff menu


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_a_page_of_the_form_that_is_not_there_is_in_the_language_of_its_address(client, mentee_form, lang):
    response = client.get(f"/apply/{mentee_form.slug}/{lang}/step/nowhere/")
    assert response.status_code == 404
    assert_in_language(response, lang, "not_found")


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_a_broken_withdraw_link_is_in_the_browsers_language(client, db, lang):
    response = client.get(
        reverse("apply:withdraw", args=["no-such-token"]), HTTP_ACCEPT_LANGUAGE=f"{lang},en;q=0.5"
    )
    assert response.status_code == 404
    assert_in_language(response, lang, "not_found")
    assert "Copy the whole link" in response.content.decode() or lang != "en"


def test_a_broken_pair_answer_link_is_in_the_browsers_language_arabic_too(client, db):
    response = client.get(reverse("pair_answer:answer", args=["no-such-token"]), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 404
    assert response["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_an_unknown_form_falls_back_to_swedish(client, db):
    response = client.get("/apply/no-such-form/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 404
    assert_in_language(response, "sv", "not_found")


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_an_expired_session_says_so_in_the_applicants_language_and_offers_the_page_again(mentee_form, lang):
    client = Client(enforce_csrf_checks=True)
    url = step_url(mentee_form, "contact", lang)
    response = client.post(url, MENTEE_ANSWERS["contact"])
    assert response.status_code == 403
    assert_in_language(response, lang, "expired")
    assert f'href="{url}"' in response.content.decode()


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_a_server_error_on_the_form_is_in_the_applicants_language(mentee_form, lang):
    client = Client(raise_request_exception=False)
    with mock.patch("tandem.applications.views_public.pages_for", side_effect=RuntimeError("boom")):
        response = client.get(step_url(mentee_form, "contact", lang))
    assert response.status_code == 500
    assert_in_language(response, lang, "error")


def test_staff_pages_keep_the_staff_language_and_a_way_home(client, coordinator, settings):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/programs/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "The page was not found" in page and "Go to the start page" in page
