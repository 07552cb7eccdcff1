"""Follow-up and evaluation: the data model.

- `Survey`: a questionnaire of one program for one audience (mentees or mentors), of one evaluation kind
  (start-up, mid-term, goal, effect). Copied from a ready template (`templates_data.py`) and edited by the
  coordinators.
- `SurveyVersion`: the questions as they stand. A version is *frozen* once the first answer arrives:
  editing the survey after that makes a new version (a copy) and edits the copy, so every `Response`
  keeps the exact questions it answered. `revision` grows with each edit of an unfrozen version, so a
  page rendered before an edit is recognised when it is sent.
- `Question` + `QuestionTranslation`: a question of a version, its kind (Likert 1–5 with labels, 0–10,
  one or several choices, yes/no, short or long text, a goal question, a consent question), required or
  not, shown to mentees, mentors or both; its wording per language as the application forms keep it
  (Swedish is the source; `choices` in the order of the Swedish ones). `key` names the same question
  across versions, copies and cohorts (for comparisons). A goal question expands when shown: one row per
  program goal (`programs.Goal`) and, for mentees, one per personal goal of their pair.
- `Round`: one evaluation sent out: its surveys (for mentees and for mentors), opening day, reminder
  days after opening (e.g. [4, 9]), closing day, and how the on-site link identifies people. Planned
  from the program's dates when the program starts (`planning.py`); opened, reminded and closed by the
  worker (`tasks.py`).
- `Invitation`: one person asked in one round. The personal link's token and the short code typed on
  site are stored only as hashes; both are derived from `secret_salt` with the SECRET_KEY (so a
  reminder can repeat the link, and a copy of the database alone holds no working link).
- `Response`: one person's (or one anonymous on-site visitor's) answers to one version, by channel
  (e-mail, on site, phone, paper), with who entered it for staff channels; partial until sent, complete
  once `completed_at` is set. At most one response per invitation (a unique constraint), so a replayed
  POST can never make a second.
- `Answer`: one answer to one question (and, for goal questions, one goal row: `row` = "g<id>" for a
  program goal, "p<id>" for a personal goal). `value` is JSON: an integer for scales, a list of choice
  indexes for multiple choice, one index for one choice, true/false, or text.
- `LaterContact`: whether a person agreed to be asked again after the program (effect evaluation),
  with the text they agreed to and where it was asked (the goal evaluation's consent question, or the
  application form's optional question that `ApplicationConsentQuestion` marks).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.reference.choices import Role

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 5000
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L


def default_effect_months() -> list[int]:
    return [6, 12]


def default_reminder_days() -> list[int]:
    return [4, 9]


def new_salt() -> str:
    return secrets.token_urlsafe(12)


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.strip().encode()).hexdigest()


def normal_code(value: str) -> str:
    """A typed code as stored: upper case, without spaces; the dash put back after four characters."""
    chars = "".join(c for c in value.upper() if c.isalnum())
    return f"{chars[:4]}-{chars[4:]}" if len(chars) == 8 else chars


def _mac(purpose: str, salt: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), f"followup:{purpose}:{salt}".encode(), "sha256").digest()


class Kind(models.TextChoices):
    STARTUP = "startup", _("Start-up survey")
    MIDTERM = "midterm", _("Mid-term evaluation")
    GOAL = "goal", _("Goal evaluation")
    EFFECT = "effect", _("Effect evaluation")


class Survey(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("evaluation"), max_length=16, choices=Kind.choices)
    audience = models.CharField(_("for"), max_length=16, choices=Role.choices)
    title = models.CharField(_("title"), max_length=200)
    template = models.CharField(max_length=40, blank=True)  # the ready template it was copied from
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["program_id", "kind", "audience", "id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def current_version(self) -> SurveyVersion:
        version = self.versions.order_by("-number").first()
        assert version is not None
        return version


class SurveyVersion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(default=1)
    revision = models.PositiveIntegerField(default=1)  # grows with each edit while not frozen
    created_at = models.DateTimeField(default=timezone.now)
    frozen_at = models.DateTimeField(null=True, blank=True)  # the first answer arrived

    class Meta:
        ordering = ["survey_id", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="one_survey_version_number")]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Agree or disagree (1–5)")
    SCALE10 = "scale10", _("Scale 0–10")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    YES_NO = "yes_no", _("Yes or no")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    GOALS = "goals", _("Goals (one row per goal)")
    CONSENT = "consent", _("May we ask again later? (consent)")


class Shown(models.TextChoices):
    BOTH = "both", _("Mentees and mentors")
    MENTEE = "mentee", _("Mentees only")
    MENTOR = "mentor", _("Mentors only")


class Question(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(max_length=40)  # the same question across versions, copies and cohorts
    kind = models.CharField(_("type of answer"), max_length=16, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=False)
    shown_to = models.CharField(_("shown to"), max_length=8, choices=Shown.choices, default=Shown.BOTH)
    new_page = models.BooleanField(_("starts a new page"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_question_key_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    def shown_for(self, role: str) -> bool:
        return self.shown_to == Shown.BOTH or self.shown_to == role


class QuestionTranslation(models.Model):
    """A question's wording in one language (Swedish is the source). For Likert questions `choices` are
    the five labels from 1 to 5; for choice questions the choices in the order of the Swedish ones."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language code"), max_length=16)
    label = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=1000, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="one_survey_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.label}"


