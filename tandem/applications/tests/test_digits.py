"""Arabic-Indic and Persian digits are accepted wherever a number, a year or a phone number is typed
(issue 13, item 11): on the public form (the staff entry pages: intake/tests/test_digits.py),
normalised to 0–9 before they are checked and stored."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.applications.models import Application
from tandem.applications.public_forms import PageForm, pages_for
from tandem.applications.tests.helpers import MENTEE_ANSWERS, fill_pages, send
from tandem.lib.forms import DigitsCharField, WholeNumberField, ascii_digits

DIGITS = {
    "ascii": "0123456789",
    "arabic": "٠١٢٣٤٥٦٧٨٩",
    "persian": "۰۱۲۳۴۵۶۷۸۹",
}
NUMERIC_FIELDS = {"phone", "birth_year", "experience_years", "years_in_sweden"}
EXAMPLES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def written(draw, text: str) -> str:
    """`text` with each digit in a script of its own: what a phone set to Arabic or Persian types."""
    return "".join(DIGITS[draw(st.sampled_from(list(DIGITS)))][int(c)] if c.isdigit() else c for c in text)


phones = st.from_regex(r"\A\+?0[0-9]{2}-?[0-9]{3} ?[0-9]{2} ?[0-9]{2}\Z")


def questions_of(form):
    return list(form.questions.filter(removed_at__isnull=True).prefetch_related("translations"))


def public_fields(form) -> dict[str, tuple[str, forms.Field]]:
    """Every field of the public form by name, with its page."""
    questions = questions_of(form)
    found = {}
    for page in pages_for(questions):
        for name, field in PageForm(page=page, questions=questions, language="ar").fields.items():
            found[name] = (page, field)
    return found


def numeric(fields) -> set[str]:
    return {name for name, field in fields.items() if isinstance(field, WholeNumberField | DigitsCharField)}


def test_ascii_digits_turns_arabic_and_persian_digits_into_0_to_9_and_keeps_the_rest():
    assert ascii_digits("٠٧٠١٢٣٤٥٦٧") == "0701234567"
    assert ascii_digits("۱۹۸۵") == "1985"
    assert ascii_digits("+٤٦ (٠) ٧٠-١٢٣") == "+46 (0) 70-123"
    assert ascii_digits("Amira ١") == "Amira 1"


def test_every_number_year_and_phone_field_takes_any_digits(mentee_form, mentor_form):
    """The fields are found by their type, so that a numeric field added later is covered too."""
    fields = {}
    for form in (mentee_form, mentor_form):
        fields.update({name: field for name, (_page, field) in public_fields(form).items()})
    assert numeric(fields) == NUMERIC_FIELDS
    for name in numeric(fields):
        widget = fields[name].widget
        assert widget.input_type != "number", name  # a browser empties a number box typed in ٠–٩
        if isinstance(fields[name], WholeNumberField):
            assert widget.attrs["inputmode"] == "numeric"


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_the_public_form_reads_numbers_in_any_digits(request, role):
    form = request.getfixturevalue(f"{role}_form")
    fields = public_fields(form)
    questions = questions_of(form)
    names = sorted(numeric({name: field for name, (_page, field) in fields.items()}))

    @EXAMPLES
    @given(data=st.data())
    def typed(data):
        name = data.draw(st.sampled_from(names))
        page, field = fields[name]
        expected, text = typed_value(data, field)
        bound = PageForm({name: text}, page=page, questions=questions, language="ar")
        bound.is_valid()
        assert name not in bound.errors, (name, text, bound.errors.get(name))
        assert bound.cleaned_data[name] == expected

    typed()


def typed_value(data, field: forms.Field):
    """(the value the field should clean to, the text typed) for a numeric field."""
    if isinstance(field, WholeNumberField):
        number = data.draw(st.integers(field.min_value, field.max_value))
        return number, data.draw(written(str(number)))
    phone = data.draw(phones)
    return phone, data.draw(written(phone))


def test_an_application_typed_in_arabic_digits_is_stored_in_0_to_9(client, mentee_form):
    this_year = timezone.localdate().year
    answers = {
        **MENTEE_ANSWERS,
        "contact": {**MENTEE_ANSWERS["contact"], "phone": "٠٧٠١٢٣٤٥٦٧", "birth_year": "١٩٨٥"},
        "languages_place": {**MENTEE_ANSWERS["languages_place"], "years_in_sweden": "۳"},
        "occupation": {**MENTEE_ANSWERS["occupation"], "experience_years": "١٢"},
    }
    fill_pages(client, mentee_form, answers, lang="ar")
    send(client, mentee_form, "ar")
    application = Application.objects.get()
    assert application.phone == "0701234567"
    assert application.birth_year == 1985 < this_year
    assert (application.years_in_sweden, application.experience_years) == (3, 12)
