"""A pair's life from its start to its end: the participants' own space and what the coordinators see of it.

`pairs/` finds and publishes pairs; this app takes over once a pair exists. A participant (a mentor or a
mentee) has no staff account: they are a `Participant`, known by the e-mail address on their applications,
and sign in with a one-time link (`SignInLink`). Everything a pair writes hangs off its `Mentorship`, the
one row per published pair that holds its running state (running, paused, ended) and its dates.

Sides are written as "mentee" / "mentor" (as in `pairs.Pair.SIDES`); "staff" marks what a coordinator
entered for a pair (e.g. a meeting logged after a phone call).
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_NOTE = 2000  # characters of a shared or private meeting note, a comment or a help message
MAX_GOAL = 500


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Sign-in tokens are stored hashed: a copy of the database holds no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


class Side(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    STAFF = "staff", _("Coordinator")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Phone")


class Phase(models.TextChoices):
    START = "start", _("Start")
    MIDDLE = "middle", _("Middle")
    END = "end", _("End")
    ANY = "any", _("Any time")


# --- Participants and sign-in ------------------------------------------------------------------


class Participant(models.Model):
    """A mentor or mentee as the space knows them: one row per e-mail address, across programs.

    Their pairs are the published pairs whose mentee or mentor application has this address."""

    email = models.EmailField(_("e-mail address"), unique=True)  # stored lower-cased
    language = models.CharField(_("language"), max_length=16, default="sv")
    reminders = models.BooleanField(
        _("E-mail reminders"),
        default=True,
        help_text=_("Reminders before planned meetings and when nothing has been logged for a while."),
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"Participant #{self.pk}"


class SignInLink(models.Model):
    """A one-time sign-in link: short-lived, usable once, stored only as a hash of its token."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sign_in_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    next_path = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="signin_link_expiry")]

    def __str__(self) -> str:
        return f"Sign-in link #{self.pk}"


# --- The pair's life ---------------------------------------------------------------------------


