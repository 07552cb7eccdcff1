from __future__ import annotations

from django import forms

from tandem.handbook.models import HandbookSection
from tandem.lib.forms import TandemFormMixin


class SectionForm(TandemFormMixin, forms.ModelForm):
    class Meta:
        model = HandbookSection
        fields = ["title", "body", "order", "language"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
