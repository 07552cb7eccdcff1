"""The whole matching workflow in a real browser, in Swedish, with axe-core on every page visited:
the coordinator runs the matching, locks a pair, forbids one, runs again, and publishes; then the people
answer through the links in their e-mails (a mentee accepts on the Arabic page, a mentor declines), and
the coordinator sees their answers."""

from __future__ import annotations

import re

import pytest

from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.outbox.models import OutboxMessage
from tandem.pairs.models import MatchingRun, Pair
from tandem.pairs.tests.people import build_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, selector: str) -> None:
    """Press a button with the keyboard and wait for the page it leads to."""
    page.locator(selector).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)


def row(page, mentee: str):
    return page.locator("#proposal tbody tr", has=page.get_by_role("rowheader", name=mentee))


def answer_link(email: str) -> str:
    """The path of the personal link in the introduction e-mail (the site address is the live server's)."""
    message = OutboxMessage.objects.get(kind="pairs/emails/introduction", to=[email])
    return re.search(r"/pair-answer/[^/\s]+/", message.body_text).group(0)


def test_run_lock_forbid_rerun_publish_and_answer(page, browser, live_server, coordinator, program):
    people = build_cohort(program)
    log_in(page, coordinator.email)
    page.goto(f"/programs/{program.pk}/matching/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Matchning", exact=True).is_visible()
    page.get_by_role("link", name="Hur många adepter varje mentor tar").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_label("Eva Lind").input_value() == "1"
    page.go_back()

    submit(page, "button:has-text('Kör matchningen')")
    assert page.get_by_role("heading", name="Matchningsförslag, körning 1").is_visible()
    assert "3 av 4 adepter" in page.locator("#run-summary").inner_text()
    assert "samma yrke: Advokater (2611)" in row(page, "Daniel Tesfay").inner_text()

    submit(page, "#proposal tr:has-text('Daniel Tesfay') button:has-text('Lås')")
    assert "Paret är låst" in page.locator("main [role=status]").first.inner_text()
    assert "Låst" in row(page, "Daniel Tesfay").inner_text()
    submit(page, "#proposal tr:has-text('Bashir Rahimi') button:has-text('Spärra')")
    assert "Bashir Rahimi" in page.locator("#unmatched").inner_text()

    submit(page, "button:has-text('Kör igen')")
    assert page.get_by_role("heading", name="Matchningsförslag, körning 2").is_visible()
    assert "Sara Nilsson" in row(page, "Daniel Tesfay").inner_text(), "the lock is kept"
    assert "Johan Berg" in row(page, "Fatima Warsame").inner_text(), "the forbidden pair is not proposed"
    assert "Bashir Rahimi" in page.locator("#unmatched").inner_text()

    submit(page, "button:has-text('Jämför')")
    assert page.get_by_role("heading", name="Körning 2 jämförd med körning 1").is_visible()
    assert "Fatima Warsame" in page.locator("main").inner_text()
    page.get_by_role("link", name="Tillbaka till körning 2").click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Publicera …").click()
    page.wait_for_load_state()
    assert_accessible(page)
    submit(page, "button:has-text('Ja, publicera och skicka presentationerna')")
    # The worker publishes (at once in the tests); its progress page says what happened.
    assert page.get_by_role("heading", name="Körning 2 publiceras").is_visible()
    assert "par är publicerade" in page.locator("main [role=status]").inner_text()
    assert_accessible(page)
    page.locator("main p > a", has_text="Par").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Par", exact=True).is_visible()
    assert "6 personer har inte svarat än." in page.locator("#not-answered").inner_text()
    assert MatchingRun.objects.get(number=2).published_at is not None

    # The mentee reads her e-mail (she applied in Arabic) and accepts; her mentor declines.
    visitor = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    visitor.goto(answer_link(people["amira"].email))
    assert visitor.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(visitor)
    submit(visitor, "button[value=accept]")
    assert visitor.locator("#answer-state").is_visible()

    visitor.goto(answer_link(people["eva"].email))
    assert visitor.get_by_role("heading", name="Din adept: Amira").is_visible()
    assert_accessible(visitor)
    visitor.fill("#id_reason", "Jag har inte tid den här terminen.")
    submit(visitor, "button[value=decline]")
    assert visitor.locator("#confirm-decline").is_visible()  # asked once more, the reason kept
    submit(visitor, "#confirm-decline ~ form button[type=submit]")
    assert "Tack, du har tackat nej." in visitor.locator("#answer-state").inner_text()
    visitor.context.close()

    pair = Pair.objects.get(mentee=people["amira"])
    assert (pair.status, pair.mentee_answer, pair.mentor_answer) == ("declined", "accept", "decline")

    page.reload()
    assert_accessible(page)
    amira_row = page.locator(f"#published-pair-{pair.pk}").inner_text()
    assert "Tackat ja" in amira_row and "Tackat nej" in amira_row and "Avböjt" in amira_row
    assert "Jag har inte tid den här terminen." in amira_row
    assert "4 personer har inte svarat än." in page.locator("#not-answered").inner_text()

    page.get_by_role("link", name=re.compile("Avsluta eller matcha om.*Daniel Tesfay")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.fill("#id_reason", "Adepten har fått jobb.")
    submit(page, "button:has-text('Avsluta paret')")
    assert "Paret är avslutat." in page.locator("main [role=status]").first.inner_text()
