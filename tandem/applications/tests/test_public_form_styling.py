"""Every input of the public form carries its Bootstrap class, on every page, in every state a page can be
drawn in: fresh, with errors, after an occupation search, with a CV already added, and the live
occupation suggestions. A field without its class looks broken on a phone (no full width, no focus ring)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.applications.builtins import SPECS
from tandem.applications.models import Question
from tandem.applications.public_forms import pages_for
from tandem.applications.tests.documents import PDF
from tandem.applications.tests.helpers import step_url, summary_url
from tandem.lib.forms import TandemForm, add_bootstrap_class, bootstrap_class

# What each kind of input needs; hidden inputs and buttons need nothing.
WANTED = {
    "text": "form-control",
    "email": "form-control",
    "number": "form-control",
    "tel": "form-control",
    "search": "form-control",
    "url": "form-control",
    "date": "form-control",
    "datetime-local": "form-control",
    "file": "form-control",
    "radio": "form-check-input",
    "checkbox": "form-check-input",
}
UNSTYLED = {"hidden", "submit", "button", "reset", "image"}


class Inputs(HTMLParser):
    """Collects every input, select and textarea as (tag, attributes)."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "select", "textarea"):
            self.found.append((tag, {name: value or "" for name, value in attrs}))


def unstyled(html: str) -> list[str]:
    """The inputs in `html` without their Bootstrap class, described for the failure message."""
    parser = Inputs()
    parser.feed(html)
    missing = []
    for tag, attrs in parser.found:
        kind = attrs.get("type", "text") if tag == "input" else tag
        if kind in UNSTYLED:
            continue
        wanted = {"select": "form-select", "textarea": "form-control"}.get(kind) or WANTED.get(kind)
        assert wanted, f"an input of an unexpected type: {tag} {attrs}"
        if wanted not in attrs.get("class", "").split():
            missing.append(f"<{tag} type={kind} name={attrs.get('name')} class={attrs.get('class')!r}>")
    return missing


def ask_everything(form) -> None:
    """Every built-in question the role may be asked, and a custom question of every type."""
    asked = set(form.questions.values_list("builtin", flat=True))
    for key, spec in SPECS.items():
        if key not in asked and spec.asked_of(form.role):
            Question.objects.create(form=form, builtin=key, page=spec.page, order=500)
    for order, kind in enumerate(Question.CustomType.values, start=600):
        question = Question.objects.create(form=form, custom_type=kind, page="custom", order=order)
        question.translations.create(language="sv", label=f"Fråga {kind}", choices=["Ett", "Två"])


@pytest.fixture(params=["mentee_form", "mentor_form"])
def full_form(request, db):
    form = request.getfixturevalue(request.param)
    ask_everything(form)
    return form


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_every_page_of_the_form_gives_every_input_its_class(client, full_form, lang):
    pages = pages_for(list(full_form.questions.all()))
    drawn = {}
    for page in pages:
        drawn[f"{page} (new)"] = client.get(step_url(full_form, page, lang))
        response = client.post(step_url(full_form, page, lang), {"website": ""})
        if response.status_code == 200:  # pages without a required question are saved as they are
            drawn[f"{page} (errors)"] = response
    occupation = "occupation_wanted" if full_form.role == "mentee" else "occupation_now"
    drawn["occupation (searched)"] = client.post(
        step_url(full_form, "occupation", lang),
        {f"{occupation}_query": "revisor", "search": occupation},
    )
    drawn["occupation (suggestions)"] = client.get(
        reverse("apply:occupations", kwargs={"slug": full_form.slug, "lang": lang}),
        {"field": occupation, f"{occupation}_query": "sjuksköterska"},
    )
    client.post(step_url(full_form, "cv", lang), {"cv": SimpleUploadedFile("cv.pdf", PDF)})
    drawn["cv (with a file)"] = client.get(step_url(full_form, "cv", lang))
    drawn["landing"] = client.get(reverse("apply:landing", kwargs={"slug": full_form.slug, "lang": lang}))
    drawn["summary"] = client.get(summary_url(full_form, lang), follow=True)

    assert "contact (errors)" in drawn and "is-invalid" in drawn["contact (errors)"].content.decode()
    assert 'name="remove_cv"' in drawn["cv (with a file)"].content.decode()
    assert 'type="radio" name="' + occupation in drawn["occupation (searched)"].content.decode()
    problems = {}
    for name, response in drawn.items():
        assert response.status_code == 200, name
        if missing := unstyled(response.content.decode()):
            problems[name] = missing
    assert not problems


def test_the_helper_styles_each_kind_of_widget_once():
    from django import forms

    assert bootstrap_class(forms.TextInput()) == "form-control"
    assert bootstrap_class(forms.DateTimeInput()) == "form-control"
    assert bootstrap_class(forms.FileInput()) == "form-control"
    assert bootstrap_class(forms.Textarea()) == "form-control"
    assert bootstrap_class(forms.Select()) == "form-select"
    assert bootstrap_class(forms.CheckboxInput()) == "form-check-input"
    assert bootstrap_class(forms.HiddenInput()) == ""
    assert bootstrap_class(forms.RadioSelect()) == ""  # Django's own drawing of radios has no .form-check
    assert bootstrap_class(forms.RadioSelect(), choices=True) == "form-check-input"

    widget = forms.RadioSelect(attrs={"class": "scale"})
    add_bootstrap_class(widget, choices=True)
    add_bootstrap_class(widget, choices=True)
    assert widget.attrs["class"] == "scale form-check-input"


def test_a_field_added_after_the_form_is_made_is_styled_too():
    from django import forms

    form = TandemForm()
    form.add_field("later", forms.IntegerField(label="Later"))
    assert 'class="form-control"' in str(form["later"])
