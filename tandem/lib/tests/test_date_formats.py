"""One date format per kind in each language (tandem/formats): day first, month in words, and in Arabic
the Arabic comma between the date and the time."""

from __future__ import annotations

from datetime import datetime

from django.template import Context, Template
from django.utils import translation

WHEN = datetime(2027, 1, 7, 17, 0)


def shown(language: str, template: str) -> str:
    with translation.override(language):
        return Template(template).render(Context({"when": WHEN}))


def test_dates_read_alike_on_every_staff_page():
    assert shown("sv", "{{ when|date }}") == "7 januari 2027"
    assert shown("en", "{{ when|date }}") == "7 January 2027"
    assert shown("ar", "{{ when|date }}") == "7 يناير 2027"


def test_arabic_date_and_time_take_the_arabic_comma():
    page = shown("ar", '{{ when|date:"l" }} {{ when|date:"DATETIME_FORMAT" }}')
    assert page == "الخميس 7 يناير 2027، 17:00"
    assert "," not in page
    assert shown("en", '{{ when|date:"DATETIME_FORMAT" }}') == "7 January 2027, 17:00"


def test_lists_take_the_arabic_comma_in_arabic_and_the_latin_one_otherwise():
    context = {"items": ["Svenska", "<b>Arabiska</b>"], "when": WHEN}
    template = "{{ items|list_join }} | a{% list_separator %}b | {{ when|date_time }}"
    with translation.override("ar"):
        page = Template(template).render(Context(context))
    assert page == "Svenska، &lt;b&gt;Arabiska&lt;/b&gt; | a، b | 7 يناير 2027، 17:00"
    for language, day in (("sv", "7 januari 2027"), ("en", "7 January 2027")):
        with translation.override(language):
            page = Template(template).render(Context(context))
        assert page == f"Svenska, &lt;b&gt;Arabiska&lt;/b&gt; | a, b | {day}, 17:00"
    with translation.override("sv"):
        assert (
            Template('{{ when|date_time:"l j F Y" }}').render(Context(context))
            == "torsdag 7 januari 2027, 17:00"
        )
