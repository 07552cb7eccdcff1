"""The wording of decision e-mails: our defaults, a program's own edits, and filling in the placeholders.

A coordinator edits the subject and text per decision and language (`DecisionTemplate`). Placeholders
are names in braces, e.g. ``{first_name}``; only those in `PLACEHOLDERS` exist, and nothing else in
braces is read (no attribute access, no format specs), so a template cannot reach into our objects.

Which wording an applicant gets (`DecisionTexts.pick`): the program's own in the applicant's language,
else our default in that language, else the program's own in Swedish, else our default in Swedish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tandem.applications.models import Application
from tandem.programs.models import Program
from tandem.screening.defaults import DEFAULTS
from tandem.screening.models import DecisionKind, DecisionTemplate

PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
PLACEHOLDERS = {
    "first_name": _("the applicant's first name"),
    "last_name": _("the applicant's last name"),
    "program": _("the program's name"),
    "organisation": _("your organisation's name"),
    "reference": _("the application's reference number"),
    "contact_email": _("the e-mail address for questions"),
}
FALLBACK_LANGUAGE = "sv"


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str
    language: str
    edited: bool


def unknown_placeholders(text: str) -> list[str]:
    """Names in braces that are no placeholder of ours, for an error next to the field."""
    return sorted({name for name in PLACEHOLDER_RE.findall(text) if name not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with every known placeholder replaced; anything else is left as it is."""
    return PLACEHOLDER_RE.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def default_wording(kind: str, language: str) -> Wording | None:
    texts = DEFAULTS.get(kind, {}).get(language)
    if texts is None:
        return None
    return Wording(subject=texts[0], body=texts[1], language=language, edited=False)


def _wording(template: DecisionTemplate) -> Wording:
    return Wording(template.subject, template.body, template.language, edited=True)


class DecisionTexts:
    """The wordings of one decision for one program, loaded with one query and picked per applicant."""

    def __init__(self, program: Program, kind: str):
        self.kind = kind
        self.edited = {t.language: t for t in DecisionTemplate.objects.filter(program=program, kind=kind)}

    def wording(self, language: str) -> Wording | None:
        """The wording in exactly this language (edited or default), or None when there is none."""
        if language in self.edited:
            return _wording(self.edited[language])
        return default_wording(self.kind, language)

    def pick(self, language: str) -> Wording:
        found = self.wording(language) or self.wording(FALLBACK_LANGUAGE)
        assert found is not None, f"No Swedish default for {self.kind}"
        return found


def contact_email(application: Application) -> str:
    """Where the applicant can write with questions: the form's address, else our sender address."""
    form = application.form
    if form is not None and form.contact_email:
        return form.contact_email
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def values_for(application: Application) -> dict[str, str]:
    program = application.program
    return {
        "first_name": application.first_name,
        "last_name": application.last_name,
        "program": program.name,
        "organisation": program.organisation.name,
        "reference": application.reference,
        "contact_email": contact_email(application),
    }


def sample_values(program: Program) -> dict[str, str]:
    """Made-up applicant details for the editor's preview."""
    return {
        "first_name": "Amira",
        "last_name": "Haddad",
        "program": program.name,
        "organisation": program.organisation.name,
        "reference": "TDM-7KX3-9QPA",
        "contact_email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    }


KINDS = list(DecisionKind)
