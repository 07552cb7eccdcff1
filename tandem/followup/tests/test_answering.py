"""Answering a survey: by the personal link (leave and come back, replays, bad input, a survey changed
while answering, a closed round), on site (a code, a name, anonymous, the rate limit), and by staff
after a phone call."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.followup import services
from tandem.followup.models import Answer, Invitation, LaterContact, Response
from tandem.followup.services import Wording, copy_template
from tandem.followup.tests.helpers import goal_fields, page_data, url_of
from tandem.lib.testing.links import forged
from tandem.programs.models import Goal


def test_a_mentee_answers_in_arabic_leaves_halfway_and_comes_back(client, amira):
    page = client.get(url_of(amira))
    assert page.status_code == 200
    assert page["Content-Language"] == "ar"
    assert 'dir="rtl"' in page.content.decode()
    assert "بشير" not in page.content.decode()

    saved = client.post(url_of(amira), page_data(amira, 1, "later", q_how_often="0", q_useful="4"))
    assert saved.status_code == 302
    response = Response.objects.get(invitation=amira)
    assert not response.is_complete and response.channel == "email"

    again = client.get(url_of(amira))  # another day, the same link
    assert re.search(r'name="q_useful" value="4"[^>]*checked', again.content.decode())

    client.post(url_of(amira), page_data(amira, 1, q_how_often="0", q_useful="4"))
    # page 2: the program's goal and Amira's own goal, one row each
    names = goal_fields(amira)
    assert len(names) == 2 and any(name.endswith("__p" + name.split("__p")[-1]) for name in names)
    second = client.get(url_of(amira) + "?page=2")
    assert "Bli legitimerad sjuksköterska" in second.content.decode()
    client.post(url_of(amira), page_data(amira, 2, **{name: "3" for name in names}))
    done = client.post(url_of(amira), page_data(amira, 3, "send", q_comment="شكراً"))
    assert done.status_code == 302
    response.refresh_from_db()
    amira.refresh_from_db()
    assert response.is_complete and amira.answered_at is not None
    assert Answer.objects.filter(response=response).count() == 2 + 2 + 1
    assert 'id="survey-state"' in client.get(url_of(amira)).content.decode()  # thank you, answered


def test_a_mentor_sees_no_personal_goals(client, eva):
    names = goal_fields(eva)
    assert len(names) == 1 and names[0].endswith("__g" + names[0].split("__g")[-1])


def test_a_replayed_or_edited_post_makes_no_second_response(client, amira):
    data = page_data(amira, 1, q_how_often="0", q_useful="4")
    client.post(url_of(amira), data)
    client.post(url_of(amira), data)
    assert Response.objects.filter(invitation=amira).count() == 1
    client.post(url_of(amira), page_data(amira, 3, "send"))
    assert Response.objects.get(invitation=amira).is_complete
    replay = client.post(url_of(amira), {**data, "q_useful": "1"})
    assert replay.status_code == 200  # "thank you, already answered"
    assert Answer.objects.get(response__invitation=amira, question__key="useful").value == 4
    edited = client.post(url_of(amira), {**data, "page": "99", "q_useful": "2", "q_unknown": "x"})
    assert edited.status_code == 200
    assert Response.objects.filter(invitation=amira).count() == 1


def test_a_link_cannot_be_used_for_someone_elses_survey(client, amira, eva):
    client.post(url_of(eva), page_data(eva, 1, "later", q_how_often="1", q_useful="2"))
    client.post(url_of(amira), page_data(amira, 1, "later", q_how_often="0", q_useful="5"))
    assert Response.objects.get(invitation=eva).answers.get(question__key="useful").value == 2
    assert Response.objects.get(invitation=amira).answers.get(question__key="useful").value == 5
    assert client.get(reverse("survey:answer", kwargs={"token": forged(amira.token)})).status_code == 404
    assert client.get(reverse("survey:answer", kwargs={"token": amira.token_hash})).status_code == 404


def test_bad_input_gets_a_clear_message_and_nothing_is_lost(client, amira):
    client.post(url_of(amira), page_data(amira, 1, q_how_often="0", q_useful="4"))
    client.post(url_of(amira), page_data(amira, 2, "later"))
    out_of_range = client.post(url_of(amira), page_data(amira, 1, q_how_often="0", q_useful="9"))
    assert out_of_range.status_code == 200
    assert "invalid-feedback" in out_of_range.content.decode()
    skipped = client.post(url_of(amira), page_data(amira, 1, q_how_often="0"))
    assert "q_useful_error" in skipped.content.decode()
    huge = client.post(url_of(amira), page_data(amira, 3, "send", q_comment="x" * 100_000))
    assert huge.status_code == 200 and "q_comment_error" in huge.content.decode()
    assert Answer.objects.get(response__invitation=amira, question__key="useful").value == 4
    assert not Answer.objects.filter(question__key="comment").exists()
    assert not Response.objects.get(invitation=amira).is_complete


def test_sending_with_a_required_question_skipped_goes_back_to_it(client, amira):
    answered = client.post(url_of(amira), page_data(amira, 3, "send", q_comment="Bra"))
    assert answered.status_code == 302 and "page=1" in answered["Location"]
    assert not Response.objects.get(invitation=amira).is_complete
    assert Answer.objects.get(question__key="comment").value == "Bra"


def test_a_survey_changed_while_answering_keeps_what_was_typed(client, amira, coordinator, now):
    data = page_data(amira, 1, q_how_often="2", q_useful="5")
    survey = amira.round.mentee_survey
    services.save_question(
        survey,
        key="useful",
        kind="likert",
        required=True,
        shown_to="both",
        new_page=False,
        wordings={"sv": Wording("Programmet hjälper mig.")},
        by=coordinator,
        now=now,
    )
    changed = client.post(url_of(amira), data)
    assert changed.status_code == 409
    text = changed.content.decode()
    assert 'value="5"' in text and "checked" in text
    assert not Response.objects.filter(invitation=amira).exists()
    assert client.post(url_of(amira), page_data(amira, 1, q_how_often="2", q_useful="5")).status_code == 302


def test_editing_after_answers_makes_a_new_version_and_answers_keep_theirs(client, amira, coordinator, now):
    client.post(url_of(amira), page_data(amira, 1, q_how_often="0", q_useful="4"))
    survey = amira.round.mentee_survey
    first = survey.current_version()
    assert first.frozen_at is not None
    services.remove_question(survey, "recommend", by=coordinator, now=now)
    second = survey.current_version()
    assert second.number == 2 and not second.questions.filter(key="recommend").exists()
    assert first.questions.filter(key="recommend").exists()
    assert Response.objects.get(invitation=amira).version == first
    assert client.get(url_of(amira) + "?page=3").status_code == 200


def test_after_the_round_closes_the_link_says_so_politely(client, amira, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=15))
    page = client.get(url_of(amira))
    assert page.status_code == 200 and 'id="survey-state"' in page.content.decode()
    post = client.post(url_of(amira), page_data(amira, 1, q_how_often="0", q_useful="4"))
    assert post.status_code == 410
    assert not Response.objects.exists()


# --- On site ------------------------------------------------------------------------------------


def test_on_site_a_person_types_their_code(client, round_, amira):
    start = reverse("survey:onsite_start", kwargs={"code": round_.short_code})
    assert client.get(start).status_code == 200
    assert client.post(start, {"code": "ZZZZ-ZZZZ"}).status_code == 200
    picked = client.post(start, {"code": amira.code.lower().replace("-", " ")})
    assert picked.status_code == 302
    answer = reverse("survey:onsite_answer", kwargs={"code": round_.short_code})
    client.post(answer, page_data(amira, 1, "later", q_how_often="0", q_useful="3"))
    response = Response.objects.get(invitation=amira)
    assert response.channel == "on_site"


def test_on_site_anonymous_answers_have_no_person(client, round_):
    round_.on_site = "anonymous"
    round_.save()
    start = reverse("survey:onsite_start", kwargs={"code": round_.short_code})
    assert client.post(start, {"role": "mentor"}).status_code == 302
    answer = reverse("survey:onsite_answer", kwargs={"code": round_.short_code})
    version = round_.mentor_survey.current_version()
    base = {"version": str(version.pk), "revision": str(version.revision)}
    client.post(answer, {**base, "page": "1", "q_how_often": "0", "q_useful": "4"})
    client.post(answer, {**base, "page": "1", "q_how_often": "0", "q_useful": "4"})
    client.post(answer, {**base, "page": "3", "action": "send"})
    [response] = Response.objects.all()
    assert response.invitation is None and response.role == "mentor" and response.is_complete
    again = client.post(answer, {**base, "page": "1", "q_how_often": "0", "q_useful": "4"})
    assert again.status_code == 200 and Response.objects.count() == 1


def test_on_site_starts_are_rate_limited_per_address(client, round_, monkeypatch):
    from tandem.followup import views_public

    monkeypatch.setattr(views_public, "ONSITE_STARTS_PER_HOUR", 2)
    round_.on_site = "anonymous"
    round_.save()
    start = reverse("survey:onsite_start", kwargs={"code": round_.short_code})
    assert [client.post(start, {"role": "mentee"}).status_code for _ in range(3)] == [302, 302, 429]


def test_the_on_site_link_of_a_round_without_it_does_not_work(client, round_):
    round_.on_site = "off"
    round_.save()
    assert client.get(reverse("survey:onsite_start", kwargs={"code": round_.short_code})).status_code == 404


# --- Staff -------------------------------------------------------------------------------------------


def test_a_coordinator_enters_a_phone_answer(client, coordinator, round_, eva, program):
    client.force_login(coordinator)
    url = reverse("followup:enter", kwargs={"pk": program.pk, "round": round_.pk, "invitation": eva.pk})
    page = client.get(url)
    assert page.status_code == 200 and "070-999 88 77" in page.content.decode()
    goal_names = goal_fields(eva)
    data = {"channel": "phone", "q_how_often": "1", "q_useful": "4", **{n: "3" for n in goal_names}}
    assert client.post(url, {**data, "q_useful": "7"}).status_code == 200
    assert not Response.objects.exists()
    assert client.post(url, data).status_code == 302
    response = Response.objects.get(invitation=eva)
    assert response.channel == "phone" and response.entered_by == coordinator and response.entered_at
    assert response.is_complete
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"followup.response_opened_by_staff", "followup.answers_entered"} <= actions
    assert client.post(url, data).status_code == 409


def test_the_round_page_counts_by_role_and_channel_in_fixed_queries(
    client, coordinator, round_, amira, eva, program, django_assert_max_num_queries, now
):
    from tandem.followup.tests.helpers import answer_all

    answer_all(amira, now=now)
    answer_all(eva, now=now, channel="phone")
    client.force_login(coordinator)
    url = reverse("followup:round", kwargs={"pk": program.pk, "round": round_.pk})
    with django_assert_max_num_queries(16):
        page = client.get(url)
    text = page.content.decode()
    assert "50 %" in text
    assert "Bashir Rahimi" in text and "Amira Haddad" not in text
    assert AuditEvent.objects.filter(action="followup.not_answered_viewed").exists()


def test_a_viewer_sees_figures_but_no_names(client, viewer, round_, program):
    client.force_login(viewer)
    page = client.get(reverse("followup:round", kwargs={"pk": program.pk, "round": round_.pk}))
    assert page.status_code == 200 and "Bashir" not in page.content.decode()


def test_the_qr_page_shows_an_svg_code(client, coordinator, round_, program):
    client.force_login(coordinator)
    page = client.get(reverse("followup:round_qr", kwargs={"pk": program.pk, "round": round_.pk}))
    assert "<svg" in page.content.decode() and f"/f/{round_.short_code}/" in page.content.decode()


def test_consent_at_the_goal_evaluation_is_recorded_with_its_text(amira, now):
    from tandem.followup.tests.helpers import answer_all

    round_ = amira.round
    round_.mentee_survey = copy_template(round_.program, "goal", "mentee", by=None, now=now)
    round_.save()
    answer_all(amira, now=now)
    consent = LaterContact.objects.get(application=amira.application)
    assert consent.agreed and consent.text.startswith("Får vi höra av oss")


def test_a_question_translated_to_the_programs_other_language_reaches_its_speakers(
    client, coordinator, program, round_, mentorships, now
):
    from tandem.applications.models import Question as FormQuestion
    from tandem.applications.models import QuestionTranslation as FormTranslation
    from tandem.applications.services import create_default_form

    form = create_default_form(program, "mentee")
    FormTranslation.objects.create(
        question=FormQuestion.objects.filter(form=form).first(), language="ti", label="ሽም"
    )
    client.force_login(coordinator)
    edit = reverse(
        "followup:question_edit",
        kwargs={"pk": program.pk, "survey": round_.mentee_survey_id, "key": "useful"},
    )
    assert 'name="label_ti"' in client.get(edit).content.decode()
    page = client.post(
        edit,
        {
            "kind": "likert",
            "shown_to": "both",
            "required": "on",
            "label_sv": "Mentorskapet hjälper mig.",
            "label_ti": "ምኽሪ ይሕግዘኒ።",
        },
    )
    assert page.status_code == 302
    bashir = Invitation.objects.get(round=round_, application=mentorships["b"].pair.mentee)
    Invitation.objects.filter(pk=bashir.pk).update(language="ti")
    bashir.refresh_from_db()
    client.logout()
    text = client.get(url_of(bashir)).content.decode()
    assert "ምኽሪ ይሕግዘኒ።" in text and 'lang="sv"' in text  # the question in Tigrinya, the page in Swedish


def test_my_pair_shows_the_survey_waiting_for_me_until_i_answer(round_, amira, mentorships, now):
    from django.utils import translation

    from tandem.followup.tests.helpers import answer_all
    from tandem.mentoring.models import Participant
    from tandem.mentoring.sections import sections_for

    participant = Participant.objects.create(email="amira.haddad@example.org", language="ar")
    with translation.override("sv"):
        sections = [s for s in sections_for(participant, mentorships["a"]) if "space-surveys" in s]
    assert len(sections) == 1 and f"/survey/{amira.token}/" in sections[0]
    assert "Halvtidsutvärdering" in sections[0]
    answer_all(amira, now=now)
    assert not [s for s in sections_for(participant, mentorships["a"]) if "space-surveys" in s]
    assert not [s for s in sections_for(participant, mentorships["b"]) if "space-surveys" in s]


def test_the_thank_you_page_leads_back_to_my_pair_in_arabic_and_swedish(client, amira, eva, now):
    from tandem.followup.tests.helpers import answer_all

    for invitation, back in ((amira, "العودة إلى ثنائيّ"), (eva, "Tillbaka till Mitt par")):
        answer_all(invitation, now=now)
        html = client.get(f"{url_of(invitation)}?thanks=1").content.decode()
        my_pair = reverse("space:pair", args=[invitation.mentorship_id])
        assert f'id="survey-back" href="{my_pair}"' in html and back in html, invitation.language
        assert 'id="survey-close"' not in html


def test_an_anonymous_answer_on_site_ends_with_you_can_close_unless_signed_in_to_the_space(
    client, round_, mentorships
):
    from django.conf import settings
    from django.test import Client

    from tandem.mentoring.tests.people import sign_in

    round_.on_site = "anonymous"
    round_.save()
    start = reverse("survey:onsite_start", kwargs={"code": round_.short_code})
    answer = reverse("survey:onsite_answer", kwargs={"code": round_.short_code})
    version = round_.mentor_survey.current_version()
    base = {"version": str(version.pk), "revision": str(version.revision)}

    def send(browser: Client, language: str) -> str:
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        browser.post(start, {"role": "mentor"})
        browser.post(answer, {**base, "page": "1", "q_how_often": "0", "q_useful": "4"})
        sent = browser.post(answer, {**base, "page": "3", "action": "send"})
        return browser.get(sent["Location"]).content.decode()

    for language, close in (
        ("sv", "Du kan stänga den här sidan nu."),
        ("en", "You can close this page now."),
    ):
        html = send(Client(), language)
        assert close in html and 'id="survey-back"' not in html, language
    sign_in(client, mentorships["a"].pair.mentor)
    html = send(client, "sv")
    assert f'id="survey-back" href="{reverse("space:pair", args=[mentorships["a"].pk])}"' in html


def test_an_invitation_without_a_pair_ends_with_you_can_close_in_arabic(client, amira, now):
    from tandem.followup.tests.helpers import answer_all

    Invitation.objects.filter(pk=amira.pk).update(mentorship=None)
    amira.refresh_from_db()
    answer_all(amira, now=now)
    html = client.get(f"{url_of(amira)}?thanks=1").content.decode()
    assert 'lang="ar"' in html and "يمكنك إغلاق هذه الصفحة الآن." in html and 'id="survey-back"' not in html


def test_the_question_editor_turns_only_the_arabic_fields_right_to_left(client, coordinator, program, round_):
    client.force_login(coordinator)
    edit = reverse(
        "followup:question_edit",
        kwargs={"pk": program.pk, "survey": round_.mentee_survey_id, "key": "useful"},
    )
    html = client.get(edit, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "<fieldset" in html and not re.search(r"<fieldset[^>]*dir=", html)  # the labels stay Swedish
    for name in ("label_ar", "help_ar", "choices_ar"):
        field = re.search(rf'<(?:input|textarea) [^>]*name="{name}"[^>]*>', html)
        assert field and 'lang="ar" dir="rtl"' in field[0], name
    swedish = re.search(r'<input [^>]*name="label_sv"[^>]*>', html)
    assert swedish and 'lang="sv" dir="ltr"' in swedish[0]


def test_the_programs_swedish_texts_keep_their_own_direction_on_the_arabic_survey(client, amira, program):
    Goal.objects.filter(program=program).update(
        description="Få ett jobb som redovisningsekonom före sommaren."
    )
    client.post(url_of(amira), page_data(amira, 1, q_how_often="0", q_useful="4"))
    html = client.get(url_of(amira) + "?page=2").content.decode()
    assert 'dir="rtl"' in html
    assert f'<p class="text-muted mb-2" dir="auto">{program.name}</p>' in html
    # the goals (the coordinator's, and Amira's own) each in a <bdi>: the full stop stays at the end
    goal = "Få ett jobb som redovisningsekonom före sommaren."
    assert f'<legend class="form-label fs-6 mb-1"><bdi>{goal}</bdi></legend>' in html
    assert '<legend class="form-label fs-6 mb-1"><bdi>Bli legitimerad sjuksköterska</bdi>' in html
    assert re.search(r'<h2 class="h5 mt-4" dir="auto">[^<]+</h2>', html)  # the goal question itself
