"""Questions shown only to mentors or only to mentees. One survey answered by both roles (a round may
use the same survey for its mentees and its mentors) holds a question for each side: a mentee never sees
the mentors' question (by the e-mail link, on site, or in the form staff type a phone call into), can
send without it even when it is required, and a forged answer to it is not stored; the results count each
question only for the role it is shown to, also after a question for everyone became one for mentors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.followup import services
from tandem.followup.models import Answer, Response
from tandem.followup.results import round_results
from tandem.followup.services import Wording
from tandem.followup.tests.helpers import page_data, url_of


@pytest.fixture
def shared(round_, coordinator, now):
    """The round's mentee survey answered by both roles, with a required question for mentors only and a
    question for mentees only on the first page."""
    survey = round_.mentee_survey
    round_.mentor_survey = survey
    round_.save()
    mentors = services.save_question(
        survey,
        key=None,
        kind="likert",
        required=True,
        shown_to="mentor",
        new_page=False,
        wordings={"sv": Wording("Har du fått stöd som mentor?", choices=("1", "2", "3", "4", "5"))},
        by=coordinator,
        now=now,
    )
    mentees = services.save_question(
        survey,
        key=None,
        kind="yes_no",
        required=False,
        shown_to="mentee",
        new_page=False,
        wordings={"sv": Wording("Har du fått praktik?")},
        by=coordinator,
        now=now,
    )
    return {"survey": survey, "mentors": mentors.key, "mentees": mentees.key}


def shown_names(invitation, role: str | None = None) -> set[str]:
    version = invitation.round.survey_for(invitation.role).current_version()
    pages = services.pages_for(
        version,
        role=role or invitation.role,
        language="sv",
        program_id=invitation.round.program_id,
        mentorship_id=invitation.mentorship_id,
    )
    return {item.name for page in pages for item in page}


def test_a_mentee_never_sees_the_mentors_question(client, coordinator, program, round_, shared, amira, eva):
    mentors, mentees = f"q_{shared['mentors']}", f"q_{shared['mentees']}"
    assert mentees in shown_names(amira) and mentors not in shown_names(amira)
    assert mentors in shown_names(eva) and mentees not in shown_names(eva)

    pages = [client.get(url_of(amira) + f"?page={n}").content.decode() for n in (1, 2, 3)]
    assert all(f'name="{mentors}"' not in page for page in pages)
    assert f'name="{mentees}"' in pages[2]  # added last: on the last page

    start = reverse("survey:onsite_start", kwargs={"code": round_.short_code})
    answer = reverse("survey:onsite_answer", kwargs={"code": round_.short_code})
    round_.on_site = "anonymous"
    round_.save()
    on_site = client_for_role(client, start, answer, "mentee")
    assert f'name="{mentors}"' not in on_site and f'name="{mentees}"' in on_site

    client.force_login(coordinator)
    ids = {"pk": program.pk, "round": round_.pk}
    enter = {p.pk: reverse("followup:enter", kwargs={**ids, "invitation": p.pk}) for p in (amira, eva)}
    typed_in = client.get(enter[amira.pk]).content.decode()
    assert f'name="{mentors}"' not in typed_in and f'name="{mentees}"' in typed_in
    for_eva = client.get(enter[eva.pk]).content.decode()
    assert f'name="{mentors}"' in for_eva and f'name="{mentees}"' not in for_eva


def client_for_role(client, start: str, answer: str, role: str) -> str:
    client.post(start, {"role": role})
    return client.get(answer + "?page=3").content.decode()  # the two questions are on the last page


def test_a_mentee_sends_without_the_mentors_required_question_and_a_forged_answer_is_not_kept(
    client, round_, shared, amira
):
    mentors, mentees = f"q_{shared['mentors']}", f"q_{shared['mentees']}"
    first = page_data(amira, 1, q_how_often="0", q_useful="4", **{mentors: "5"})
    assert client.post(url_of(amira), first).status_code == 302
    client.post(url_of(amira), page_data(amira, 2))
    done = client.post(url_of(amira), page_data(amira, 3, "send", **{mentees: "yes", mentors: "5"}))
    assert done.status_code == 302 and "thanks=1" in done["Location"]
    response = Response.objects.get(invitation=amira)
    assert response.is_complete
    keys = set(response.answers.values_list("question__key", flat=True))
    assert shared["mentees"] in keys and shared["mentors"] not in keys


def answered(round_, role: str, values: dict, *, now) -> Response:
    """An anonymous on-site response of `role`, sent, with `values` (question key → value)."""
    version = round_.survey_for(role).current_version()
    return services.save_answers(
        round_,
        response=None,
        invitation=None,
        role=role,
        version=version,
        values={(key, ""): value for key, value in values.items()},
        page=3,
        channel="on_site",
        language="sv",
        complete=True,
        now=now,
    )


def test_the_results_count_each_question_only_for_the_role_it_is_shown_to(
    client, coordinator, program, round_, shared, now
):
    for _ in range(5):
        answered(round_, "mentee", {"useful": 3, shared["mentees"]: True}, now=now)
        answered(round_, "mentor", {"useful": 5, shared["mentors"]: 4}, now=now)
    by_key = {result.key: result for result in round_results(round_, language="sv")}

    mentors = by_key[shared["mentors"]]
    assert mentors.asked == ("mentor",) and mentors.respondents == {"mentee": 0, "mentor": 5}
    cells = dict(mentors.rows)
    assert cells["4 – 4"]["mentor"].count == 5 and cells["4 – 4"]["mentee"] is None
    assert mentors.means == {"mentee": None, "mentor": 4.0}

    mentees = by_key[shared["mentees"]]
    assert mentees.asked == ("mentee",) and mentees.respondents == {"mentee": 5, "mentor": 0}
    assert [row[1]["mentee"].count for row in mentees.rows] == [5, 0]
    assert all(row[1]["mentor"] is None for row in mentees.rows)

    both = by_key["useful"]
    assert both.asked == ("mentee", "mentor") and both.means == {"mentee": 3.0, "mentor": 5.0}

    client.force_login(coordinator)
    page = client.get(reverse("followup:results", kwargs={"pk": program.pk, "round": round_.pk}))
    assert page.status_code == 200
    assert page.content.decode().count("inte tillfrågade") >= 2


def test_a_question_made_for_mentors_only_after_answers_counts_only_the_mentors(
    coordinator, round_, shared, now
):
    for _ in range(5):
        answered(round_, "mentee", {"recommend": 2}, now=now)
        answered(round_, "mentor", {"recommend": 9}, now=now)
    [before] = [r for r in round_results(round_, language="sv") if r.key == "recommend"]
    assert before.respondents == {"mentee": 5, "mentor": 5}
    question = shared["survey"].current_version().questions.get(key="recommend")
    translations = question.translations.all()
    services.save_question(  # answers have arrived: the change makes a new version, answers keep theirs
        shared["survey"],
        key="recommend",
        kind=question.kind,
        required=False,
        shown_to="mentor",
        new_page=question.new_page,
        wordings={t.language: Wording(t.label, t.help_text, tuple(t.choices)) for t in translations},
        by=coordinator,
        now=now,
    )
    assert Answer.objects.filter(question__key="recommend", response__role="mentee").count() == 5  # kept
    [after] = [r for r in round_results(round_, language="sv") if r.key == "recommend"]
    assert after.asked == ("mentor",) and after.respondents == {"mentee": 0, "mentor": 5}
    assert after.means == {"mentee": None, "mentor": 9.0}
