"""The requirement-profile editor in a real browser: the pass count follows the form as it is filled in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandem.factories import ApplicationFactory
from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.requirements.models import Criterion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pass_count_updates_live_while_a_criterion_is_written(page, coordinator, program):
    for level in ("A2", "B1", "B2", "C1"):
        ApplicationFactory(program=program, swedish_level=level)
    log_in(page, coordinator.email)

    page.goto(f"/programs/{program.pk}/requirements/mentee/")
    assert "4 av 4 nuvarande sökande skulle gå vidare" in page.inner_text("main")
    assert_accessible(page)

    page.select_option("#id_kind", "swedish_level")
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_url("**/add/?kind=swedish_level")
    assert_accessible(page)

    page.select_option("#id_min_level", "B2")  # htmx posts the form and swaps in the new count
    expect(page.locator("#pass-count")).to_contain_text("2 av 4")  # no string eval: the CSP forbids it
    page.select_option("#id_min_level", "SFI_D")  # SFI D counts as B1
    expect(page.locator("#pass-count")).to_contain_text("3 av 4")
    assert_accessible(page)
    assert not Criterion.objects.exists()  # nothing is saved while previewing

    page.click("main button[value=save]")
    page.wait_for_url(f"**/programs/{program.pk}/requirements/mentee/")
    assert "Svenska minst B1" in page.inner_text("main")
    assert "3 av 4 nuvarande sökande skulle gå vidare" in page.inner_text("main")
    assert_accessible(page)


def test_a_custom_question_becomes_a_must_with_a_live_count(page, coordinator, program):
    from django.utils import timezone

    from tandem.applications.editing import Words, add_custom_question
    from tandem.applications.models import Answer
    from tandem.applications.services import create_default_form

    form = create_default_form(program, "mentee", now=timezone.now())
    licence = add_custom_question(
        form,
        custom_type="yes_no",
        required=False,
        page="custom",
        words=Words(label="Har du svensk legitimation?"),
        by=coordinator,
        now=timezone.now(),
    )
    for value in (True, True, False, None):
        application = ApplicationFactory(program=program, form=form)
        if value is not None:
            Answer.objects.create(application=application, question=licence, value=value)
    log_in(page, coordinator.email)

    page.goto(f"/programs/{program.pk}/requirements/mentee/add/?kind=custom_question")
    assert_accessible(page)
    page.select_option("#id_question", str(licence.pk))
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_url(f"**/add/?kind=custom_question&question={licence.pk}")
    assert_accessible(page)

    page.check("input[name=answer][value=yes]")  # htmx swaps in the count: yes twice, no once, one silent
    expect(page.locator("#pass-count")).to_contain_text("2 av 4")
    page.click("main button[value=save]")
    page.wait_for_url(f"**/programs/{program.pk}/requirements/mentee/")
    assert "”Har du svensk legitimation?”: ja" in page.inner_text("main")
    assert "2 av 4 nuvarande sökande skulle gå vidare" in page.inner_text("main")
    assert_accessible(page)
