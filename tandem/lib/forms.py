"""Form helpers shared by every app: Bootstrap classes and errors tied to their fields."""

from __future__ import annotations

from django import forms

_TEXT_INPUTS = (
    forms.TextInput,
    forms.EmailInput,
    forms.NumberInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.DateInput,
    forms.Textarea,
)


class TandemFormMixin:
    """Adds Bootstrap classes, and after validation points each invalid field at its error text.

    `includes/field.html` renders the error with the id `<field id>_error`; screen readers read it
    with the field through aria-describedby, and aria-invalid marks the field.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
                widget, forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                css = "form-select"
            elif isinstance(widget, _TEXT_INPUTS):
                css = "form-control"
            else:
                css = ""
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

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
