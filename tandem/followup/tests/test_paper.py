"""Answers collected on paper (at a common meeting, or sent by post) and typed in by a coordinator: marked
"paper" with who entered them and when, counted under their channel, possible after the round closed, and
completing a survey the person had left half-way without making a second response."""

from __future__ import annotations

import re

from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.followup import rounds
from tandem.followup.figures import figures_for
from tandem.followup.models import Channel, Response
from tandem.followup.tests.helpers import goal_fields, page_data, url_of


def enter_url(program, round_, invitation) -> str:
    return reverse(
        "followup:enter", kwargs={"pk": program.pk, "round": round_.pk, "invitation": invitation.pk}
    )


def paper(invitation, **answers) -> dict[str, str]:
    return {
        "channel": "paper",
        "q_how_often": "1",
        "q_useful": "4",
        **{name: "3" for name in goal_fields(invitation)},
        **answers,
    }


def test_a_coordinator_types_in_a_paper_form(client, coordinator, round_, eva, program):
    client.force_login(coordinator)
    assert client.post(enter_url(program, round_, eva), paper(eva)).status_code == 302
    response = Response.objects.get(invitation=eva)
    eva.refresh_from_db()
    assert response.channel == "paper" and response.entered_by == coordinator and response.entered_at
    assert response.is_complete and eva.answered_at is not None
    assert response.answers.get(question__key="useful").value == 4
    entered = AuditEvent.objects.get(action="followup.answers_entered")
    assert entered.data["channel"] == "paper" and entered.actor == coordinator
    channels = dict(figures_for(round_).channels)
    assert channels[str(Channel.PAPER.label)] == 1 and channels[str(Channel.PHONE.label)] == 0
    export = client.get(reverse("followup:csv", kwargs={"pk": program.pk, "round": round_.pk}))
    assert str(Channel.PAPER.label) in export.content.decode()


def test_paper_forms_can_be_typed_in_after_the_round_closed(
    client, coordinator, round_, amira, eva, program, now
):
    rounds.close_round(round_, now=now)
    assert 'id="survey-state"' in client.get(url_of(amira)).content.decode()  # the link says it closed
    client.force_login(coordinator)
    assert client.post(enter_url(program, round_, eva), paper(eva)).status_code == 302
    assert Response.objects.get(invitation=eva).channel == "paper"


def test_paper_answers_complete_a_survey_left_half_way_without_a_second_response(
    client, coordinator, round_, amira, program
):
    client.post(url_of(amira), page_data(amira, 1, "later", q_how_often="0", q_useful="2"))
    started = Response.objects.get(invitation=amira)
    assert started.channel == "email" and not started.is_complete
    client.force_login(coordinator)
    page = client.get(enter_url(program, round_, amira)).content.decode()
    assert re.search(r'name="q_useful" value="2"[^>]*checked', page)  # what she typed is shown
    assert client.post(enter_url(program, round_, amira), paper(amira, q_useful="5")).status_code == 302
    [response] = Response.objects.filter(invitation=amira)
    assert response.pk == started.pk and response.is_complete
    assert response.channel == "paper" and response.entered_by == coordinator
    assert response.answers.get(question__key="useful").value == 5
    assert client.post(enter_url(program, round_, amira), paper(amira, q_useful="1")).status_code == 409
    assert response.answers.get(question__key="useful").value == 5
