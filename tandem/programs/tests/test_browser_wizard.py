"""A coordinator sets up a program in a real browser, in Swedish and in English, using only the page's
own controls (links, buttons pressed with Enter, form fields), with axe-core on every page."""

from __future__ import annotations

import pytest

from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.programs.models import Program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "sv": {
        "programs": "Program",
        "length_error": "Ett program pågår högst 24 månader.",
        "planned": "150\xa0000\xa0kr",
        "granted": "200\xa0000\xa0kr",
        "own_share": "33,3\xa0%",
        "per_participant": "7\xa0500\xa0kr",
        "ready": "Allt som behövs för att öppna rekryteringen är på plats.",
        "recruiting": "Rekrytering",
    },
    "en": {
        "programs": "Programs",
        "length_error": "A program lasts at most 24 months.",
        "planned": "SEK\xa0150,000",
        "granted": "SEK\xa0200,000",
        "own_share": "33.3%",
        "per_participant": "SEK\xa07,500",
        "ready": "Everything needed to open recruitment is in place.",
        "recruiting": "Recruiting",
    },
}


def press(page, selector: str) -> None:
    """Reach a control with the keyboard's focus and press Enter, then wait for the next page."""
    control = page.locator(selector)
    control.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)


def save_and_continue(page) -> None:
    press(page, "main form .border-top button.btn-primary[name=goto]")


