"""Cohort comparison: this round beside the same round of earlier programs of the copy line, question by
question where the key and the kind of answer are the same; in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from tandem.factories import ProgramFactory
from tandem.followup.cohorts import compare
from tandem.followup.models import Answer, Response, Round
from tandem.followup.services import copy_template


def _round(program, now, code, *, answers):
    today = timezone.localdate(now)
    round_ = Round.objects.create(
        program=program,
        step="startup",
        mentee_survey=copy_template(program, "startup", "mentee", by=None, now=now),
        mentor_survey=copy_template(program, "startup", "mentor", by=None, now=now),
        opens_on=today - timedelta(days=20),
        closes_on=today - timedelta(days=1),
        short_code=code,
    )
    version = round_.mentee_survey.current_version()
    question = version.questions.get(key="got_going")
    for value in answers:
        response = Response.objects.create(
            round=round_, version=version, role="mentee", channel="on_site", completed_at=now
        )
        Answer.objects.create(response=response, question=question, value=value)
    return round_


def _cohort(program, year, name):
    return ProgramFactory(
        organisation=program.organisation, name=name, start_date=date(year, 2, 1), copied_from=None
    )


def test_the_comparison_page_puts_earlier_cohorts_beside_this_one_in_fixed_queries(
    client, coordinator, program, now, django_assert_max_num_queries
):
    first = _cohort(program, 2024, "Ekonomer 2024")
    second = _cohort(program, 2025, "Ekonomer 2025")
    second.copied_from = first
    second.save()
    unrelated = _cohort(program, 2025, "Annat program 2025")
    program.copied_from, program.start_date = second, date(2026, 2, 1)
    program.save()
    this = _round(program, now, "COH001", answers=[5, 5, 4, 4, 4])
    _round(second, now, "COH002", answers=[3, 3, 3, 4, 2, 2])
    _round(unrelated, now, "COH003", answers=[1] * 5)

    comparison = compare(this, language="sv")
    assert [c.program.name for c in comparison.cohorts] == ["Ekonomer 2025", program.name]
    key, _label, table = next(q for q in comparison.questions if q[0] == "got_going")
    mentees = table[0]
    assert mentees.answered == [6, 5] and mentees.means == [2.8, 4.4]
    four = next(cells for label, cells in mentees.options if label.startswith("4"))
    assert [cell.share for cell in four] == [17, 60]
    mentors = table[1]
    assert mentors.answered == [0, 0] and all(c is None for _l, cells in mentors.options for c in cells)

    client.force_login(coordinator)
    url = reverse("followup:cohorts", kwargs={"pk": program.pk, "round": this.pk})
    with django_assert_max_num_queries(18) as counted:
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "Ekonomer 2025" in html and "Annat program 2025" not in html
    queries = len(counted.captured_queries)
    _round(first, now, "COH004", answers=[2] * 7)  # a third cohort with answers: the same number of queries
    with django_assert_max_num_queries(queries):
        html = client.get(url).content.decode()
    assert "Ekonomer 2024" in html


def test_without_earlier_cohorts_the_page_says_so(client, viewer, program, now):
    this = _round(program, now, "COH005", answers=[])
    client.force_login(viewer)
    url = reverse("followup:cohorts", kwargs={"pk": program.pk, "round": this.pk})
    page = client.get(url)
    assert page.status_code == 200 and 'id="cohorts"' not in page.content.decode()
