"""mfa's one model holds no personal data (see tandem/reference/personal_data.py). Added on the gdpr branch
ahead of the merge with the mfa branch, so that the registry's test passes once both are in main."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [Declaration("mfa.Exemption", not_personal=("reason",))]
