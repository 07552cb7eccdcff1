"""Keyboard focus is visible everywhere (issue 13, item 16): every stop of the Tab key on the applicant's
pages and the staff pages, the header's links and buttons included, shows a solid outline at least 2 px
wide whose colour stands out at least 3:1 from the background around it; measured by computed style."""

from __future__ import annotations

import re

import pytest

from tandem.applications.tests.applicants import published
from tandem.lib.testing.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The focused element's outline, and the background it is drawn on (the nearest opaque one outside it).
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let around = el.parentElement, background = "rgb(255, 255, 255)";
  while (around) {
    const colour = getComputedStyle(around).backgroundColor;
    if (colour && colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
    around = around.parentElement;
  }
  return {
    what: el.tagName + (el.id ? "#" + el.id : "") + " " + (el.textContent || "").trim().slice(0, 30),
    in_header: !!el.closest("header"),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor, background,
  };
}"""


def luminance(colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"[\d.]+", colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def assert_focus_visible(page) -> dict:
    seen = page.evaluate(FOCUS_STYLE)
    assert seen["style"] != "none" and seen["width"] >= 2, seen
    assert contrast(seen["colour"], seen["background"]) >= 3, seen
    return seen


def tab_through(page, stops: int) -> list[dict]:
    page.locator("body").focus()
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        seen.append(assert_focus_visible(page))
    return seen


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_every_tab_stop_on_the_applicants_pages_shows_its_focus(page, program, lang):
    form = published(program, "mentee")
    page.goto(f"/apply/{form.slug}/{lang}/")
    assert_accessible(page)
    seen = tab_through(page, 6)  # skip link, the three languages, start, the organisers' address
    assert sum(stop["in_header"] for stop in seen) >= 3
    page.goto(f"/apply/{form.slug}/{lang}/step/contact/")
    page.locator("#id_first_name").click()  # an input's ring shows on a click too
    assert assert_focus_visible(page)["what"].startswith("INPUT#id_first_name")
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["what"].startswith("INPUT#id_last_name")
    assert_accessible(page)


def test_every_tab_stop_in_the_staff_header_shows_its_focus(page, program, coordinator):
    log_in(page, coordinator.email)
    page.goto("/programs/")
    seen = tab_through(page, 8)
    in_header = [stop for stop in seen if stop["in_header"]]
    assert len(in_header) >= 4, seen  # Tandem, the menu's links, the language, log out
    assert_accessible(page)
