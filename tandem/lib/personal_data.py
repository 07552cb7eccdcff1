"""Rate counters: their keys hash any e-mail address (see tandem/lib/throttle.py)."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [Declaration("tandem_lib.RateCounter", not_personal=("key",))]
