"""Applications (anmälan): a form per program and role, its questions in many languages, the consent
text, and each application with its answers and the history of its status."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.applications.builtins import Builtin, Page
from tandem.applications.storage import PrivateStorage
from tandem.applications.validators import (
    validate_language_code,
    validate_municipality_code,
    validate_ssyk_code,
)
from tandem.reference.choices import (
    EmploymentStatus,
    Gender,
    GenderWish,
    MeetingFormat,
    Role,
    SwedishLevel,
)
from tandem.requirements.evaluation import ApplicantFacts

# Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """A public reference number like "TDM-7KX3-9QPA": 31⁸ ≈ 8.5 × 10¹¹ possibilities."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"TDM-{chars[:4]}-{chars[4:]}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_slug() -> str:
    return secrets.token_hex(5)


class ApplicationForm(models.Model):
    """The public form for one role in one program: when it is open, how many it takes, who answers."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="application_forms"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    slug = models.SlugField(_("address"), max_length=40, unique=True, default=new_slug)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    cap = models.PositiveIntegerField(
        _("most applications"),
        null=True,
        blank=True,
        help_text=_("The form closes when this many have applied. Leave empty for no limit."),
    )
    intro = models.TextField(_("introduction (Swedish)"), blank=True)
    intro_translations = models.JSONField(default=dict, blank=True)
    # "Who can apply?" on the landing page in further languages; the Swedish source is the program's
    # target group for the role (set up in the program wizard).
    target_group_translations = models.JSONField(default=dict, blank=True)
    contact_email = models.EmailField(
        _("e-mail for questions"),
        blank=True,
        help_text=_("Applicants can write here to ask about the program."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    # When applicants hear back: said in the confirmation e-mail (`answer_date`).
    answer_by = models.DateField(
        _("applicants hear from us by"),
        null=True,
        blank=True,
        help_text=_("Said in the confirmation e-mail. Leave empty to count weeks from when the form closes."),
    )
    answer_weeks = models.PositiveSmallIntegerField(
        _("weeks after the form closes"),
        default=3,
        validators=[MaxValueValidator(26)],
        help_text=_(
            "Without a date above, applicants are told they hear from you this many weeks after closing."
        ),
    )
    # A class or a library applying together from one address: a higher limit until a time (audited).
    address_limit = models.PositiveIntegerField(null=True, blank=True)
    address_limit_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "role"], name="one_application_form_per_role"),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="application_form_closes_after_it_opens",
            ),
        ]
        ordering = ["program_id", "role"]
        verbose_name = _("application form")
        verbose_name_plural = _("application forms")

    def __str__(self) -> str:
        return f"{self.program} – {self.get_role_display()}"

    def answer_date(self) -> date | None:
        """The day applicants are told they will hear back: the date set, else the closing day plus the
        weeks set; None when the form has neither (the e-mail then names no date)."""
        if self.answer_by:
            return self.answer_by
        if self.closes_at:
            return timezone.localdate(self.closes_at) + timedelta(weeks=self.answer_weeks)
        return None

    def address_limit_at(self, now: datetime) -> int:
        """Applications an hour from one client address: the raised limit while it lasts, else the default
        (`APPLICATION_ADDRESS_RATE_LIMIT`, enough for a class applying together)."""
        default = settings.APPLICATION_ADDRESS_RATE_LIMIT
        if self.address_limit and self.address_limit_until and self.address_limit_until > now:
            return max(self.address_limit, default)
        return default

    def intro_in(self, language: str) -> tuple[str, str]:
        """The introduction in `language`, or in Swedish when it has no translation: (text, language)."""
        text = (self.intro_translations or {}).get(language, "")
        return (text, language) if text else (self.intro, "sv")

    def target_group_in(self, language: str) -> tuple[str, str]:
        """ "Who can apply?" in `language`, or the program's Swedish text for the role when it has no
        translation: (text, language). Needs `program`."""
        text = (self.target_group_translations or {}).get(language, "") if language != "sv" else ""
        if text:
            return text, language
        program = self.program
        return (program.mentee_target_group if self.role == "mentee" else program.mentor_target_group), "sv"


class SpecialCategory(models.TextChoices):
    """What a custom question may reveal that the GDPR (art. 9) counts as a special category of personal
    data. None of the built-in questions does (gender, languages and the country of one's education are
    not special categories); a coordinator who asks about such a thing marks the question, and then the
    form asks the applicant's explicit consent for that answer, and partner coordinators and viewers
    never see it (`tandem.policy.sees_special_categories`)."""

    NONE = "", _("No")
    UNION = "union", _("Trade union membership")
    HEALTH = "health", _("Health or disability")
    ORIGIN = "origin", _("Racial or ethnic origin")
    BELIEFS = "beliefs", _("Religious, political or philosophical beliefs")
    OTHER = "other", _("Another special category (sex life, sexual orientation, biometric data)")


class Question(models.Model):
    """A question on a form: a built-in one (filling a column of Application) or a custom one (an Answer)."""

    class CustomType(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE_CHOICE = "single_choice", _("One choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Several choices")
        SCALE = "scale", _("Scale")
        YES_NO = "yes_no", _("Yes or no")

    form = models.ForeignKey(ApplicationForm, on_delete=models.CASCADE, related_name="questions")
    builtin = models.CharField(_("built-in question"), max_length=32, choices=Builtin.choices, blank=True)
    custom_type = models.CharField(_("type of answer"), max_length=16, choices=CustomType.choices, blank=True)
    required = models.BooleanField(_("required"), default=False)
    page = models.CharField(_("page"), max_length=16, choices=Page.choices, default=Page.CUSTOM)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    scale_min = models.PositiveSmallIntegerField(default=1, validators=[MaxValueValidator(10)])
    scale_max = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    removed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set instead of deleting a custom question that has answers."
    )
    # The question of the previous cohort's form it was copied from: answers given there carry over when
    # a waitlisted applicant accepts a place in the new program (`offers.accept_offer`).
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    special_category = models.CharField(
        _("special category of personal data"),
        max_length=16,
        choices=SpecialCategory.choices,
        default=SpecialCategory.NONE,
        blank=True,
        help_text=_(
            "Mark a question whose answer may reveal union membership, health, origin or beliefs. The form "
            "then asks for explicit consent to that answer, the answer is never required, and partner "
            "coordinators and viewers never see it."
        ),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(builtin="") & ~Q(custom_type="")) | (~Q(builtin="") & Q(custom_type="")),
                name="question_is_builtin_or_custom",
            ),
            models.UniqueConstraint(
                fields=["form", "builtin"], condition=~Q(builtin=""), name="one_builtin_question_per_form"
            ),
        ]
        ordering = ["order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.builtin or f"{self.custom_type} #{self.pk}"

    @property
    def is_builtin(self) -> bool:
        return bool(self.builtin)

    @property
    def is_special(self) -> bool:
        return bool(self.special_category)

    @property
    def key(self) -> str:
        """The name of the question's form field: the built-in key, or q<id> for a custom question."""
        return self.builtin or f"q{self.pk}"


