"""The coordinators' forms of the follow-up are drawn as every form of the app: a label above each field,
Bootstrap's classes, and a wrong value comes back on the same page with its error tied to its field (a
demo walk found "Change the round" unstyled, its errors only in a message after a redirect)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from tandem.followup import planning
from tandem.followup.models import Round
from tandem.lib.testing.pages import EN, field_error, points_at_error, styled_field


def test_the_round_form_is_styled(client, coordinator, program, round_):
    client.force_login(coordinator)
    page = client.get(reverse("followup:round", args=[program.pk, round_.pk]), **EN)
    assert styled_field(page, "id_opens_on") and styled_field(page, "id_open_until")
    assert styled_field(page, "id_on_site", "form-select")
    assert styled_field(page, "id_reminder_text")
    assert f'value="{round_.opens_on.isoformat()}"' in page.content.decode()  # a date box shows the date


def test_a_wrong_round_comes_back_on_its_page_with_the_error_by_its_field(
    client, coordinator, program, round_
):
    client.force_login(coordinator)
    url = reverse("followup:round", args=[program.pk, round_.pk])
    opens, closes = round_.opens_on, round_.closes_on
    earlier = (opens - timedelta(days=1)).isoformat()
    data = {
        "opens_on": opens.isoformat(),
        "open_until": earlier,
        "on_site": "anonymous",
        "reminder_text": "x",
    }
    bad = client.post(url, data, **EN)
    assert bad.status_code == 400
    assert field_error(bad, "id_open_until") == "The last day cannot be before the first day."
    assert points_at_error(bad, "id_open_until")
    assert field_error(bad, "id_reminder_text") == "Write whole numbers from 1 to 60, separated by commas."
    assert points_at_error(bad, "id_reminder_text")
    assert f'value="{earlier}"' in bad.content.decode()  # the form as posted …
    assert "followup/round.html" in [t.name for t in bad.templates]  # on the round's page
    round_.refresh_from_db()
    assert (round_.opens_on, round_.closes_on) == (opens, closes)  # … and nothing saved

    later = (closes + timedelta(days=3)).isoformat()
    data.update(open_until=later, reminder_text="3, 5")
    good = client.post(url, data, **EN)
    assert good.status_code == 302
    saved = Round.objects.get(pk=round_.pk)
    # The coordinator names the last open day; the round closes at the start of the next.
    assert saved.last_day.isoformat() == later and saved.reminder_days == [3, 5]
    assert saved.closes_on == closes + timedelta(days=4)
    shown = client.get(url, **EN)
    assert f'value="{later}"' in shown.content.decode()  # the form shows the last day, as the header says


def test_wrong_offsets_come_back_on_the_follow_up_page_with_the_error_by_its_field(
    client, coordinator, program
):
    client.force_login(coordinator)
    page = client.get(reverse("followup:index", args=[program.pk]), **EN)
    assert styled_field(page, "id_startup_week") and styled_field(page, "id_effect_text")
    bad = client.post(
        reverse("followup:settings", args=[program.pk]),
        {"startup_week": "6", "goal_days_after_end": "14", "open_days": "21", "effect_text": "7"},
        **EN,
    )
    assert bad.status_code == 400
    assert field_error(bad, "id_effect_text") == "Choose 6, 12 or both."
    assert points_at_error(bad, "id_effect_text")
    assert planning.settings_for(program).effect_months != [7]


def test_a_round_not_yet_opened_does_not_say_everyone_answered(client, coordinator, program, now):
    from django.utils import timezone

    from tandem.followup.services import copy_template

    today = timezone.localdate(now)
    planned = Round.objects.create(
        program=program,
        step="midterm",
        mentee_survey=copy_template(program, "midterm", "mentee", by=None, now=now),
        mentor_survey=copy_template(program, "midterm", "mentor", by=None, now=now),
        opens_on=today + timedelta(days=7),
        closes_on=today + timedelta(days=21),
        short_code="PLN4X7",
    )
    client.force_login(coordinator)
    html = client.get(reverse("followup:round", args=[program.pk, planned.pk]), **EN).content.decode()
    assert "Nobody is invited yet" in html and "Everyone invited has answered" not in html
