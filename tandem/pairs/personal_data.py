"""The personal data pairs holds (see tandem/reference/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import BLANK, KEEP, Declaration

MATCHING = _("to match mentors with mentees and follow up the pairs")

DECLARATIONS = [
    Declaration(
        "pairs.Pair",
        person=("mentee", "mentor"),
        purpose=MATCHING,
        category=_("pairs, their answers and the reasons given"),
        personal={
            "mentee_decline_reason": BLANK,
            "mentor_decline_reason": BLANK,
            "dissolve_reason": BLANK,
            "reasons": KEEP,  # the scoring's codes (same occupation, both speak Arabic …): figures
        },
        not_personal=("status", "mentee_token", "mentor_token", "mentee_answer", "mentor_answer"),
    ),
    Declaration(
        "pairs.ProposedPair",
        person=("mentee", "mentor"),
        purpose=MATCHING,
        personal={"reasons": KEEP, "candidates": KEEP},
    ),
    Declaration(
        "pairs.UnmatchedMentee",
        person=("mentee",),
        purpose=MATCHING,
        personal={"reason": KEEP, "candidates": KEEP},
    ),
    Declaration("pairs.PairConstraint", not_personal=("kind",)),
    Declaration("pairs.MatchingSettings", not_personal=("preset", "weights")),
    Declaration("pairs.MatchingRun", not_personal=("status", "used_settings", "capacities", "error")),
]
