"""A common meeting of a program and the invitation of each person to it."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.lib.templatetags.tandem_format import join_list
from tandem.programs.models import CommonMeeting, Program
from tandem.reference.languages import language_name


def new_uid() -> str:
    return f"{uuid.uuid4()}@tandem"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Gathering(models.Model):
    """One common meeting: a planned one from the set-up wizard made real, or one a coordinator added.

    `uid` never changes; `sequence` grows with each change of time or place and with a cancellation, so
    calendar clients replace the event they already have."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone: mentors, mentees and the working group")
        MENTORS = "mentors", _("Mentors and the working group")
        MENTEES = "mentees", _("Mentees and the working group")
        WORKING_GROUP = "working_group", _("The working group only")

    class State(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("common meeting", "Planned")
        CANCELLED = "cancelled", pgettext_lazy("common meeting", "Cancelled")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="gatherings")
    plan = models.OneToOneField(
        CommonMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="gathering"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CommonMeeting.Kind.choices)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Leave it empty to call it by its kind, in each reader's language."),
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=120)
    place = models.CharField(_("place (address)"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    audience = models.CharField(
        _("invited"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    languages = models.CharField(
        _("held in (languages)"), max_length=100, default="sv", help_text=_("Language codes, e.g. sv, ar.")
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PLANNED)
    sequence = models.PositiveIntegerField(default=0)
    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("common meeting")
        verbose_name_plural = _("common meetings")

    def __str__(self) -> str:
        return self.shown_title

    @property
    def shown_title(self) -> str:
        """The coordinator's own title, else the kind's name in the active language ("Mid-program meeting"
        for an English reader of a meeting a Swedish coordinator made from the plan)."""
        return self.title or str(self.get_kind_display())

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.state == self.State.CANCELLED

    def is_over(self, now: datetime) -> bool:
        return now >= self.ends_at

    def language_codes(self) -> list[str]:
        return [code.strip().lower() for code in self.languages.replace(";", ",").split(",") if code.strip()]

    def language_names(self) -> str:
        """The languages it is held in, named and listed in the active language: "Svenska, Arabiska", or
        with the Arabic comma in Arabic."""
        return join_list(language_name(code) for code in self.language_codes())


class Invitation(models.Model):
    """One person invited to one common meeting: a participant of an active pair, a member of the working
    group, or a walk-in added at the door. The token in the e-mail's links is the key to the answer page."""

    class Answer(models.TextChoices):
        YES = "yes", pgettext_lazy("rsvp", "Yes")
        NO = "no", pgettext_lazy("rsvp", "No")
        MAYBE = "maybe", pgettext_lazy("rsvp", "Maybe")

    class Role(models.TextChoices):
        MENTEE = "mentee", _("Mentee")
        MENTOR = "mentor", _("Mentor")
        STAFF = "staff", _("Working group")
        GUEST = "guest", _("Guest")

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)  # lower-cased; a walk-in may have none
    language = models.CharField(max_length=16, default="sv")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_sequence = models.IntegerField(null=True, blank=True)  # the SEQUENCE of the last calendar file sent
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "email"],
                condition=~models.Q(email=""),
                name="one_invitation_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"
