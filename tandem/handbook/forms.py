from __future__ import annotations

from django import forms

from tandem.handbook.models import HandbookSection
from tandem.lib.forms import TandemFormMixin


class SectionForm(TandemFormMixin, forms.ModelForm):
    class Meta:
        model = HandbookSection
        fields = ["title", "body", "order", "language"]
        # The section may be written in any of the handbook's languages: each field takes the direction of
        # what is typed into it (an Arabic section right to left), the labels stay in the page's.
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "body": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        }