class MentoringSettings(models.Model):
    """How a program follows its pairs: when to remind, when to nudge a quiet pair."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="mentoring_settings"
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind this many days before a planned meeting"),
        default=3,
        validators=[MaxValueValidator(14)],
        help_text=_("0 sends no reminder."),
    )
    quiet_weeks = models.PositiveSmallIntegerField(
        _("nudge a pair that has logged nothing for this many weeks"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )

    def __str__(self) -> str:
        return f"Mentoring settings of program {self.program_id}"


class Mentorship(models.Model):
    """The running state of one published pair, from the day both said yes to its end."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", pgettext_lazy("mentorship", "Ended")
        COMPLETED = "completed", _("Completed")

    class EndReason(models.TextChoices):
        NO_CONTACT = "no_contact", _("We could not reach each other")
        NO_TIME = "no_time", _("No time")
        NOT_A_GOOD_MATCH = "not_a_match", _("Not a good match")
        GOT_A_JOB = "got_a_job", _("The mentee got a job")
        MOVED = "moved", _("Moved away")
        HEALTH = "health", _("Health or family reasons")
        OTHER = "other", _("Something else")
        PROGRAM_CLOSED = "program_closed", _("The program ended")

    pair = models.OneToOneField("pairs.Pair", on_delete=models.CASCADE, related_name="mentorship")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RUNNING, db_index=True
    )
    started_on = models.DateField(_("started"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    pause_reason = models.TextField(_("why the pause"), blank=True, max_length=MAX_NOTE)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by_side = models.CharField(max_length=8, choices=Side.choices, blank=True)
    end_reason = models.CharField(_("reason"), max_length=16, choices=EndReason.choices, blank=True)
    end_text = models.TextField(_("in your own words"), blank=True, max_length=MAX_NOTE)
    mentee_shares_phone = models.BooleanField(_("Show my phone number to the other person"), default=True)
    mentor_shares_phone = models.BooleanField(_("Show my phone number to the other person"), default=True)
    last_meeting_on = models.DateField(null=True, blank=True)  # kept by the services, for lists
    nudged_at = models.DateTimeField(null=True, blank=True)  # the last "you have logged nothing" e-mail

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")

    def __str__(self) -> str:
        return f"Mentorship of pair {self.pair_id}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RUNNING, self.Status.PAUSED)


class PersonalGoal(models.Model):
    """One of the mentee's 1–3 goals for the mentorship."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=MAX_GOAL)
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"Goal #{self.pk}"


class GoalRating(models.Model):
    """The mentee's rating of progress on a goal, 1 (not started) to 5 (reached); the history is kept."""

    goal = models.ForeignKey(PersonalGoal, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(
        _("progress"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-rated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.rating}"


class GoalComment(models.Model):
    goal = models.ForeignKey(PersonalGoal, on_delete=models.CASCADE, related_name="comments")
    side = models.CharField(max_length=8, choices=Side.choices)
    text = models.TextField(_("comment"), max_length=MAX_NOTE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment #{self.pk}"


class PlannedMeeting(models.Model):
    """A meeting the pair plans: suggested from the program's meeting rules, or added by the pair."""

    class Origin(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ADDED = "added", _("Added by the pair")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="planned_meetings")
    planned_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=200, blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.SUGGESTED)
    dropped_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)  # calendar SEQUENCE: raised on every change
    reminded_at = models.DateTimeField(null=True, blank=True)
    asked_about_at = models.DateTimeField(null=True, blank=True)  # "did you meet?" after the date

    class Meta:
        ordering = ["planned_on", "id"]
        indexes = [
            models.Index(fields=["planned_on"], name="planned_meeting_date"),
            # a pair's meetings planned so far (the follow-up lists and the health page count them)
            models.Index(
                fields=["mentorship", "planned_on"],
                condition=Q(dropped_at__isnull=True),
                name="planned_meeting_kept",
            ),
        ]

    def __str__(self) -> str:
        return f"Planned meeting #{self.pk}"


class MeetingLog(models.Model):
    """A meeting that was held, logged by either side (the other confirms or corrects) or by staff."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meeting_logs")
    planned = models.OneToOneField(
        PlannedMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="log"
    )
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("length in minutes"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    format = models.CharField(_("how"), max_length=16, choices=MeetingFormat.choices)
    themes = models.ManyToManyField("mentoring.ThemeItem", blank=True, related_name="+")
    shared_note = models.TextField(_("note for both of you"), blank=True, max_length=MAX_NOTE)
    logged_by_side = models.CharField(max_length=8, choices=Side.choices)
    logged_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    correction = models.TextField(_("correction"), blank=True, max_length=MAX_NOTE)
    corrected_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.CharField(max_length=64, blank=True)  # a double submit stores one log

    class Meta:
        ordering = ["-held_on", "-id"]
        # a pair's meetings held and the last one (the follow-up lists and the health page read them)
        indexes = [models.Index(fields=["mentorship", "held_on"], name="meeting_log_by_pair")]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "submission_key"],
                condition=~Q(submission_key=""),
                name="one_log_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"Meeting log #{self.pk}"


class PrivateNote(models.Model):
    """A note on a logged meeting that only its writer ever sees (never the other side, never staff)."""

    meeting = models.ForeignKey(MeetingLog, on_delete=models.CASCADE, related_name="private_notes")
    side = models.CharField(max_length=8, choices=Side.choices)
    text = models.TextField(_("private note"), max_length=MAX_NOTE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "side"], name="one_private_note_per_side"),
        ]

    def __str__(self) -> str:
        return f"Private note #{self.pk}"


# --- Themes and exercises ----------------------------------------------------------------------


class ThemeItem(models.Model):
    """A conversation theme or an exercise in an organisation's library.

    ``translations``: {"en": {"title", "short_text", "text"}, "ar": {...}}; the Swedish is in the fields."""

    class Kind(models.TextChoices):
        THEME = "theme", _("Conversation theme")
        EXERCISE = "exercise", _("Exercise")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="theme_items"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.THEME)
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices, default=Phase.ANY)
    topic = models.CharField(_("topic"), max_length=100, blank=True)
    minutes_needed = models.PositiveSmallIntegerField(
        _("time needed (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    title = models.CharField(_("title (Swedish)"), max_length=200)
    short_text = models.CharField(_("short version (Swedish)"), max_length=500)
    text = models.TextField(_("text (Swedish)"), max_length=10000)
    translations = models.JSONField(default=dict, blank=True)
    starter_key = models.CharField(max_length=40, blank=True)  # which starter item this was copied from
    archived_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["phase", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "starter_key"],
                condition=~Q(starter_key=""),
                name="one_copy_of_each_starter_item",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProgramTheme(models.Model):
    """An item a coordinator picked for a program, optionally scheduled for a month of the program."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="themes")
    item = models.ForeignKey(ThemeItem, on_delete=models.CASCADE, related_name="program_uses")
    month = models.PositiveSmallIntegerField(
        _("month of the program"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Leave empty to offer it without a month."),
    )

    class Meta:
        ordering = ["month", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "item"], name="one_pick_per_item")]

    def __str__(self) -> str:
        return f"{self.program_id}: {self.item_id}"


class ThemeUse(models.Model):
    """The pair marked an item as used."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="theme_uses")
    item = models.ForeignKey(ThemeItem, on_delete=models.CASCADE, related_name="+")
    side = models.CharField(max_length=8, choices=Side.choices)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mentorship", "item"], name="one_use_per_item")]

    def __str__(self) -> str:
        return f"{self.mentorship_id}: {self.item_id}"


# --- Help and follow-up ------------------------------------------------------------------------


class HelpRequest(models.Model):
    """A confidential message from one side to the program's coordinators."""

    class Kind(models.TextChoices):
        NEED_HELP = "need_help", _("We need help")
        NO_CONTACT = "no_contact", _("We can't reach each other")
        WANT_END = "want_end", _("I want to end the mentorship")
        OTHER = "other", _("Something else")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="help_requests")
    side = models.CharField(max_length=8, choices=Side.choices)
    kind = models.CharField(_("what it is about"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("message"), max_length=MAX_NOTE)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_note = models.TextField(_("what was done"), blank=True, max_length=MAX_NOTE)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Help request #{self.pk}"


class FollowUpNote(models.Model):
    """A coordinator's note on a pair (after a phone call, a visit, …); participants never see it.

    `kind` makes it a follow-up mark too (the program health page: "contacted", "resolved"); a plain
    note is a "note". The text may be empty for a mark."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        CONTACTED = "contacted", _("Contacted")
        RESOLVED = "resolved", _("Resolved")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="follow_up_notes")
    kind = models.CharField(_("follow-up"), max_length=16, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("note"), max_length=MAX_NOTE, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Follow-up note #{self.pk}"
