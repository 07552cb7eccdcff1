from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.accounts import emails
from tandem.accounts.models import Invitation, Membership, Organisation, User
from tandem.lib.forms import DateInput, TandemForm, TandemFormMixin, TandemModelForm


class LoginForm(TandemFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        # The same words whether or not the address has an account.
        "invalid_login": _("The e-mail address or the password is wrong. Check both and try again."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class PasswordResetForm(TandemFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs) -> None:
        """Our own e-mail, in the language the person saved, instead of Django's templates."""
        emails.send_password_reset(context["user"], uid=context["uid"], token=context["token"])


class SetPasswordForm(TandemFormMixin, auth_forms.SetPasswordForm):
    pass


class InvitationForm(TandemForm):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    is_admin = forms.BooleanField(
        label=_("Organisation admin (manages colleagues and sees every program)"), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The e-mail and the first page are shown in this language."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["language"].initial = get_language()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(organisation=self.organisation, user__email__iexact=email).exists():
            raise ValidationError(_("This person is already a member of the organisation."), code="member")
        if Invitation.objects.open().filter(organisation=self.organisation, email__iexact=email).exists():
            raise ValidationError(
                _("An invitation to this address is already open. You can resend it from the list below."),
                code="invited",
            )
        return email


class NewAccountForm(auth_forms.SetPasswordMixin, TandemForm):
    """A new person's name and password, when they accept an invitation."""

    full_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1=_("Choose a password"), label2=_("The same password again")
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_full_name(self) -> str:
        full_name = self.cleaned_data["full_name"].strip()
        if not full_name:
            raise ValidationError(_("Write your name."), code="required")
        return full_name

    def clean(self):
        self.validate_passwords()
        # Checked against the account-to-be, so that a password like the name or address is refused.
        person = User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))
        self.validate_password_for_user(person)
        return super().clean()


class ProfileForm(TandemForm):
    full_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Tandem uses this language when you log in, and for e-mails to you."),
    )


class OrganisationSettingsForm(TandemModelForm):
    """What the organisation admin sets for the whole organisation: the sender of its e-mails and the
    contact of its accessibility statement."""

    class Meta:
        model = Organisation
        fields = [
            "email_sender_name",
            "reply_to_email",
            "accessibility_email",
            "accessibility_phone",
            "accessibility_reviewed_on",
        ]
        widgets = {"accessibility_reviewed_on": DateInput()}
