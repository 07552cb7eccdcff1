"""The personal data applications hold (see tandem/reference/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import BLANK, DELETE_FILE, KEEP, PLACEHOLDER, Declaration

APPLICATION = _("to choose participants, to match them and to contact them")

DECLARATIONS = [
    Declaration(
        "applications.Application",
        person=("",),
        purpose=APPLICATION,
        category=_("application: name, contact details, background, answers, CV"),
        personal={
            "first_name": PLACEHOLDER,
            "last_name": BLANK,
            "email": BLANK,
            "phone": BLANK,
            "current_employer": BLANK,
            "education": BLANK,
            "education_country": BLANK,
            "availability": BLANK,
            "about_me": BLANK,
            "skills": BLANK,
            "motivation": BLANK,
            "expectations": BLANK,
            "match_wishes": BLANK,
            "exclusions": BLANK,
            "cv": DELETE_FILE,
            "cv_original_name": BLANK,
            # The occupation in the applicant's own words, when the search found nothing: free text.
            "occupation_now_text": BLANK,
            "occupation_wanted_text": BLANK,
            # Coarse figures the program's statistics and reports count: kept.
            "birth_year": KEEP,
            "gender": KEEP,
            "employment_status": KEEP,
            "occupation_now": KEEP,
            "occupation_wanted": KEEP,
            "swedish_level": KEEP,
            "other_languages": KEEP,
            "municipality": KEEP,
            "meeting_format": KEEP,
            "mentor_gender_wish": KEEP,
        },
        not_personal=(
            "role",
            "reference",
            "channel",
            "language",
            "status",
            "submission_token",
            "withdraw_token",
            "requirement_flags",
        ),
    ),
    Declaration(
        "applications.Answer",
        person=("application",),
        purpose=APPLICATION,
        category=_("answers to the form's own questions"),
        personal={"value": BLANK},
        # The consent text the applicant ticked for a special-category answer: our words, not theirs.
        not_personal=("consent_text",),
    ),
    Declaration(
        "applications.StatusChange",
        person=("application",),
        purpose=_("to show who decided what about an application, and why"),
        category=_("decisions and their reasons"),
        personal={"reason": BLANK},
        not_personal=("from_status", "to_status", "reason_code", "by_applicant"),
    ),
    Declaration(
        "applications.ApplicationForm",
        not_personal=(
            "role",
            "slug",
            "intro",
            "intro_translations",
            "contact_email",
            "answer_by",
            "target_group_translations",
        ),
    ),
    # An offer of a place in the next cohort: it points at the waitlisted application, which holds the person.
    Declaration("applications.PlaceOffer", not_personal=("token",)),
    Declaration("applications.Question", not_personal=("builtin", "custom_type", "page", "special_category")),
    Declaration(
        "applications.QuestionTranslation", not_personal=("language", "label", "help_text", "choices")
    ),
    Declaration("applications.ConsentText", not_personal=("language", "text")),
]