class OnSite(models.TextChoices):
    OFF = "off", _("No on-site link")
    IDENTIFIED = "identified", _("Identified: people pick their name or type their code")
    ANONYMOUS = "anonymous", _("Anonymous")


class Round(models.Model):
    class Step(models.TextChoices):
        STARTUP = "startup", _("Start-up survey")
        MIDTERM = "midterm", _("Mid-term evaluation")
        GOAL = "goal", _("Goal evaluation")
        EFFECT_6 = "effect6", _("Effect evaluation, 6 months after")
        EFFECT_12 = "effect12", _("Effect evaluation, 12 months after")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="followup_rounds")
    step = models.CharField(_("round"), max_length=16, choices=Step.choices)
    mentee_survey = models.ForeignKey(
        Survey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("survey for mentees"),
    )
    mentor_survey = models.ForeignKey(
        Survey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("survey for mentors"),
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    reminder_days = models.JSONField(_("reminders (days after opening)"), default=list, blank=True)
    on_site = models.CharField(
        _("on-site link"), max_length=16, choices=OnSite.choices, default=OnSite.IDENTIFIED
    )
    short_code = models.CharField(max_length=12, unique=True)  # the on-site link: /f/<short_code>/
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["opens_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "step"], name="one_round_per_step"),
            models.CheckConstraint(
                condition=Q(closes_on__gt=models.F("opens_on")), name="round_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_step_display())

    @property
    def last_day(self) -> date:
        """The last day the round is open (it closes at the start of `closes_on`)."""
        return self.closes_on - timedelta(days=1)

    @property
    def needs_consent(self) -> bool:
        return self.step in (self.Step.EFFECT_6, self.Step.EFFECT_12)

    def is_open(self, now) -> bool:
        return (
            self.opened_at is not None and self.closed_at is None and timezone.localdate(now) < self.closes_on
        )

    def state(self, now) -> str:
        if self.closed_at is not None or timezone.localdate(now) >= self.closes_on:
            return "closed"
        return "open" if self.opened_at is not None else "planned"

    def survey_for(self, role: str) -> Survey | None:
        return self.mentee_survey if role == Role.MENTEE else self.mentor_survey


class Channel(models.TextChoices):
    EMAIL = "email", pgettext_lazy("channel", "E-mail link")
    ON_SITE = "on_site", pgettext_lazy("channel", "On site")
    PHONE = "phone", pgettext_lazy("channel", "Phone")
    PAPER = "paper", pgettext_lazy("channel", "Paper")


class Invitation(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="followup_invitations"
    )
    mentorship = models.ForeignKey(
        "mentoring.Mentorship", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(max_length=16, default="sv")
    secret_salt = models.CharField(max_length=32, default=new_salt, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application"], name="one_followup_invitation_per_person"
            ),
            models.UniqueConstraint(fields=["round", "code_hash"], name="one_followup_code_per_round"),
        ]

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"

    @property
    def token(self) -> str:
        """The personal link's key, recomputed from the salt with the SECRET_KEY."""
        return _token(self.secret_salt)

    @property
    def code(self) -> str:
        """The short code printed in the invitation, typed on site: 4 + 4 letters and digits."""
        return _code(self.secret_salt)

    def set_secrets(self) -> None:
        self.secret_salt = new_salt()
        self.token_hash = hash_secret(self.token)
        self.code_hash = hash_secret(normal_code(self.code))


def _token(salt: str) -> str:
    import base64

    return base64.urlsafe_b64encode(_mac("token", salt)).decode().rstrip("=")[:32]


def _code(salt: str) -> str:
    digest = _mac("code", salt)
    chars = "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:8])
    return f"{chars[:4]}-{chars[4:]}"


class Response(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, null=True, blank=True, related_name="response"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(max_length=16, default="sv")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    pages_done = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["round", "role", "channel"], name="followup_response_figures")]

    def __str__(self) -> str:
        return f"Response #{self.pk}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    row = models.CharField(
        max_length=16, blank=True
    )  # goal questions: "g<id>" program goal, "p<id>" personal
    value = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["question__order", "question_id", "row"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "row"], name="one_followup_answer_per_row"
            )
        ]

    def __str__(self) -> str:
        return f"Answer #{self.pk}"


