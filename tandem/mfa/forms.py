from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.lib.forms import TandemForm, ascii_digits


class CodeForm(TandemForm):
    """A code from the authenticator app (six digits) or, where allowed, a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if recovery:
            self.fields["code"].label = _("Code from the app, or a recovery code")
            self.fields["code"].help_text = _(
                "Six digits from your authenticator app. Without your phone: one of your recovery codes "
                "(each works once)."
            )
        else:
            self.fields["code"].label = _("Code from the app")
            self.fields["code"].help_text = _("The six digits your authenticator app shows now.")
            self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self) -> str:
        return ascii_digits(self.cleaned_data["code"]).strip()
