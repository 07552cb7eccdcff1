"""Form helpers shared by every app: Bootstrap classes and errors tied to their fields."""

from __future__ import annotations

from django import forms
from django.forms.widgets import Input

_CHOICE_GROUPS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def bootstrap_class(widget: forms.Widget, *, choices: bool = False) -> str:
    """The Bootstrap class of a widget's input: form-check-input for a check box, form-select for a
    select, form-control for every other visible input and a textarea. Radio buttons and groups of
    check boxes get form-check-input only with `choices` (for templates that draw each choice in its
    own .form-check; Django's default drawing of them does not)."""
    if isinstance(widget, _CHOICE_GROUPS):
        return "form-check-input" if choices else ""
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    if isinstance(widget, forms.HiddenInput):
        return ""
    if isinstance(widget, Input | forms.Textarea):  # text, e-mail, number, date, file, search, …
        return "form-control"
    return ""


def add_bootstrap_class(widget: forms.Widget, *, choices: bool = False) -> None:
    """Give the widget its Bootstrap class (once), keeping any class it has."""
    css = bootstrap_class(widget, choices=choices)
    classes = widget.attrs.get("class", "").split()
    if css and css not in classes:
        widget.attrs["class"] = " ".join([*classes, css])


# Arabic-Indic (٠–٩) and Eastern Arabic-Indic or Persian (۰–۹) digits, as phones set to Arabic, Persian or
# Dari type them.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def ascii_digits(text: str) -> str:
    """The text with Arabic-Indic and Persian digits written as 0–9; every other character kept."""
    return text.translate(_DIGITS)


class WholeNumberField(forms.IntegerField):
    """A whole number (a year, a number of years) typed in any of the digits people use: normalised to
    0–9 before it is checked. A text box with a numeric keyboard, not a number box: browsers empty a
    number box typed in digits they do not know, and the applicant never learns why."""

    widget = forms.TextInput

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        return {**super().widget_attrs(widget), "inputmode": "numeric"}

    def to_python(self, value):
        return super().to_python(ascii_digits(value) if isinstance(value, str) else value)


class DigitsCharField(forms.CharField):
    """Text made of digits and a few signs, such as a phone number: normalised to 0–9 before it is
    checked, so that ٠٧٠١٢٣٤٥٦٧ is the same number as 0701234567."""

    def to_python(self, value):
        return ascii_digits(super().to_python(value))


class TandemFormMixin:
    """Adds Bootstrap classes, and after validation points each invalid field at its error text.

    Every field present when the form is made gets its class; a field added later gets it through
    `add_field`. Set `style_choices` on forms whose templates draw radio buttons and check box groups
    choice by choice (`.form-check`), so that those get form-check-input too.

    `includes/field.html` renders the error with the id `<field id>_error`; screen readers read it
    with the field through aria-describedby, and aria-invalid marks the field.
    """

    style_choices = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            add_bootstrap_class(field.widget, choices=self.style_choices)

    def add_field(self, name: str, field: forms.Field) -> forms.Field:
        """Add a field after the form is made, styled like the others."""
        self.fields[name] = field
        add_bootstrap_class(field.widget, choices=self.style_choices)
        return field

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            widget = self.fields[name].widget
            described = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(described)
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class TandemForm(TandemFormMixin, forms.Form):
    pass


class TandemModelForm(TandemFormMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
