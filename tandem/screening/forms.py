"""Forms of the screening pages: a status change (one or many), a note, a decision e-mail's wording."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.applications.models import Application
from tandem.applications.services import OCCUPATION_COLUMNS
from tandem.lib.forms import TandemForm
from tandem.reference.languages import typed_in
from tandem.screening.decisions import unknown_placeholders

Status = Application.Status
# What staff move applications to. Withdrawing is the applicant's (or a merge of duplicates).
STAFF_TARGETS = [
    Status.UNDER_REVIEW,
    Status.INTERVIEW_BOOKED,
    Status.ACCEPTED,
    Status.WAITLISTED,
    Status.REJECTED,
]

REASON_HELP = _("Why: saved in the application's history. The applicant does not see it.")
SEND_EMAIL_HELP = _("For interview booked, accepted, waitlisted and rejected, in the applicant's language.")


class StatusChangeForm(TandemForm):
    to = forms.ChoiceField(label=_("New status"), error_messages={"required": _("Choose the new status.")})
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
        error_messages={"required": _("Write why the status changes.")},
    )
    send_email = forms.BooleanField(
        label=_("Send the decision e-mail to the applicant"),
        required=False,
        initial=True,
        help_text=SEND_EMAIL_HELP,
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = application.allowed_statuses()
        self.fields["to"].choices = [("", "–"), *[(s.value, s.label) for s in STAFF_TARGETS if s in allowed]]


class BulkStatusForm(TandemForm):
    """The queue's bulk action: the ticked applications (`applications`, ids), or with scope "all" every
    application that matches the queue's filter (read again on the server, never sent as ids)."""

    TICKED, ALL = "ticked", "all"

    applications = forms.TypedMultipleChoiceField(label=_("Applications"), coerce=int, required=False)
    scope = forms.ChoiceField(
        label=_("Which applications"),
        choices=[(TICKED, _("The ticked applications")), (ALL, _("All that match the filter"))],
        required=False,
    )
    to = forms.ChoiceField(
        label=_("Move the ticked applications to"),
        choices=[("", "–"), *[(s.value, s.label) for s in STAFF_TARGETS]],
        error_messages={"required": _("Choose the new status.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=REASON_HELP,
        error_messages={"required": _("Write why the status changes.")},
    )
    send_email = forms.BooleanField(
        label=_("Send the decision e-mails"), required=False, initial=True, help_text=SEND_EMAIL_HELP
    )
    # "All that match the filter" may reach thousands of people: it asks once more before it starts.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any whole number is accepted here; the service keeps only the program's own applications.
        ids = self.data.getlist("applications") if hasattr(self.data, "getlist") else []
        self.fields["applications"].choices = [(value, value) for value in ids if str(value).isdigit()]

    def clean(self):
        cleaned = super().clean()
        cleaned["scope"] = cleaned.get("scope") or self.TICKED
        if (
            cleaned["scope"] == self.TICKED
            and not cleaned.get("applications")
            and "applications" not in self.errors
        ):
            self.add_error("applications", _("Tick at least one application in the list."))
        return cleaned


class OccupationMappingForm(TandemForm):
    """The SSYK unit group for an occupation the applicant wrote in their own words."""

    column = forms.ChoiceField(
        choices=[(column, column) for column in OCCUPATION_COLUMNS], widget=forms.HiddenInput
    )
    code = forms.CharField(
        label=_("SSYK occupation"),
        max_length=4,
        error_messages={"required": _("Choose the occupation that fits.")},
    )


class NoteForm(TandemForm):
    text = forms.CharField(
        label=_("New note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the program's staff see notes."),
        error_messages={"required": _("Write the note first.")},
    )


class DecisionTemplateForm(TandemForm):
    """A decision e-mail in one language: the subject and text fields are typed in that language (and its
    direction), their labels stay in the staff's."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("subject", "body"):
            self.fields[name].widget.attrs.update(typed_in(language))

    def _placeholders(self, name: str) -> str:
        text = self.cleaned_data[name]
        unknown = unknown_placeholders(text)
        if unknown:
            raise ValidationError(
                _("Unknown placeholder: %(names)s. Use only the ones listed beside the form."),
                params={"names": ", ".join("{" + name + "}" for name in unknown)},
            )
        return text

    def clean_subject(self) -> str:
        return " ".join(self._placeholders("subject").split())

    def clean_body(self) -> str:
        return self._placeholders("body")