class QuestionTranslation(models.Model):
    """A question's wording in one language. Swedish ("sv") is the source every other language follows:
    choices are listed in the same order as the Swedish ones."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language code"), max_length=16, validators=[validate_language_code])
    label = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=1000, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "language"], name="one_translation_per_language"),
        ]
        ordering = ["language"]

    def __str__(self) -> str:
        return f"{self.language}: {self.label}"


class ConsentText(models.Model):
    """The consent an applicant agrees to, per language and version. Never changed once an application
    points at it: a change makes a new version (see `services.save_consent_texts`)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="consent_texts")
    form = models.ForeignKey(
        ApplicationForm, on_delete=models.CASCADE, null=True, blank=True, related_name="consent_texts"
    )
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language code"), max_length=16, validators=[validate_language_code])
    text = models.TextField(_("consent text"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["form", "version", "language"],
                condition=Q(form__isnull=False),
                name="one_consent_text_per_form_version_language",
            ),
            models.UniqueConstraint(
                fields=["program", "version", "language"],
                condition=Q(form__isnull=True),
                name="one_consent_text_per_program_version_language",
            ),
        ]
        ordering = ["-version", "language"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return f"v{self.version} {self.language}"


class Application(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_REVIEW = "under_review", _("Under review")
        INTERVIEW_BOOKED = "interview_booked", _("Interview booked")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        PAPER = "paper", _("Paper form")
        INTERVIEW = "interview", _("Interview")
        IMPORT = "import", _("Imported file")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="applications")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    form = models.ForeignKey(
        ApplicationForm, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    reference = models.CharField(_("reference number"), max_length=16, unique=True, default=new_reference)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=16, default="sv")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    withdraw_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    # Facts, as columns so that screening, matching and reports can query them.
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    employment_status = models.CharField(
        _("employment status"), max_length=16, choices=EmploymentStatus.choices, blank=True
    )
    current_employer = models.CharField(_("employer"), max_length=200, blank=True)
    occupation_now = models.CharField(
        _("occupation now (SSYK)"), max_length=4, blank=True, validators=[validate_ssyk_code]
    )
    occupation_wanted = models.CharField(
        _("occupation wanted (SSYK)"), max_length=4, blank=True, validators=[validate_ssyk_code]
    )
    # What the applicant wrote when the search did not find their occupation; the coordinator maps it to an
    # SSYK code (the field above) during screening (`services.map_occupation`).
    occupation_now_text = models.CharField(_("occupation now, in own words"), max_length=200, blank=True)
    occupation_wanted_text = models.CharField(
        _("occupation wanted, in own words"), max_length=200, blank=True
    )
    education = models.CharField(_("education"), max_length=300, blank=True)
    education_country = models.CharField(_("where the education was taken"), max_length=100, blank=True)
    swedish_level = models.CharField(
        _("Swedish level"), max_length=8, choices=SwedishLevel.choices, blank=True
    )
    other_languages = models.JSONField(
        _("other languages"),
        null=True,
        blank=True,
        help_text='[{"code": "ar", "level": "C2"}, …]; empty list: none; null: not asked.',
    )
    municipality = models.CharField(
        _("municipality"), max_length=4, blank=True, validators=[validate_municipality_code]
    )
    years_in_sweden = models.PositiveSmallIntegerField(
        _("years in Sweden"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    experience_years = models.PositiveSmallIntegerField(
        _("years of work experience"), null=True, blank=True, validators=[MaxValueValidator(70)]
    )
    meeting_format = models.CharField(
        _("meeting format"), max_length=16, choices=MeetingFormat.choices, blank=True
    )
    availability = models.TextField(_("availability"), blank=True)
    mentee_capacity = models.PositiveSmallIntegerField(
        _("mentees at the same time"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="A mentor's own answer; the coordinator may set another figure (pairs.MentorCapacity).",
    )
    about_me = models.TextField(_("about me"), blank=True)
    skills = models.TextField(_("skills"), blank=True)
    motivation = models.TextField(_("why I want to take part"), blank=True)
    expectations = models.TextField(_("what I want to get out of it"), blank=True)
    match_wishes = models.TextField(_("wishes about the match"), blank=True)
    mentor_gender_wish = models.CharField(
        _("wish about the mentor's gender"), max_length=8, choices=GenderWish.choices, blank=True
    )
    exclusions = models.TextField(_("people or employers to avoid"), blank=True)

    cv = models.FileField(_("CV"), storage=PrivateStorage(), upload_to="cv/", max_length=200, blank=True)
    cv_original_name = models.CharField(_("CV file name"), max_length=200, blank=True)

    consent = models.ForeignKey(
        ConsentText, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="possible_duplicates",
        help_text="An earlier application with the same e-mail address for the same program and role.",
    )

    # Screening against the requirement profile on arrival (null: no profile, or not evaluated yet).
    passes_requirements = models.BooleanField(null=True, blank=True)
    requirement_flags = models.JSONField(default=list, blank=True)
    requirement_score = models.PositiveSmallIntegerField(null=True, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["program", "role", "email"], name="application_duplicate_lookup"),
            models.Index(fields=["program", "status"], name="application_program_status"),
        ]
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.reference

    def allowed_statuses(self, *, by_applicant: bool = False) -> frozenset[str]:
        """The statuses this application may move to now (only withdrawal for the applicant)."""
        allowed = TRANSITIONS[self.status]
        if by_applicant:
            return allowed & {self.Status.WITHDRAWN}
        return allowed

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def entered_outside_form_dates(self) -> str:
        """Why staff entered it outside the public form's dates: "closed", "not_yet_open", or "" when
        they did not (see services.STAFF_CHANNELS)."""
        if self.entered_by_id is None:
            return ""
        if self.form.closes_at is not None and self.submitted_at >= self.form.closes_at:
            return "closed"
        if self.form.opens_at is not None and self.submitted_at < self.form.opens_at:
            return "not_yet_open"
        return ""

    def facts(self, answers: Mapping[int, Any] | None = None) -> ApplicantFacts:
        """What the requirement profile is checked against (empty answers are unknown). `answers`: the
        answers to custom questions by question id, as the caller loaded them (or the submission gave
        them, before they are stored)."""
        languages = None
        if self.other_languages is not None:
            languages = {item["code"]: item["level"] for item in self.other_languages if item.get("code")}
        return ApplicantFacts(
            role=self.role,
            employment_status=self.employment_status or None,
            swedish_level=self.swedish_level or None,
            languages=languages,
            occupation_now=self.occupation_now or None,
            occupation_wanted=self.occupation_wanted or None,
            occupation_now_unmapped=bool(self.occupation_now_text.strip()) and not self.occupation_now,
            occupation_wanted_unmapped=bool(self.occupation_wanted_text.strip())
            and not self.occupation_wanted,
            experience_years=self.experience_years,
            years_in_sweden=self.years_in_sweden,
            municipality_code=self.municipality or None,
            birth_year=self.birth_year,
            meeting_format=self.meeting_format or None,
            answers=dict(answers or {}),
        )


_S = Application.Status
TRANSITIONS: dict[str, frozenset[str]] = {
    _S.RECEIVED: frozenset(
        {_S.UNDER_REVIEW, _S.INTERVIEW_BOOKED, _S.ACCEPTED, _S.WAITLISTED, _S.REJECTED, _S.WITHDRAWN}
    ),
    _S.UNDER_REVIEW: frozenset({_S.INTERVIEW_BOOKED, _S.ACCEPTED, _S.WAITLISTED, _S.REJECTED, _S.WITHDRAWN}),
    _S.INTERVIEW_BOOKED: frozenset({_S.UNDER_REVIEW, _S.ACCEPTED, _S.WAITLISTED, _S.REJECTED, _S.WITHDRAWN}),
    _S.WAITLISTED: frozenset({_S.UNDER_REVIEW, _S.ACCEPTED, _S.REJECTED, _S.WITHDRAWN}),
    _S.ACCEPTED: frozenset({_S.WAITLISTED, _S.WITHDRAWN}),
    _S.REJECTED: frozenset({_S.UNDER_REVIEW}),
    _S.WITHDRAWN: frozenset(),
}


class Answer(models.Model):
    """The answer to a custom question. `value`: text for text questions, the Swedish label (or labels)
    for choices, a number for a scale, true/false for yes-or-no."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    # For a question of a special category: the consent text the applicant ticked, as it was shown.
    consent_text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer_per_question"),
        ]
        ordering = ["question__order", "question_id"]

    def __str__(self) -> str:
        return f"Answer #{self.pk}"


class StatusChange(models.Model):
    """One step in an application's history: who, when and why.

    Who is a staff member (`by`), or the applicant themselves (`by_applicant`: they sent the web form or
    withdrew). Neither is staff whose name is not kept: an account removed since, or a bulk decision
    whose starter's account was removed before the worker ran it. Never guessed from `by` being empty.

    Why is either what staff typed (`reason`, shown as typed) or, when Tandem itself moved the
    application, a `reason_code`, translated when shown (`shown_reason`)."""

    class Reason(models.TextChoices):
        WITHDRAWN_BY_APPLICANT = "withdrawn_by_applicant", _("Withdrawn by the applicant.")
        WAITLISTED_FOR_NEXT_PROGRAM = "waitlisted_for_next_program", _("Waitlisted for the next program.")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Application.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_applicant = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    reason_code = models.CharField(max_length=40, choices=Reason.choices, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"

    @property
    def shown_reason(self) -> str:
        """The reason in the reader's language: Tandem's own in the active language, staff's as typed."""
        if self.reason_code:
            return self.get_reason_code_display()
        return self.reason


class PlaceOffer(models.Model):
    """A waitlisted applicant of an earlier cohort, offered a place in the program copied from it. They are
    asked by e-mail and accept through the link with a fresh consent: never moved silently."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="place_offers")
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="place_offers")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    new_application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="accepted_offer"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "program"], name="one_place_offer_per_program"),
        ]

    def __str__(self) -> str:
        return f"Place offer #{self.pk}"
