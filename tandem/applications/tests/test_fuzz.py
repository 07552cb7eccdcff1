"""Whatever anyone posts into the public form, it never answers with a server error (5xx)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.applications.models import Question, QuestionTranslation
from tandem.applications.public_forms import PageForm, pages_for
from tandem.applications.tests.helpers import MENTEE_ANSWERS, step_url, summary_url

pytestmark = pytest.mark.slow  # property tests over many inputs: `make test` runs them

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text that can travel in a request: every Unicode plane, control characters, NUL, right-to-left
# marks, and now and then something very long.
texts = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300),
    st.sampled_from(
        ["", " ", "\x00", "\u202e", "' OR 1=1 --", "<script>x</script>", "9" * 5000, "-1", "1e309"]
    ),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "ü", "😀", "ع"]), st.integers(1000, 200_000)),
)
values = st.one_of(texts, st.lists(texts, max_size=4))


@pytest.fixture
def fuzz_form(mentee_form):
    """The mentee form with one custom question of every type."""
    for order, kind in enumerate(
        ["short_text", "long_text", "single_choice", "multiple_choice", "scale", "yes_no"]
    ):
        question = Question.objects.create(
            form=mentee_form, custom_type=kind, page="custom", order=900 + order
        )
        QuestionTranslation.objects.create(
            question=question, language="sv", label=kind, choices=["A", "B", "C"]
        )
    return mentee_form


def field_names(form, page: str) -> list[str]:
    questions = list(form.questions.filter(removed_at__isnull=True).prefetch_related("translations"))
    return [*PageForm(page=page, questions=questions, language="sv").fields, "search", "return", "token"]


def assert_no_server_error(response) -> None:
    assert response.status_code < 500, response.status_code


@pytest.mark.parametrize(
    "page", ["contact", "occupation", "languages_place", "about", "custom", "cv", "consent"]
)
def test_no_page_of_the_form_fails_on_any_input(fuzz_form, page):
    names = field_names(fuzz_form, page)
    assert page in pages_for(list(fuzz_form.questions.all()))

    @FUZZ
    @given(
        data=st.dictionaries(st.one_of(st.sampled_from(names), texts), values, max_size=len(names) + 2),
        lang=st.sampled_from(["sv", "en", "ar"]),
    )
    def post_anything(data, lang):
        client = Client()
        assert_no_server_error(client.post(step_url(fuzz_form, page, lang), data))
        assert_no_server_error(client.get(step_url(fuzz_form, page, lang)))

    post_anything()


def test_sending_and_searching_never_fail_on_any_input(fuzz_form):
    client = Client()
    for page, answers in MENTEE_ANSWERS.items():
        client.post(step_url(fuzz_form, page), answers)

    @FUZZ
    @given(token=texts, query=texts, field=st.sampled_from(["occupation_wanted", "occupation_now", "x"]))
    def anything(token, query, field):
        assert_no_server_error(client.post(summary_url(fuzz_form), {"token": token}))
        assert_no_server_error(client.get(summary_url(fuzz_form)))
        suggest = reverse("apply:occupations", kwargs={"slug": fuzz_form.slug, "lang": "ar"})
        assert_no_server_error(client.get(suggest, {"field": field, f"{field}_query": query}))
        assert_no_server_error(
            client.get(reverse("apply:landing", kwargs={"slug": fuzz_form.slug, "lang": "en"}), {"q": query})
        )
        assert_no_server_error(client.post(f"/apply/withdraw/{quote(token[:200], safe='')}/"))

    anything()


def test_answers_with_odd_characters_travel_all_the_way_to_the_summary(fuzz_form):
    """Valid pages, but names and texts drawn from all of Unicode: stored in the draft, then shown."""

    @FUZZ
    @given(
        name=st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=100),
        story=texts,
    )
    def odd_answers(name, story):
        client = Client()
        for page, answers in MENTEE_ANSWERS.items():
            answers = {**answers, "first_name": name} if page == "contact" else answers
            answers = {**answers, "about_me": story} if page == "about" else answers
            assert_no_server_error(client.post(step_url(fuzz_form, page), answers))
        assert_no_server_error(client.get(summary_url(fuzz_form)))

    odd_answers()
