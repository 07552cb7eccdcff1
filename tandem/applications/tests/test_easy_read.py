"""Easy-read Swedish (lättläst svenska): a version of the form beside Swedish, English and Arabic, chosen
on the first page, with our own easy-read texts for the built-in questions, the consent and the e-mails,
and Swedish for everything else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tandem.applications.models import Application
from tandem.applications.tests.helpers import MENTEE_ANSWERS, fill_pages, send, step_url
from tandem.outbox.models import OutboxMessage
from tandem.reference.languages import EASY_SWEDISH

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _entries(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (enough for our catalogues: no plurals in the easy-read one)."""
    found: dict[str, str] = {}
    key, parts, current = "", {"msgid": [], "msgstr": []}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        match = re.match(r"^(msgid|msgstr) (\".*\")$", line)
        if match:
            current = match.group(1)
            parts[current] = [match.group(2)]
        elif line.startswith('"') and current:
            parts[current].append(line)
        elif not line.strip():
            if parts["msgid"]:
                key = "".join(ast.literal_eval(p) for p in parts["msgid"])
                found[key] = "".join(ast.literal_eval(p) for p in parts["msgstr"])
            parts, current = {"msgid": [], "msgstr": []}, None
    return found


def landing(client, form, lang: str) -> str:
    return client.get(reverse("apply:landing", kwargs={"slug": form.slug, "lang": lang})).content.decode()


def test_the_easy_read_catalogue_is_current_and_keeps_every_placeholder():
    easy = _entries(LOCALE / "sv_Easyread" / "LC_MESSAGES" / "django.po")
    swedish = _entries(LOCALE / "sv" / "LC_MESSAGES" / "django.po")
    easy.pop("", None)
    assert len(easy) > 60
    assert [msgid for msgid in easy if msgid not in swedish] == []  # no stale texts
    placeholders = re.compile(r"%\(\w+\)s")
    assert [
        m for m, text in easy.items() if sorted(placeholders.findall(m)) != sorted(placeholders.findall(text))
    ] == []
    assert all(text for text in easy.values())


def test_easy_read_falls_back_to_swedish():
    with translation.override(EASY_SWEDISH):
        assert translation.gettext("Year of birth") == "Vilket år är du född?"  # our easy-read text
        assert translation.gettext("Change") == "Ändra"  # Swedish
        assert not translation.get_language_bidi()


@pytest.mark.django_db
def test_the_swedish_landing_page_offers_easy_read_and_explains_the_words(client, mentee_form):
    page = client.get(
        reverse("apply:landing", kwargs={"slug": mentee_form.slug, "lang": "sv"})
    ).content.decode()
    easy_url = reverse("apply:landing", kwargs={"slug": mentee_form.slug, "lang": EASY_SWEDISH})
    assert f'href="{easy_url}" lang="sv-easyread"' in page  # chosen on the first page
    assert "Lättläst svenska" in page  # and among the languages
    assert "En adept (på engelska mentee) är en person" in page
    for lang, words in (("en", "A mentee (in Swedish: adept) is"), ("ar", "المتدرّب (بالسويدية: adept)")):
        page = client.get(
            reverse("apply:landing", kwargs={"slug": mentee_form.slug, "lang": lang})
        ).content.decode()
        assert words in page


@pytest.mark.django_db
def test_an_easy_read_application_end_to_end(client, mentee_form):
    landing = client.get(reverse("apply:landing", kwargs={"slug": mentee_form.slug, "lang": EASY_SWEDISH}))
    page = landing.content.decode()
    assert '<html lang="sv-easyread" dir="ltr">' in page
    assert "En adept är en person som får hjälp av en mentor." in page
    assert "Anmäl dig för att få en mentor" in page
    page = client.get(step_url(mentee_form, "contact", EASY_SWEDISH)).content.decode()
    assert "Vilket år är du född?" in page and "Mejladress" in page
    page = client.get(step_url(mentee_form, "occupation", EASY_SWEDISH)).content.decode()
    assert "Vilket yrke vill du arbeta med?" in page
    consent = client.get(step_url(mentee_form, "consent", EASY_SWEDISH)).content.decode()
    assert "ansvarar för dina svar." in consent  # the short easy-read consent
    assert "Hur länge vi sparar svaren" in consent  # privacy's sentence, in easy-read too
    assert "Jag har läst texten. Jag säger ja." in consent

    fill_pages(client, mentee_form, MENTEE_ANSWERS, lang=EASY_SWEDISH)
    response, _token = send(client, mentee_form, EASY_SWEDISH)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.language == EASY_SWEDISH
    assert application.consent.language == EASY_SWEDISH
    email = OutboxMessage.objects.get()
    assert email.subject.startswith("Vi har fått din anmälan – ")
    assert "Vad händer nu? Vi läser alla anmälningar." in email.body_text
    assert 'lang="sv-easyread"' in email.body_html


@pytest.mark.django_db
def test_the_summary_the_closed_form_and_the_error_pages_are_in_easy_read_swedish(client, mentee_form):
    from tandem.applications.tests.helpers import summary_url
    from tandem.applications.tests.test_program_state import State, landing_url, move_to

    fill_pages(client, mentee_form, MENTEE_ANSWERS, lang=EASY_SWEDISH)
    summary = client.get(summary_url(mentee_form, EASY_SWEDISH)).content.decode()
    assert '<html lang="sv-easyread" dir="ltr">' in summary
    assert "Läs dina svar" in summary and "Skicka anmälan" in summary and "Hur vi når dig" in summary
    assert "Kontrollera dina svar" not in summary and "Kontaktuppgifter" not in summary

    missing = client.get(f"/apply/{mentee_form.slug}/{EASY_SWEDISH}/no-such-page/x/")
    assert missing.status_code == 404 and missing["Content-Language"] == EASY_SWEDISH
    assert "Vi hittar inte sidan" in missing.content.decode()
    assert "Länken fungerar inte. Kanske saknas en del av länken." in missing.content.decode()

    move_to(mentee_form.program, State.RUNNING)
    closed = client.get(landing_url(mentee_form, EASY_SWEDISH)).content.decode()
    assert '<html lang="sv-easyread" dir="ltr">' in closed
    assert "Du kan inte anmäla dig nu" in closed
    assert "Programmet tar inte emot fler anmälningar." in closed
    assert "ordnar programmet." in closed


def test_the_easy_read_error_pages_render_in_easy_read_swedish():
    from django.template import loader

    with translation.override(EASY_SWEDISH):
        expired = loader.get_template("errors/csrf.html").render({"again": "/apply/x/"})
        failed = loader.get_template("errors/500.html").render({})
    assert "Sidan var öppen för länge" in expired and "Öppna sidan igen" in expired
    assert "Något gick fel" in failed and "Vi vet om felet." in failed
