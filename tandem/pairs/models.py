"""Mentorship pairs and how they are found: a program's matching settings, its matching runs with their
proposed pairs, the coordinator's locks and forbids, and the published pairs with both sides' answers."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.programs.models import Program


def new_answer_token() -> str:
    return secrets.token_urlsafe(32)


class MatchingSettings(models.Model):
    """How a program weighs the matching criteria, which hard rules apply, and how long people have to
    answer an introduction. Created from the preset that follows the program's main aim."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="matching_settings")
    preset = models.CharField(_("preset"), max_length=32, choices=Program.Purpose.choices)
    weights = models.JSONField(_("criterion weights"), default=dict)
    rule_exclusions = models.BooleanField(
        _("Respect exclusions"),
        default=True,
        help_text=_("Nobody is paired with a person or employer they asked to avoid."),
    )
    rule_same_employer = models.BooleanField(
        _("Never the same employer"),
        default=True,
        help_text=_("A mentee and a mentor who work for the same employer are never paired."),
    )
    rule_gender_wish = models.BooleanField(
        _("Respect the wish about the mentor's gender"),
        default=True,
        help_text=_("A mentee who asked for a woman (or a man) as mentor only gets one."),
    )
    rule_meeting_format = models.BooleanField(
        _("Meeting formats must fit"),
        default=True,
        help_text=_("Someone who only meets in person is never paired with someone who only meets online."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer an introduction"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind this many days before the deadline"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_("0 sends no reminder."),
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("matching settings")
        verbose_name_plural = _("matching settings")

    def __str__(self) -> str:
        return f"Matching settings of program {self.program_id}"

    @property
    def rules(self) -> dict[str, bool]:
        return {
            "exclusions": self.rule_exclusions,
            "same_employer": self.rule_same_employer,
            "gender_wish": self.rule_gender_wish,
            "meeting_format": self.rule_meeting_format,
        }


class MentorCapacity(models.Model):
    """How many mentees a mentor takes, as the coordinator set it. Without a row the mentor's own answer
    on the form counts (Application.mentee_capacity), else 1 (see `engine_input.available_mentors`)."""

    mentor = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="mentor_capacity"
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    def __str__(self) -> str:
        return f"{self.mentor_id}: {self.capacity}"


class MatchingRun(models.Model):
    """One run of the matching engine over a program's available mentees and mentors: the proposal."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="matching_runs")
    number = models.PositiveIntegerField(_("run"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RUNNING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    used_settings = models.JSONField(
        default=dict, help_text="The preset, weights and hard rules the run used."
    )
    mentee_count = models.PositiveIntegerField(default=0)
    mentor_count = models.PositiveIntegerField(default=0)
    matched_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0)
    capacities = models.JSONField(
        default=dict, help_text="Places each mentor had free when the run started: {application id: n}."
    )
    error = models.CharField(max_length=200, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="one_run_number_per_program"),
        ]
        ordering = ["-number"]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")

    def __str__(self) -> str:
        return f"#{self.number}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def can_change(self) -> bool:
        """A finished proposal can be adjusted until it is published."""
        return self.is_done and self.published_at is None


class ProposedPair(models.Model):
    """A pair in a run's proposal, with the engine's score (0–100), reasons and the mentee's next best
    mentors. ``reasons``: [{"criterion", "weight", "value", "reasons": [{"code", "params"}]}];
    ``candidates``: [{"mentor": application id, "score": points}]."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposed_pairs")
    mentee = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    reasons = models.JSONField(default=list)
    candidates = models.JSONField(default=list)
    chosen_by_hand = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "mentee"], name="one_proposal_per_mentee")]
        ordering = ["-score", "id"]

    def __str__(self) -> str:
        return f"{self.mentee_id} – {self.mentor_id}"


