from django.apps import AppConfig


class MfaConfig(AppConfig):
    """Staff's second factor: an authenticator app (TOTP) and recovery codes, on django-otp."""

    name = "tandem.mfa"
    label = "mfa"