class LaterContact(models.Model):
    """A person's yes or no to being asked again after the program (the effect evaluation)."""

    class Source(models.TextChoices):
        APPLICATION = "application", _("Application form")
        SURVEY = "survey", _("Goal evaluation")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    agreed = models.BooleanField()
    text = models.TextField()  # the question as the person read it
    language = models.CharField(max_length=16)
    source = models.CharField(max_length=16, choices=Source.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"Later contact #{self.pk}"


class ApplicationConsentQuestion(models.Model):
    """The optional yes/no question "may we ask you again after the program?" that follow-up added to an
    application form (a custom question of the applications app, edited there like any other)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    question = models.OneToOneField("applications.Question", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"Consent question {self.question_id}"


class FollowUpSettings(models.Model):
    """When a program's rounds fall, as offsets the coordinators can change."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="followup_settings"
    )
    startup_week = models.PositiveSmallIntegerField(_("start-up survey in week"), default=5)
    midterm = models.BooleanField(
        _("mid-term evaluation at half time (programs of 6 months or more)"), default=True
    )
    goal_days_after_end = models.PositiveSmallIntegerField(
        _("goal evaluation, days after the end"), default=14
    )
    effect_months = models.JSONField(
        _("effect evaluation, months after the end"), default=default_effect_months
    )
    open_days = models.PositiveSmallIntegerField(_("a round is open for (days)"), default=21)
    reminder_days = models.JSONField(_("reminders (days after opening)"), default=default_reminder_days)

    def __str__(self) -> str:
        return f"Follow-up settings of program {self.program_id}"


class Measure(models.TextChoices):
    """How a program goal's indicator is measured from the follow-up answers."""

    RATING = "rating", _("Share who reached the goal far or fully (goal evaluation)")
    JOB_AT_END = "job_end", _("Share of mentees in a job in their profession (goal evaluation)")
    JOB_6 = "job_6", _("Share of mentees in a job in their profession 6 months after the end")
    JOB_12 = "job_12", _("Share of mentees in a job in their profession 12 months after the end")


class GoalMeasure(models.Model):
    """Which answers measure a program goal (`programs.Goal`); without one, the goal evaluation's rating."""

    goal = models.OneToOneField("programs.Goal", on_delete=models.CASCADE, related_name="followup_measure")
    measure = models.CharField(
        _("measured by"), max_length=16, choices=Measure.choices, default=Measure.RATING
    )

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.measure}"
