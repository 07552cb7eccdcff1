"""Right to left: left-to-right islands in Arabic text, and an Arabic catalogue without reversed strings."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from tandem.lib.templatetags.tandem_format import LRI, PDI, isolate_ltr_text

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "ar" / "LC_MESSAGES" / "django.po"

# Arabic presentation forms (pre-shaped letters, as text copied out of a PDF or reversed by a tool).
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
# A placeholder written backwards: "s)name(%" or "}} name {{".
REVERSED_PLACEHOLDER = re.compile(r"s\)\w+\(%|\}\}[^{}]*\{\{")
ARABIC = re.compile("[\u0600-\u06ff]")


def _msgstrs(text: str) -> list[str]:
    found, current = [], None
    for line in text.splitlines():
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1]]
            found.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            current = None
    return ["".join(part.strip()[1:-1] for part in parts) for parts in found]


def test_the_arabic_catalogue_holds_no_reversed_strings():
    strings = [s for s in _msgstrs(CATALOGUE.read_text(encoding="utf-8")) if ARABIC.search(s)]
    assert len(strings) > 300
    assert [s for s in strings if PRESENTATION_FORMS.search(s)] == []
    assert [s for s in strings if REVERSED_PLACEHOLDER.search(s)] == []
    # Reversed text starts with the sentence's last punctuation: ".انتهى" instead of "انتهى."
    assert [s for s in strings if re.match(r"^[.،؟!:]\s*[\u0600-\u06ff]", s)] == []


def test_the_scan_would_catch_a_reversed_string():
    assert PRESENTATION_FORMS.search("ﻣﺮﺣﺒﺎ")  # "مرحبا" pre-shaped
    assert REVERSED_PLACEHOLDER.search("s)name(% ىلإ بتكا")
    assert _msgstrs('msgstr ""\n"a"\n"b"\n') == ["ab"]


def test_plain_text_isolates_only_in_right_to_left_languages():
    with translation.override("ar"):
        assert isolate_ltr_text("070-123 45 67") == f"{LRI}070-123 45 67{PDI}"
        assert isolate_ltr_text("") == ""
    with translation.override("sv"):
        assert isolate_ltr_text("070-123 45 67") == "070-123 45 67"


def test_a_bare_link_in_plain_text_gets_no_marks_that_a_mail_program_would_take_into_the_link():
    """The walkthrough: "⁦http://…/apply/withdraw/4CX3…/⁩" — with the closing mark in the link, 404."""
    with translation.override("ar"):
        link = "https://tandem.example.org/apply/withdraw/4CX3abc/"
        assert isolate_ltr_text(link) == link
        assert isolate_ltr_text("mailto:karin@framat.example") == "mailto:karin@framat.example"
        assert isolate_ltr_text("karin@framat.example") == f"{LRI}karin@framat.example{PDI}"


def test_the_page_filter_makes_an_escaped_left_to_right_island():
    html = Template("{{ value|ltr }}").render(Context({"value": "a&b@example.org"}))
    assert html == '<bdi dir="ltr">a&amp;b@example.org</bdi>'


def test_long_links_wrap_inside_the_screen():
    css = (CATALOGUE.parents[3] / "static" / "tandem.css").read_text(encoding="utf-8")
    assert re.search(r'a, bdi\[dir="ltr"\] \{ overflow-wrap: anywhere; \}', css)


def test_names_and_addresses_of_unknown_language_take_their_own_direction():
    from tandem.lib.templatetags.tandem_format import FSI, isolate_auto_text

    html = Template("{{ value|auto }}").render(Context({"value": "Storgatan 5 <b>"}))
    assert html == "<bdi>Storgatan 5 &lt;b&gt;</bdi>"
    with translation.override("ar"):
        assert isolate_auto_text("Storgatan 5") == f"{FSI}Storgatan 5{PDI}"
    with translation.override("sv"):
        assert isolate_auto_text("Storgatan 5") == "Storgatan 5"
