"""The personal data follow-up holds (see tandem/reference/personal_data.py).

A person's invitation (name, address) is blanked like the rest of their data, and so are their free-text
answers; the numbers and choices they gave stay, tied to nobody, so that a round's figures and the
comparison of cohorts do not change when people are forgotten.
"""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import BLANK, Declaration

FOLLOW_UP = _("to follow up and evaluate the program (surveys)")
PERSON = ("application",)

DECLARATIONS = [
    Declaration("followup.Survey", not_personal=("kind", "audience", "title", "template")),
    Declaration("followup.Question", not_personal=("key", "kind", "shown_to")),
    Declaration("followup.QuestionTranslation", not_personal=("language", "label", "help_text", "choices")),
    Declaration(
        "followup.Round",
        not_personal=("step", "opens_on", "closes_on", "reminder_days", "on_site", "short_code"),
    ),
    Declaration("followup.FollowUpSettings", not_personal=("effect_months", "reminder_days")),
    Declaration("followup.GoalMeasure", not_personal=("measure",)),
    Declaration(
        "followup.Invitation",
        person=PERSON,
        purpose=FOLLOW_UP,
        category=_("survey invitations: name, e-mail address"),
        personal={"name": BLANK, "email": BLANK},
        not_personal=("role", "language", "secret_salt", "token_hash", "code_hash"),
    ),
    Declaration("followup.Response", not_personal=("role", "channel", "language")),
    Declaration(
        "followup.Answer",
        person=("response__invitation__application",),
        purpose=FOLLOW_UP,
        category=_("survey answers"),
        personal={"value": BLANK},
        not_personal=("row",),
        anonymise_where={"question__kind__in": ["short_text", "long_text"]},
    ),
    Declaration(
        "followup.LaterContact",
        person=PERSON,
        purpose=FOLLOW_UP,
        category=_("consent to be asked again later"),
        personal={"text": BLANK},
        not_personal=("language", "source"),
    ),
]
