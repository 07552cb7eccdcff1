"""The personal data gatherings holds (see tandem/reference/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import BLANK, PLACEHOLDER, Declaration

DECLARATIONS = [
    Declaration(
        "gatherings.Invitation",
        by_email="email",
        program_path="gathering__program",
        purpose=_("to invite people to common meetings and count who came"),
        category=_("invitations to common meetings, answers and attendance"),
        personal={"name": PLACEHOLDER, "email": BLANK, "note": BLANK},
        not_personal=("language", "role", "token", "answer"),
    ),
    Declaration(
        "gatherings.Gathering",
        not_personal=(
            "kind",
            "title",
            "place",
            "video_link",
            "agenda",
            "audience",
            "languages",
            "state",
            "uid",
        ),
    ),
]
