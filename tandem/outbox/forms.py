from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.lib.forms import TandemForm
from tandem.outbox.models import OutboxMessage


class OutboxFilterForm(TandemForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *OutboxMessage.Status.choices]
    )
