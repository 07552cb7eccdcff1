"""The answers question by question: counts and shares side by side, nothing shown for fewer than five."""

from __future__ import annotations

from django.urls import reverse

from tandem.followup.results import summarise
from tandem.followup.services import Wording

LIKERT = Wording("Mentorskapet är till nytta.", "", ("Inte alls", "Lite", "Delvis", "Mycket", "Helt"))


def test_counts_and_shares_per_role_with_small_groups_hidden():
    answers = [("mentee", "useful", "", v) for v in (4, 4, 5, 3, 4)] + [("mentor", "useful", "", 5)] * 3
    [result] = summarise([("useful", "likert", LIKERT)], answers)
    assert result.respondents == {"mentee": 5, "mentor": 3}
    rows = dict(result.rows)
    assert rows["4 – Mycket"]["mentee"].count == 3 and rows["4 – Mycket"]["mentee"].share == 60
    assert rows["4 – Mycket"]["mentor"] is None  # three mentors: too few to show
    assert result.means == {"mentee": 4.0, "mentor": None}


def test_multiple_choice_counts_each_choice_and_text_is_listed():
    choices = Wording("Behöver du något?", "", ("Tid", "Tips", "Tolk"))
    answers = [("mentee", "need", "", [0, 2])] * 5 + [("mentee", "comment", "", "Bra!")] * 5
    need, comment = summarise(
        [("need", "multiple", choices), ("comment", "long_text", Wording("Något mer?"))], answers
    )
    assert dict(need.rows)["Tolk"]["mentee"].count == 5 and dict(need.rows)["Tips"]["mentee"].count == 0
    assert comment.texts["mentee"] == ["Bra!"] * 5 and comment.texts["mentor"] == []


def test_the_results_page_in_a_fixed_number_of_queries(
    client, coordinator, viewer, program, mentorships, now, django_assert_max_num_queries
):

    from tandem.followup.models import Invitation
    from tandem.followup.tests.helpers import answer_all, opened_round

    round_ = opened_round(program, step="startup", short_code="RES777", now=now)
    for invitation in Invitation.objects.filter(round=round_):
        answer_all(invitation, now=now)
    client.force_login(coordinator)
    url = reverse("followup:results", kwargs={"pk": program.pk, "round": round_.pk})
    with django_assert_max_num_queries(16):
        page = client.get(url)
    assert page.status_code == 200 and "<meter" not in page.content.decode()  # two of each: too few
    client.force_login(viewer)
    assert client.get(url).status_code == 200


def test_all_answers_export_one_row_per_response_and_is_audited(
    client, coordinator, program, mentorships, now
):
    import csv
    import io
    from datetime import timedelta

    from django.utils import timezone
    from openpyxl import load_workbook

    from tandem.audit.models import AuditEvent
    from tandem.followup import rounds
    from tandem.followup.models import Invitation, Round
    from tandem.followup.services import copy_template
    from tandem.followup.tests.helpers import answer_all

    today = timezone.localdate(now)
    round_ = Round.objects.create(
        program=program,
        step="midterm",
        mentee_survey=copy_template(program, "midterm", "mentee", by=None, now=now),
        mentor_survey=copy_template(program, "midterm", "mentor", by=None, now=now),
        opens_on=today,
        closes_on=today + timedelta(days=14),
        short_code="EXP777",
    )
    rounds.open_round(round_, now=now)
    for invitation in Invitation.objects.filter(round=round_)[:3]:
        answer_all(invitation, now=now)
    client.force_login(coordinator)
    text = client.get(reverse("followup:csv", kwargs={"pk": program.pk, "round": round_.pk})).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + 3 and "useful" in rows[0] and "goals" in rows[0]
    xlsx = client.get(reverse("followup:xlsx", kwargs={"pk": program.pk, "round": round_.pk})).content
    assert load_workbook(io.BytesIO(xlsx)).active.max_row == 4
    assert AuditEvent.objects.filter(action="followup.answers_exported").count() == 2