class UnmatchedMentee(models.Model):
    """A mentee a run could not match, and why: ``reason`` is {"code", "params"}."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="unmatched")
    mentee = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    reason = models.JSONField(default=dict)
    candidates = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "mentee"], name="one_unmatched_row_per_mentee")]
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.mentee_id)


class PairConstraint(models.Model):
    """The coordinator's word on one mentee–mentor pair, kept by every later run: always pair them
    (lock) or never (forbid)."""

    class Kind(models.TextChoices):
        LOCK = "lock", _("Locked")
        FORBID = "forbid", _("Forbidden")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pair_constraints")
    mentee = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "mentee", "mentor"], name="one_constraint_per_pair"),
            models.UniqueConstraint(
                fields=["program", "mentee"], condition=Q(kind="lock"), name="one_lock_per_mentee"
            ),
        ]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.mentee_id} – {self.mentor_id}"


class PairQuerySet(models.QuerySet["Pair"]):
    def live(self) -> PairQuerySet:
        """Pairs that hold their two people: waiting for answers or running."""
        return self.filter(status__in=Pair.LIVE)

    def figures(self, *, now: datetime) -> dict:
        """The pairs counted in one aggregate query: ``counts`` by status, ``not_answered`` (people who
        have not answered an introduction yet) and ``overdue`` (pairs waiting past their deadline)."""
        awaiting = Q(status=Pair.Status.AWAITING)
        no_mentee_answer, no_mentor_answer = awaiting & Q(mentee_answer=""), awaiting & Q(mentor_answer="")
        figures = self.aggregate(
            **{status: Count("id", filter=Q(status=status)) for status in Pair.Status.values},
            mentees_waiting=Count("id", filter=no_mentee_answer),
            mentors_waiting=Count("id", filter=no_mentor_answer),
            overdue=Count("id", filter=(no_mentee_answer | no_mentor_answer) & Q(answer_deadline__lte=now)),
        )
        return {
            "counts": {status: figures[status] for status in Pair.Status.values},
            "not_answered": figures["mentees_waiting"] + figures["mentors_waiting"],
            "overdue": figures["overdue"],
        }


class Pair(models.Model):
    """A published pair. Both sides answer the introduction through their own link; when both accept,
    the pair is active. A decline or a dissolution returns both people to the pool."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Waiting for answers")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", pgettext_lazy("pair status", "Declined")
        DISSOLVED = "dissolved", _("Dissolved")

    class Answer(models.TextChoices):
        ACCEPT = "accept", pgettext_lazy("answer", "Accepted")
        DECLINE = "decline", pgettext_lazy("answer", "Declined")

    SIDES = ("mentee", "mentor")
    LIVE = (Status.AWAITING, Status.ACTIVE)

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pairs")
    run = models.ForeignKey(
        MatchingRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="pairs"
    )
    mentee = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="pairs_as_mentee"
    )
    mentor = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="pairs_as_mentor"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.AWAITING, db_index=True
    )
    score = models.FloatField(_("score"), default=0)
    reasons = models.JSONField(default=list)
    published_at = models.DateTimeField(default=timezone.now)
    answer_deadline = models.DateTimeField(_("answer by"))
    mentee_token = models.CharField(max_length=64, unique=True, default=new_answer_token, editable=False)
    mentor_token = models.CharField(max_length=64, unique=True, default=new_answer_token, editable=False)
    mentee_answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    mentee_answered_at = models.DateTimeField(null=True, blank=True)
    mentee_decline_reason = models.TextField(blank=True)
    mentor_answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    mentor_answered_at = models.DateTimeField(null=True, blank=True)
    mentor_decline_reason = models.TextField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    dissolved_at = models.DateTimeField(null=True, blank=True)
    dissolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dissolve_reason = models.TextField(_("reason"), blank=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=["awaiting", "active"]),
                name="one_live_pair_per_mentee",
            ),
        ]
        indexes = [models.Index(fields=["status", "answer_deadline"], name="pair_answer_due")]
        ordering = ["-published_at", "id"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")

    def __str__(self) -> str:
        return f"Pair #{self.pk}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    def person(self, side: str):
        return self.mentee if side == "mentee" else self.mentor

    def other_side(self, side: str) -> str:
        return "mentor" if side == "mentee" else "mentee"

    def answer_of(self, side: str) -> str:
        return getattr(self, f"{side}_answer")

    def answered_at(self, side: str) -> datetime | None:
        return getattr(self, f"{side}_answered_at")

    def token_of(self, side: str) -> str:
        return getattr(self, f"{side}_token")

    @property
    def waiting_for(self) -> list[str]:
        """The sides that have not answered yet, while the pair waits for answers."""
        if self.status != self.Status.AWAITING:
            return []
        return [side for side in self.SIDES if not self.answer_of(side)]

    def is_overdue(self, now: datetime) -> bool:
        return bool(self.waiting_for) and now >= self.answer_deadline