def switch_to_english(page) -> None:
    page.select_option("#language-switch", "en")
    with page.expect_navigation():
        page.click("#language-switch ~ button[type=submit]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Programs").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_coordinator_sets_up_a_program_and_opens_recruitment(
    page, coordinator, partner_coordinator, partner_org, language
):
    text = TEXT[language]
    log_in(page, coordinator.email)
    assert_accessible(page)
    if language == "en":
        switch_to_english(page)
    assert page.get_by_role("heading", name=text["programs"], exact=True).is_visible()

    press(page, "a[href='/programs/new/']")
    page.fill("#id_name", "Mentorskap för IT-folk")
    press(page, "main form button[type=submit]")
    assert "/setup/purpose/" in page.url
    assert page.locator("[aria-current=step]").count() == 1

    # 1. Purpose and two goals
    page.fill("#id_purpose", "Nyanlända IT-specialister ska komma in i yrket.")
    page.select_option("#id_purpose_kind", "job_in_profession")
    page.fill("#id_goals-0-description", "Adepter i kvalificerat arbete")
    page.fill("#id_goals-0-indicator", "Andel adepter i kvalificerat arbete 6 månader efter slutet")
    page.fill("#id_goals-0-target_value", "60")
    press(page, "button[name=add][value=goals]")
    page.fill("#id_goals-1-description", "Ett yrkesnätverk")
    page.fill("#id_goals-1-indicator", "Antal nya yrkeskontakter per adept")
    page.fill("#id_goals-1-target_value", "5")
    page.select_option("#id_goals-1-unit", "count")
    save_and_continue(page)

    # 2. Target groups
    assert "/setup/target-groups/" in page.url
    page.fill("#id_mentee_target_group", "Nyanlända med IT-utbildning som söker arbete")
    page.fill("#id_mentor_target_group", "Yrkesverksamma inom IT")
    save_and_continue(page)

    # 3. Length and meetings: a wrong length first, then the plan
    assert "/setup/ambition/" in page.url
    page.fill("#id_length_months", "25")
    page.fill("#id_start_date", "2027-02-01")
    page.fill("#id_target_mentees", "10")
    page.fill("#id_target_mentors", "10")
    page.fill("#id_rules-0-from_month", "1")
    page.fill("#id_rules-0-to_month", "2")
    page.fill("#id_rules-0-every", "2")
    save_and_continue(page)
    assert "/setup/ambition/" in page.url
    assert page.locator("#id_length_months_error").inner_text() == text["length_error"]
    assert page.locator("#id_length_months").get_attribute("aria-invalid") == "true"
    assert page.input_value("#id_rules-0-every") == "2"  # what was typed is still there
    page.fill("#id_length_months", "6")
    press(page, "button[name=add][value=rules]")
    page.fill("#id_rules-1-from_month", "3")
    page.fill("#id_rules-1-every", "1")
    page.select_option("#id_rules-1-unit", "months")
    save_and_continue(page)

    # 4. Working group: the partner first, then its coordinator
    assert "/setup/organisation/" in page.url
    page.check(f"input[name=partners][value='{partner_org.pk}']")
    press(page, "main form .border-top button.btn-outline-primary[name=goto]")
    page.select_option("#id_add-user", str(partner_coordinator.pk))
    page.select_option("#id_add-role", "partner_coordinator")
    page.check("#id_add-runs")
    save_and_continue(page)

    # 5. Financing: two budget lines, own co-financing and Arvsfonden
    assert "/setup/financing/" in page.url
    page.select_option("#id_budget-0-cost_item", "recruitment")
    page.fill("#id_budget-0-planned_amount", "100000")
    press(page, "button[name=add][value=budget]")
    page.select_option("#id_budget-1-cost_item", "common_meetings")
    page.fill("#id_budget-1-planned_amount", "50000")
    page.select_option("#id_funding-0-kind", "own")
    page.fill("#id_funding-0-amount_granted", "50000")
    page.select_option("#id_funding-0-status", "granted")
    press(page, "button[name=add][value=funding]")
    page.select_option("#id_funding-1-kind", "arvsfonden")
    page.fill("#id_funding-1-name", "Arvsfonden 2027")
    page.fill("#id_funding-1-amount_applied", "160000")
    page.fill("#id_funding-1-amount_granted", "150000")
    page.select_option("#id_funding-1-status", "granted")
    press(page, "main form .border-top button.btn-outline-primary[name=goto]")
    assert page.locator("[data-total=planned]").inner_text() == text["planned"]
    assert page.locator("[data-total=granted]").inner_text() == text["granted"]
    assert page.locator("[data-total=own-share]").inner_text() == text["own_share"]
    assert page.locator("[data-total=per-participant]").inner_text() == text["per_participant"]
    save_and_continue(page)

    # The overview: only the requirement profiles are missing; write a must-criterion for each role
    program = Program.objects.get(name="Mentorskap för IT-folk")
    assert page.url.endswith(f"/programs/{program.pk}/")
    assert page.locator("#readiness li").count() == 1
    for role in ("mentee", "mentor"):
        page.goto(f"/programs/{program.pk}/requirements/{role}/")
        assert_accessible(page)
        page.select_option("#id_kind", "swedish_level")
        press(page, "main form[method=get] button[type=submit]")
        page.select_option("#id_min_level", "B1")
        press(page, "main button[value=save]")
    page.goto(f"/programs/{program.pk}/")

    # Nothing missing now, so recruitment opens (after confirming)
    assert page.locator("#readiness-done").inner_text() == text["ready"]
    assert page.locator("#readiness").count() == 0
    assert program.goals.count() == 2
    assert program.meeting_rules.count() == 2
    assert program.common_meetings.count() == 3
    assert program.planned_pair_meetings == 9
    assert program.roles.get(user=partner_coordinator).role == "partner_coordinator"
    press(page, "form[action$='/state/'] button[type=submit]")
    press(page, "main form button.btn-primary")
    assert page.url.endswith(f"/programs/{program.pk}/")
    assert page.locator("h1 + .badge").inner_text() == text["recruiting"]
    program.refresh_from_db()
    assert program.state == Program.State.RECRUITING


def test_leaving_a_step_half_done_through_the_step_list_keeps_what_was_typed(page, coordinator, program):
    log_in(page, coordinator.email)
    page.goto(f"/programs/{program.pk}/setup/purpose/")
    assert_accessible(page)
    page.fill("#id_purpose", "Ett första utkast till syfte")
    page.fill("#id_goals-0-description", "Fler i arbete")
    page.fill("#id_goals-0-indicator", "Andel i arbete")
    press(page, "nav button[name=goto][value=ambition]")
    assert "/setup/ambition/" in page.url
    page.fill("#id_length_months", "9")
    press(page, "nav button[name=goto][value=purpose]")

    assert page.input_value("#id_purpose") == "Ett första utkast till syfte"
    assert page.input_value("#id_goals-0-description") == "Fler i arbete"
    assert page.input_value("#id_goals-0-target_value") == ""
    press(page, "nav button[name=goto][value=ambition]")
    assert page.input_value("#id_length_months") == "9"
    # the usual common meetings now sit in the middle and at the end of the 9 months
    assert page.input_value("#id_meetings-2-week_offset") == "39"
