"""In a real browser with axe on every page: the coordinator opens the dashboard, makes the ESF report
for the first half-year and downloads it, and exports the participants (the worker makes the file); a
viewer reads the dashboard but cannot export personal data."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.reports.tests.world_followup import line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_reports_to_the_esf_and_the_viewer_only_reads(
    page, browser, live_server, program, coordinator, viewer, tmp_path
):
    line(
        program, sizes={"mentees": 16, "mentors": 10, "meetings": 60}
    )  # with follow-up and last year's cohort
    log_in(page, coordinator.email)
    page.goto(f"/programs/{program.pk}/")
    page.get_by_role("link", name="Översikt i siffror: tratten, möten, närvaro och budget").click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "Från ansökan till genomfört mentorskap" in main and "Svarsfrekvens i enkäterna" in main
    assert "Kullar i samma programlinje" in main
    assert_accessible(page)

    page.goto(f"/programs/{program.pk}/funder-reports/")
    assert_accessible(page)
    page.get_by_label("Finansieringskälla").select_option(label="ESF+")
    page.get_by_label("Format").select_option(label="ESF: deltagare")
    page.get_by_label("Från").fill("2026-01-01")
    page.get_by_label("Till").fill("2026-06-30")
    page.get_by_role("button", name="Skapa rapporten").click()
    page.wait_for_load_state()
    assert "Utbildningsnivå" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_label("Samordnarens sammanfattning").fill("Ett halvår med fler möten än planerat.")
    page.get_by_role("button", name="Spara sammanfattningen").click()
    page.wait_for_load_state()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    path = tmp_path / "report.pdf"
    download.value.save_as(path)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Ett halvår med fler möten än planerat." in text

    page.goto(f"/programs/{program.pk}/exports/")
    assert_accessible(page)
    page.get_by_label("Jag behöver personuppgifterna för programmet").check()
    page.get_by_role("button", name=re.compile(r"^Excel \(XLSX\)\s*: Deltagare$")).click()
    page.wait_for_load_state()
    assert "Filen är klar" in page.inner_text("main")  # the worker made it (huey runs at once in tests)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner filen (XLSX)").click()
    path = tmp_path / "participants.xlsx"
    download.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Par", "Roll", "Förnamn") and len(rows) > 1

    page.context.clear_cookies()
    log_in(page, viewer.email)
    page.goto(f"/programs/{program.pk}/dashboard/")
    assert "Använd budget jämfört med planerad" in page.inner_text("main")
    assert_accessible(page)
    response = page.goto(f"/programs/{program.pk}/exports/")
    assert response is not None and response.status == 403
