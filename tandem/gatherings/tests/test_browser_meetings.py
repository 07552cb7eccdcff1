"""The kickoff from plan to door, in a real browser with axe on every page: the coordinator sets its
time and place and sends the invitations; Amira (Arabic) answers yes from her e-mail's link on a 375 px
phone; Eva, her mentor, signs in to her space (Swedish) from her invitation and answers yes there, then
tries the space's language switch (English, Arabic: the tabs still fit the phone); the
coordinator checks people in at the door on a 375 px phone, reads the counts on the meeting's page and
then on the program's health page (the table of answers and attendance per common meeting)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tandem.gatherings.models import Gathering, Invitation
from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.mentoring.models import Participant
from tandem.outbox.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}
# The pair space's tabs fit a 375 px phone: every tab visible without scrolling the row.
ALL_TABS_SHOWN = "(row => row.scrollWidth <= row.clientWidth)(document.querySelector('.space-tabs'))"


def phone_context(browser, live_server, locale: str):
    context = browser.new_context(base_url=live_server.url, locale=locale)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_viewport_size(PHONE)
    return context, page


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    assert_accessible(page)


def test_the_kickoff_from_invitation_to_check_in(
    page, browser, live_server, program, mentorships, coordinator
):
    program.start_date = timezone.localdate() + timedelta(days=7)  # the kickoff is still ahead
    program.save(update_fields=["start_date"])
    log_in(page, coordinator.email)
    page.goto(f"/programs/{program.pk}/meetings/")
    assert_accessible(page)
    page.get_by_role("button", name="Skapa de gemensamma träffarna från planen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    kickoff = Gathering.objects.get(program=program, kind="kickoff")

    page.get_by_role("link", name="Uppstartsträff").click()  # named by its kind, in Swedish
    page.get_by_role("link", name="Ändra tid, plats eller innehåll").click()
    assert_accessible(page)
    day = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Börjar").fill("17:30")
    page.get_by_label("Plats (adress)").fill("Folkets hus, Järntorget 1, Göteborg")
    page.get_by_label("Antal platser").fill("40")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    assert "Folkets hus" in page.inner_text("main")
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Skicka inbjudningarna")).click()
    page.wait_for_load_state()
    assert "5 inbjudningar skickades." in page.inner_text("main")
    assert_accessible(page)

    amira = Invitation.objects.get(gathering=kickoff, email="amira.haddad@example.org")
    invitations = OutboxMessage.objects.filter(kind="gatherings/emails/invitation")
    (message,) = [m for m in invitations if amira.email in m.to]
    link = re.search(r"https?://\S+/meeting-answer/\S+\?answer=yes", message.body_text).group(0)
    context, phone = phone_context(browser, live_server, "ar")
    try:
        phone.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
        assert phone.locator("html").get_attribute("dir") == "rtl"
        fits(phone)
        assert phone.get_by_label("نعم").is_checked()
        phone.get_by_label("هل هناك ما يجب أن نعرفه؟ (اختياري)").fill("أحتاج مترجماً")
        phone.get_by_role("button", name="أرسل إجابتي").click()
        phone.wait_for_load_state()
        assert phone.locator("#rsvp-state").is_visible()
        fits(phone)
    finally:
        context.close()
    amira.refresh_from_db()
    assert (amira.answer, amira.note) == ("yes", "أحتاج مترجماً")

    eva = Invitation.objects.get(gathering=kickoff, name__startswith="Eva")
    (message,) = [m for m in invitations if eva.email in m.to]
    link = re.search(r"https?://\S+/space/sign-in/\S+/", message.body_text).group(0)
    context, space = phone_context(browser, live_server, "sv-SE")
    try:
        space.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
        fits(space)
        space.get_by_role("button", name="Logga in", exact=True).click()
        space.wait_for_load_state()
        assert space.url.endswith(f"/common-meetings/{eva.pk}/")  # straight to her answer, in the space
        assert space.locator("html").get_attribute("lang") == "sv"
        assert "Hålls på: Svenska" in space.inner_text("main")
        assert space.evaluate(ALL_TABS_SHOWN)  # the pair's tabs neither wrap nor hide at 375 px
        fits(space)
        space.get_by_label("Ja", exact=True).check()
        space.get_by_role("button", name="Skicka mitt svar").click()
        space.wait_for_load_state()
        assert "Tack! Vi har noterat att du kommer." in space.inner_text("main")
        fits(space)
        space.get_by_role("link", name="Tillbaka till Mitt par").click()
        space.wait_for_load_state()
        assert "ditt svar: Ja" in space.inner_text("#common-meetings-heading + ul")
        fits(space)
        for language, answered in (("en", "your answer: Yes"), ("ar", "إجابتك: نعم")):
            space.get_by_label(("Språk", "Language")[language == "ar"]).select_option(language)
            space.locator("#space-language + button").click()  # the language switch, remembered
            space.wait_for_load_state()
            assert space.locator("html").get_attribute("lang") == language
            assert answered in space.inner_text("#common-meetings-heading + ul")
            assert space.evaluate(ALL_TABS_SHOWN), language
            fits(space)
    finally:
        context.close()
    eva.refresh_from_db()
    assert eva.answer == "yes" and eva.answered_at is not None
    assert Participant.objects.get(email=eva.email).language == "ar"

    context, door = phone_context(browser, live_server, "sv-SE")
    try:
        log_in(door, coordinator.email)
        door.goto(f"/programs/{program.pk}/meetings/{kickoff.pk}/check-in/")
        fits(door)
        door.get_by_label("Sök på namn").fill("Amira")
        door.get_by_role("button", name="Sök").click()
        door.wait_for_load_state()
        door.get_by_role("button", name="Checka in Amira Haddad").click()
        door.wait_for_load_state()
        assert door.get_by_role("button", name="Amira Haddad är närvarande; tryck för att ångra").is_visible()
        fits(door)
        door.locator("#id_name").fill("Nadia Karim")
        door.get_by_role("button", name="Lägg till som oanmäld och checka in").click()
        door.wait_for_load_state()
        assert "2 närvarande av 5 inbjudna" in door.inner_text("main")
        fits(door)
    finally:
        context.close()
    page.goto(f"/programs/{program.pk}/meetings/{kickoff.pk}/")
    assert "أحتاج مترجماً" in page.inner_text("main")
    counts = page.inner_text("#counts")
    for figure in ("Inbjudna: 5", "Ja: 2", "Nej: 0", "Inget svar: 3", "Närvarande: 2"):
        assert figure in counts, counts
    assert_accessible(page)

    page.goto(f"/programs/{program.pk}/")
    page.get_by_role("link", name="Programmets hälsa: vilka par behöver åtgärd").click()
    page.wait_for_load_state()
    figures = page.locator("#gathering-figures")
    head = figures.locator("thead th").all_inner_texts()
    assert head == ["Träff", "Inbjudna", "Ja", "Nej", "Kanske", "Inget svar", "Närvarande"], head
    row = figures.locator("tbody tr", has_text="Uppstartsträff")
    cells = [" ".join(cell.split()) for cell in row.locator("td").all_inner_texts()]
    assert cells == ["5", "2", "0", "0", "3", "2 (1 oanmäld)"], cells
    assert_accessible(page)
