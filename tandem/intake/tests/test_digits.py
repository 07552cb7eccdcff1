"""Arabic-Indic and Persian digits are accepted on the staff entry pages too (issue 13, item 11): staff
type in what a paper form or an applicant on the phone says, in the digits it was written in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.applications.tests.test_digits import EXAMPLES, NUMERIC_FIELDS, numeric, questions_of, typed_value
from tandem.intake.forms import InterviewEntryForm, PaperEntryForm


@pytest.mark.parametrize("entry", [PaperEntryForm, InterviewEntryForm])
def test_the_staff_entry_pages_read_numbers_in_any_digits(mentee_form, entry):
    made = entry.for_questions(questions_of(mentee_form), "sv")
    fields = made().fields
    assert numeric(fields) == NUMERIC_FIELDS

    @EXAMPLES
    @given(data=st.data())
    def typed(data):
        name = data.draw(st.sampled_from(sorted(NUMERIC_FIELDS)))
        expected, text = typed_value(data, fields[name])
        bound = made({name: text})
        bound.is_valid()
        assert name not in bound.errors, (name, text, bound.errors.get(name))
        assert bound.cleaned_data[name] == expected

    typed()
