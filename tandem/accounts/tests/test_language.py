"""The language a person chose is remembered: in the cookie for everyone, on the user when signed in."""

from django.test import Client
from django.urls import reverse

from tandem.accounts.models import User
from tandem.factories import PASSWORD
from tandem.lib.testing.sessions import pass_second_factor

SET_LANGUAGE = "/i18n/setlang/"


def switch_language(client, language: str, next_url: str = "/accounts/login/"):
    return client.post(SET_LANGUAGE, {"language": language, "next": next_url})


def log_in(client, user):
    """The password through the form; the second factor as the code page would pass it (tandem/mfa)."""
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    pass_second_factor(client, user)
    return response


def page_language(response) -> str:
    html = response.content.decode()
    start = html.index('<html lang="') + len('<html lang="')
    return html[start : html.index('"', start)]


def test_swedish_is_the_default(client, db):
    assert page_language(client.get("/accounts/login/")) == "sv"


def test_an_anonymous_visitors_choice_lives_in_the_cookie(client, db):
    switch_language(client, "en")

    assert client.cookies["django_language"].value == "en"
    assert page_language(client.get("/accounts/login/")) == "en"


def test_a_signed_in_persons_choice_is_saved_and_applied_at_the_next_log_in_elsewhere(coordinator):
    laptop, phone = Client(), Client()
    log_in(laptop, coordinator)

    switch_language(laptop, "en", next_url="/programs/")
    coordinator.refresh_from_db()
    assert coordinator.language == "en"
    assert page_language(laptop.get("/programs/")) == "en"

    response = log_in(phone, coordinator)
    assert phone.cookies["django_language"].value == "en"
    assert page_language(phone.get(response["Location"])) == "en"


def test_the_saved_language_wins_over_the_browsers_at_log_in(client, coordinator):
    coordinator.language = "en"
    coordinator.save()
    switch_language(client, "sv")

    log_in(client, coordinator)

    assert page_language(client.get("/programs/")) == "en"
    coordinator.refresh_from_db()
    assert coordinator.language == "en"


def test_an_anonymous_switch_changes_no_account(client, coordinator):
    switch_language(client, "en")

    assert User.objects.get(pk=coordinator.pk).language == "sv"


def test_the_settings_page_saves_name_and_language_and_shows_the_new_language(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("accounts:me"), {"full_name": "Karin Koordinator-Ek", "language": "en"}, follow=True
    )

    coordinator.refresh_from_db()
    assert (coordinator.full_name, coordinator.language) == ("Karin Koordinator-Ek", "en")
    assert client.cookies["django_language"].value == "en"
    assert page_language(response) == "en"
    assert "Your settings are saved." in response.content.decode()


def test_a_blank_name_is_refused_next_to_the_field_and_nothing_is_saved(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("accounts:me"), {"full_name": "  ", "language": "en"})

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"] == ["Detta fält måste fyllas i."]
    assert 'id="id_full_name_error"' in response.content.decode()
    coordinator.refresh_from_db()
    assert (coordinator.full_name, coordinator.language) == ("Karin Koordinator", "sv")
    assert response.context["user"].full_name == "Karin Koordinator"  # the navbar's name is untouched


def test_an_unknown_language_is_refused(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("accounts:me"), {"full_name": "Karin", "language": "xx"})

    assert "language" in response.context["form"].errors
    coordinator.refresh_from_db()
    assert coordinator.language == "sv"
