"""The public form through the test client: pages, errors, the draft, sending, closed forms, spam."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application, Question, QuestionTranslation
from tandem.applications.tests.helpers import MENTEE_ANSWERS, fill_pages, send, step_url, summary_url
from tandem.outbox.models import OutboxMessage


def landing_url(form, lang="sv"):
    return reverse("apply:landing", kwargs={"slug": form.slug, "lang": lang})


# --- The landing page and closed forms ------------------------------------------------------------


def test_the_landing_page_says_what_to_expect_and_how_to_ask(client, mentee_form):
    response = client.get(landing_url(mentee_form, "en"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Apply to become a mentee" in page
    assert mentee_form.program.name in page
    assert 'href="mailto:mentorskap@framat.example"' in page
    assert "7 steps" in page  # 6 pages and the summary
    assert response["Content-Language"] == "en"


def test_the_short_address_sends_the_applicant_to_their_browser_language(client, mentee_form):
    response = client.get(reverse("apply:start", args=[mentee_form.slug]), HTTP_ACCEPT_LANGUAGE="ar,en;q=0.8")
    assert response["Location"] == landing_url(mentee_form, "ar")
    response = client.get(reverse("apply:start", args=[mentee_form.slug]), HTTP_ACCEPT_LANGUAGE="de")
    assert response["Location"] == landing_url(mentee_form, "sv")


def test_arabic_pages_are_right_to_left(client, mentee_form):
    page = client.get(step_url(mentee_form, "contact", "ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page
    assert "الخطوة 1 من 7" in page


def test_a_language_the_form_is_not_offered_in_is_not_found(client, mentee_form):
    assert client.get(landing_url(mentee_form, "fa")).status_code == 404


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"opens_at": timezone.now() + timedelta(days=3)}, "You can apply from"),
        ({"closes_at": timezone.now() - timedelta(days=1)}, "The time to apply has ended."),
        ({"cap": 0}, "as many applications as it can take"),
        ({"is_published": False}, "The form is not open yet."),
    ],
)
def test_a_closed_form_says_so_on_every_page(client, mentee_form, change, expected):
    for name, value in change.items():
        setattr(mentee_form, name, value)
    mentee_form.save()
    for url in (
        landing_url(mentee_form, "en"),
        step_url(mentee_form, "contact", "en"),
        summary_url(mentee_form, "en"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "The application form is closed" in response.content.decode()
        assert expected in response.content.decode()


def test_a_form_that_has_not_opened_tells_when_it_opens(client, mentee_form):
    mentee_form.opens_at = timezone.make_aware(timezone.datetime(2031, 3, 15, 9, 0))
    mentee_form.save()
    page = client.get(landing_url(mentee_form, "en")).content.decode()
    assert "You can apply from 15 March 2031, 09:00." in page


# --- Pages, errors and the draft ------------------------------------------------------------------


def test_a_page_with_bad_answers_shows_errors_next_to_the_fields_and_keeps_what_was_typed(
    client, mentee_form
):
    response = client.post(
        step_url(mentee_form, "contact", "en"),
        {"first_name": "Amira", "last_name": "", "email": "not-an-email", "birth_year": "1800"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_last_name_error"' in page and "Answer this question." in page
    assert 'aria-describedby="id_email_error id_email_helptext"' in page
    assert "Write your e-mail address like this: name@example.org" in page
    assert 'value="Amira"' in page
    assert "Some answers need to be corrected" in page


def test_errors_come_in_the_language_of_the_page(client, mentee_form):
    response = client.post(step_url(mentee_form, "contact", "ar"), {"first_name": "", "email": "x"})
    page = response.content.decode()
    assert "أجب عن هذا السؤال." in page  # "Answer this question."
    assert "بعض الإجابات تحتاج إلى تصحيح" in page
    assert "<title>خطأ: " in page


def test_nothing_is_stored_as_an_application_before_the_final_send(client, mentee_form):
    fill_pages(client, mentee_form)
    assert Application.objects.count() == 0
    response = client.get(summary_url(mentee_form, "en"))
    page = response.content.decode()
    assert "Amira" in page and "Accountants (2411)" in page and "Malmö" in page
    assert "Arabic: C2 – fluent, like my mother tongue" in page
    assert f'href="{step_url(mentee_form, "contact", "en")}?return=summary"' in page


def test_the_summary_sends_the_applicant_back_to_the_first_page_not_answered(client, mentee_form):
    client.post(step_url(mentee_form, "contact"), MENTEE_ANSWERS["contact"])
    response = client.get(summary_url(mentee_form))
    assert response["Location"] == step_url(mentee_form, "occupation")


def test_changing_an_answer_from_the_summary_returns_to_the_summary(client, mentee_form):
    fill_pages(client, mentee_form)
    changed = {**MENTEE_ANSWERS["contact"], "first_name": "Amina", "return": "summary"}
    response = client.post(step_url(mentee_form, "contact"), changed)
    assert response["Location"] == summary_url(mentee_form)
    assert "Amina" in client.get(summary_url(mentee_form)).content.decode()


def test_a_mentee_applies_and_gets_a_reference_number(client, mentee_form):
    fill_pages(client, mentee_form, lang="en")
    response, _token = send(client, mentee_form, "en")

    application = Application.objects.get()
    assert response["Location"] == reverse("apply:sent", kwargs={"slug": mentee_form.slug, "lang": "en"})
    page = client.get(response["Location"]).content.decode()
    assert application.reference in page
    assert application.language == "en"
    assert (application.first_name, application.occupation_wanted, application.municipality) == (
        "Amira",
        "2411",
        "1280",
    )
    assert application.other_languages == [{"code": "ar", "level": "C2"}, {"code": "en", "level": "B2"}]
    assert (application.birth_year, application.years_in_sweden, application.swedish_level) == (
        1990,
        3,
        "SFI_D",
    )
    assert application.consent.language == "en"
    assert OutboxMessage.objects.get().to == ["amira@example.org"]
    # The draft is gone: a new visit to the summary starts from the beginning.
    assert client.get(summary_url(mentee_form, "en"))["Location"] == step_url(mentee_form, "contact", "en")


def test_sending_twice_with_the_same_token_gives_one_application(client, mentee_form):
    fill_pages(client, mentee_form)
    first, token = send(client, mentee_form)
    second = client.post(summary_url(mentee_form), {"token": token})  # a double click, or "back" and resend

    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_stale_token_does_not_send(client, mentee_form):
    fill_pages(client, mentee_form)
    response = client.post(summary_url(mentee_form), {"token": "made-up"})
    assert response["Location"] == summary_url(mentee_form)
    assert Application.objects.count() == 0


def test_a_form_closing_while_someone_fills_it_in_says_so_at_send(client, mentee_form):
    fill_pages(client, mentee_form, lang="en")
    token = client.get(summary_url(mentee_form, "en")).context["token"]
    mentee_form.closes_at = timezone.now() - timedelta(seconds=1)
    mentee_form.save()
    response = client.post(summary_url(mentee_form, "en"), {"token": token})
    assert "The time to apply has ended." in response.content.decode()
    assert Application.objects.count() == 0


# --- Custom questions and translations ------------------------------------------------------------


def custom(form, kind, label, *, required=False, choices=(), translations=None, **fields):
    question = Question.objects.create(
        form=form,
        custom_type=kind,
        page="custom",
        order=900 + form.questions.count(),
        required=required,
        **fields,
    )
    QuestionTranslation.objects.create(question=question, language="sv", label=label, choices=list(choices))
    for language, (other_label, other_choices) in (translations or {}).items():
        QuestionTranslation.objects.create(
            question=question, language=language, label=other_label, choices=list(other_choices)
        )
    return question


def test_custom_questions_of_every_type_are_asked_and_stored(client, mentee_form):
    short = custom(mentee_form, "short_text", "Körkort?")
    long = custom(mentee_form, "long_text", "Berätta mer")
    single = custom(
        mentee_form,
        "single_choice",
        "Hur hörde du om oss?",
        choices=["Vän", "Webb"],
        required=True,
        translations={"en": ("How did you hear of us?", ["Friend", "Web"])},
    )
    multiple = custom(mentee_form, "multiple_choice", "Intressen", choices=["Ekonomi", "IT", "Vård"])
    scale = custom(mentee_form, "scale", "Hur säker är du?", scale_min=1, scale_max=5)
    yes_no = custom(mentee_form, "yes_no", "Har du bil?")
    answers = {
        **MENTEE_ANSWERS,
        "custom": {
            f"q{short.pk}": "B",
            f"q{long.pk}": "Mycket",
            f"q{single.pk}": "1",
            f"q{multiple.pk}": ["0", "2"],
            f"q{scale.pk}": "4",
            f"q{yes_no.pk}": "yes",
        },
    }
    fill_pages(client, mentee_form, answers, lang="en")
    summary = client.get(summary_url(mentee_form, "en")).content.decode()
    assert "Web" in summary and "Ekonomi, Vård" in summary
    send(client, mentee_form, "en")

    stored = dict(Application.objects.get().answers.values_list("question_id", "value"))
    assert stored == {
        short.pk: "B",
        long.pk: "Mycket",
        single.pk: "Webb",  # choices are stored by their Swedish label
        multiple.pk: ["Ekonomi", "Vård"],
        scale.pk: 4,
        yes_no.pk: True,
    }


def test_a_required_custom_question_must_be_answered(client, mentee_form):
    question = custom(
        mentee_form, "single_choice", "Hur hörde du om oss?", choices=["Vän", "Webb"], required=True
    )
    response = client.post(step_url(mentee_form, "custom", "en"), {})
    assert response.status_code == 200
    assert f'id="id_q{question.pk}_error"' in response.content.decode()


def test_a_question_without_a_translation_falls_back_to_swedish_visibly(client, mentee_form):
    custom(mentee_form, "short_text", "Har du körkort?")
    page = client.get(step_url(mentee_form, "custom", "ar")).content.decode()
    assert '<span lang="sv" dir="auto">Har du körkort?</span>' in page
    assert "بالسويدية فقط" in page  # "only in Swedish"


def test_swedish_text_on_an_arabic_page_keeps_its_own_language_and_direction(client, mentee_form):
    """Fallback text is marked lang="sv" with its own direction, so its punctuation stays where it is."""
    mentee_form.intro = "Formuläret tar ungefär tio minuter att fylla i."
    mentee_form.intro_translations = {}
    mentee_form.save()
    page = client.get(landing_url(mentee_form, "ar")).content.decode()
    assert '<div class="lead" lang="sv" dir="auto"><p>Formuläret tar ungefär tio minuter' in page
    assert 'dir="ltr" href="mailto:mentorskap@framat.example"' in page

    custom(mentee_form, "single_choice", "Har du körkort?", choices=["Ja", "Nej"])
    question = custom(mentee_form, "short_text", "Ort")
    question.translations.update(help_text="Till exempel Malmö.")
    page = client.get(step_url(mentee_form, "custom", "ar")).content.decode()
    assert '<span lang="sv" dir="auto">Ja</span>' in page
    assert '<span lang="sv" dir="auto">Till exempel Malmö.</span>' in page


def test_an_arabic_applicant_finds_the_occupation_by_an_arabic_word(client, mentee_form):
    response = client.post(
        step_url(mentee_form, "occupation", "ar"),
        {"occupation_wanted_query": "ممرضة", "search": "occupation_wanted"},
    )
    page = response.content.decode()
    assert 'name="occupation_wanted" value="2221"' in page
    assert '<bdi dir="auto">ممرضة</bdi> – <bdi>ممرضون وممرضات</bdi></label>' in page  # no code: nothing alike
    assert "We found no occupation" not in page and "لم نجد" not in page


def test_a_form_translated_into_a_further_language_is_offered_in_it(client, mentee_form):
    custom(mentee_form, "short_text", "Har du körkort?", translations={"fa": ("گواهینامه دارید؟", [])})
    response = client.get(step_url(mentee_form, "custom", "fa"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "گواهینامه دارید؟" in page
    assert 'dir="rtl"' in page  # Persian is right to left too
    assert 'hreflang="fa"' in page


# --- The occupation search, without and with JavaScript -------------------------------------------


def test_the_occupation_search_works_without_javascript(client, mentee_form):
    typed = {**MENTEE_ANSWERS["occupation"], "occupation_wanted": "", "occupation_wanted_query": "revisor"}
    response = client.post(
        step_url(mentee_form, "occupation", "en"), {**typed, "search": "occupation_wanted"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="occupation_wanted" value="2411"' in page
    assert '<span lang="sv">Revisor</span> – Accountants<' in page  # a Swedish word on an English page
    assert 'value="Bachelor in accounting"' in page  # what was typed stays
    assert "is-invalid" not in page  # a search is not a failed save
    assert Application.objects.count() == 0


def test_a_search_that_finds_nothing_says_so(client, mentee_form):
    response = client.post(
        step_url(mentee_form, "occupation", "en"),
        {"occupation_wanted_query": "zzxq", "search": "occupation_wanted"},
    )
    assert "We found no occupation with that word." in response.content.decode()


def test_live_suggestions_return_the_choices_as_a_fragment(client, mentee_form):
    url = reverse("apply:occupations", kwargs={"slug": mentee_form.slug, "lang": "sv"})
    response = client.get(url, {"field": "occupation_wanted", "occupation_wanted_query": "sjuksköterska"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'name="occupation_wanted" value="2221"' in page
    assert client.get(url, {"field": "first_name"}).status_code == 404


def test_the_occupation_must_be_chosen_from_the_list(client, mentee_form):
    response = client.post(
        step_url(mentee_form, "occupation", "en"),
        {**MENTEE_ANSWERS["occupation"], "occupation_wanted": "9999"},
    )
    assert "Choose an occupation from the list." in response.content.decode()


# --- Spam and abuse --------------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_and_labelled_for_screen_readers(client, mentee_form):
    page = client.get(step_url(mentee_form, "contact", "en")).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true">' in page
    assert "Leave this field empty" in page
    assert 'tabindex="-1"' in page and 'autocomplete="off"' in page


def test_a_filled_honeypot_stops_the_page_with_a_clear_message(client, mentee_form):
    response = client.post(
        step_url(mentee_form, "contact", "en"),
        {**MENTEE_ANSWERS["contact"], "website": "http://spam.example"},
    )
    assert response.status_code == 200
    assert "A field that must stay empty was filled in" in response.content.decode()
    assert "tandem_applications" not in client.session


def test_too_many_applications_from_one_address_are_refused_with_a_clear_message(
    client, mentee_form, settings
):
    settings.APPLICATION_ADDRESS_RATE_LIMIT = 2
    for number in range(2):
        fill_pages(
            client,
            mentee_form,
            {**MENTEE_ANSWERS, "contact": {**MENTEE_ANSWERS["contact"], "email": f"p{number}@example.org"}},
        )
        send(client, mentee_form)
    fill_pages(
        client,
        mentee_form,
        {**MENTEE_ANSWERS, "contact": {**MENTEE_ANSWERS["contact"], "email": "p3@example.org"}},
        lang="en",
    )
    response, _token = send_without_redirect_check(client, mentee_form, "en")

    assert response.status_code == 429
    assert "Please wait an hour and send again. Your answers are kept." in response.content.decode()
    assert Application.objects.count() == 2
    assert "Amira" in response.content.decode()  # the summary, with the answers, is still there


def test_too_many_applications_for_one_email_are_refused(client, mentee_form, settings):
    settings.APPLICATION_RATE_LIMIT = 1
    fill_pages(client, mentee_form)
    send(client, mentee_form)
    other_browser = client.__class__(REMOTE_ADDR="10.0.0.9")
    fill_pages(other_browser, mentee_form)
    response, _token = send_without_redirect_check(other_browser, mentee_form)
    assert response.status_code == 429
    assert Application.objects.count() == 1


def send_without_redirect_check(client, form, lang="sv"):
    token = client.get(summary_url(form, lang)).context["token"]
    return client.post(summary_url(form, lang), {"token": token}), token


# --- Queries ---------------------------------------------------------------------------------------


def test_the_summary_takes_a_fixed_number_of_queries_however_many_questions(
    client, mentee_form, django_assert_num_queries
):
    for number in range(5):
        custom(mentee_form, "single_choice", f"Fråga {number}", choices=["Ja", "Nej"])
    fill_pages(client, mentee_form, {**MENTEE_ANSWERS, "custom": {}})
    # session, form + program + organisation, the form's extra languages, questions, their
    # translations; then the session saved with the one-time token (savepoint, update, release)
    with django_assert_num_queries(8):
        client.get(summary_url(mentee_form))


def test_a_page_of_the_form_takes_a_fixed_number_of_queries(client, mentee_form, django_assert_num_queries):
    client.get(step_url(mentee_form, "contact"))
    # (a new visitor has no session yet) form + program + organisation, the form's extra languages,
    # questions, their translations
    with django_assert_num_queries(4):
        client.get(step_url(mentee_form, "about"))


def test_behind_a_proxy_the_limit_counts_each_client_not_the_proxy(client, mentee_form, settings):
    """Issue 12, item 2: behind the README's proxy every applicant had the proxy's address."""
    settings.APPLICATION_ADDRESS_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(3):
        browser = client.__class__(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{number + 1}")
        contact = {**MENTEE_ANSWERS["contact"], "email": f"p{number}@example.org"}
        answers = {**MENTEE_ANSWERS, "contact": contact}
        fill_pages(browser, mentee_form, answers)
        response, _token = send_without_redirect_check(browser, mentee_form)
        assert response.status_code == 302

    assert Application.objects.count() == 3
