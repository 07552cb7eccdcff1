from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The life cycle of personal data: the registry, retention, access, erasure, withdrawal, the record."""

    name = "tandem.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from tandem.applications.consent import add_to_consent
        from tandem.outbox.emails import add_footer
        from tandem.privacy import registry
        from tandem.privacy.consent import consent_addition
        from tandem.privacy.withdrawal import forget_footer

        registry.load()
        add_to_consent(consent_addition)  # the consent text says how long the data is kept
        add_footer(forget_footer)  # every e-mail to an applicant or participant links to "forget me"
