"""A mentorship program and its set-up: goals, target groups, ambition, organisation, financing."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation
from tandem.programs.choices import CommonMeetingKind, GoalUnit, ProgramRoleKind
from tandem.programs.meetings import RuleSpan, planned_pair_meetings, weeks_in

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


class ProgramQuerySet(models.QuerySet["Program"]):
    def visible_to(self, user) -> ProgramQuerySet:
        """Programs a person may see: all of their organisations' if admin, else their own roles'."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(organisation__memberships__user=user, organisation__memberships__is_admin=True)
            | Q(roles__user=user)
        ).distinct()


class Program(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Being set up")
        RECRUITING = "recruiting", _("Recruiting")
        MATCHING = "matching", _("Matching")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")
        EVALUATED = "evaluated", _("Evaluated")

    class Purpose(models.TextChoices):
        JOB_IN_PROFESSION = "job_in_profession", _("Into work in their profession")
        NETWORK = "network", _("A professional network")
        LANGUAGE = "language", _("Working-life Swedish")
        GENERAL = "general", _("General support")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programs")
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_kind = models.CharField(
        _("main aim"), max_length=32, choices=Purpose.choices, default=Purpose.JOB_IN_PROFESSION
    )
    mentee_target_group = models.TextField(_("target group for mentees"), blank=True)
    mentor_target_group = models.TextField(_("target group for mentors"), blank=True)
    length_months = models.PositiveSmallIntegerField(
        _("length in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    target_mentees = models.PositiveIntegerField(_("planned number of mentees"), null=True, blank=True)
    target_mentors = models.PositiveIntegerField(_("planned number of mentors"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_programs", verbose_name=_("partner organisations")
    )
    # The purpose, goals and financing are the host organisation's (issue 13, item 7): its admins and the
    # program's coordinators decide whether partner coordinators may change them (`policy`).
    partners_edit_setup = models.BooleanField(
        _("partner coordinators may change the purpose, goals and financing"), default=False
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name

    @property
    def end_date(self) -> date | None:
        if self.start_date is None or self.length_months is None:
            return None
        return add_months(self.start_date, self.length_months)

    @property
    def planned_participants(self) -> int:
        return (self.target_mentees or 0) + (self.target_mentors or 0)

    @property
    def length_weeks(self) -> int | None:
        return weeks_in(self.length_months) if self.length_months else None

    @property
    def planned_pair_meetings(self) -> int | None:
        """Pair meetings the meeting rules add up to over the program's length (uses prefetched rules)."""
        return planned_pair_meetings([rule.span for rule in self.meeting_rules.all()], self.length_months)


class Goal(models.Model):
    Unit = GoalUnit

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("goal"), max_length=300)
    indicator = models.CharField(_("measurable indicator"), max_length=300)
    target_value = models.DecimalField(
        _("target"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.PERCENT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.description


class MeetingRule(models.Model):
    """How often pairs meet in a stretch of the program, e.g. every 2 weeks in months 1–2."""

    class Unit(models.TextChoices):
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="meeting_rules")
    from_month = models.PositiveSmallIntegerField(
        _("from month"), validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    to_month = models.PositiveSmallIntegerField(
        _("to month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Leave empty for the end of the program."),
    )
    every = models.PositiveSmallIntegerField(
        _("every"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.WEEKS)

    class Meta:
        ordering = ["from_month", "id"]

    def __str__(self) -> str:
        return f"{self.from_month}-{self.to_month or '∞'}: {self.every} {self.unit}"

    @property
    def span(self) -> RuleSpan:
        return RuleSpan(self.from_month, self.to_month, self.every, self.unit)


class CommonMeeting(models.Model):
    Kind = CommonMeetingKind

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="common_meetings")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    week_offset = models.PositiveSmallIntegerField(
        _("week of the program"), validators=[MaxValueValidator(110)]
    )

    class Meta:
        ordering = ["week_offset", "id"]

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def planned_date(self) -> date | None:
        if self.program.start_date is None:
            return None
        return self.program.start_date + timedelta(weeks=self.week_offset)


class ProgramRole(models.Model):
    """A person's role in one program. Coordinators and partner coordinators form the working group."""

    Role = ProgramRoleKind

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    plans = models.BooleanField(_("responsible for planning"), default=False)
    runs = models.BooleanField(_("responsible for running"), default=False)
    follows_up = models.BooleanField(_("responsible for follow-up"), default=False)
    # A read-only viewer sees figures and pseudonymised lists; a coordinator may grant one of them the
    # records and CVs too (issue 12, item 8). Means nothing for the other roles, who see people anyway.
    sees_people = models.BooleanField(_("may read people's records and CVs"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "user"], name="one_role_per_program")]
        ordering = ["role", "user__full_name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"

    @property
    def in_working_group(self) -> bool:
        return self.role != self.Role.VIEWER


class BudgetLine(models.Model):
    class CostItem(models.TextChoices):
        RECRUITMENT = "recruitment", _("Staff: recruiting mentors and mentees")
        MATCHING = "matching", _("Staff: matching")
        COMMUNICATION = "communication", _("Staff: communication with the pairs")
        HANDBOOK = "handbook", _("Mentorship handbook")
        COMMON_MEETINGS = "common_meetings", _("Common meetings")
        SUPPORT = "support", _("Ongoing support")
        EVALUATION = "evaluation", _("Evaluation")
        OTHER = "other", _("Other")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="budget_lines")
    cost_item = models.CharField(_("cost item"), max_length=32, choices=CostItem.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    planned_amount = models.DecimalField(_("planned (SEK)"), **MONEY)
    actual_amount = models.DecimalField(_("actual (SEK)"), null=True, blank=True, **MONEY)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_cost_item_display())


class FundingSource(models.Model):
    class Kind(models.TextChoices):
        OWN = "own", _("Own co-financing")
        ARVSFONDEN = "arvsfonden", _("Allmänna Arvsfonden")
        ESF = "esf", _("European Social Fund (ESF)")
        MUNICIPALITY = "municipality", _("Municipality")
        FOUNDATION = "foundation", _("Foundation")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPLIED = "applied", _("Applied for")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Rejected")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="funding_sources")
    kind = models.CharField(_("source"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    amount_applied = models.DecimalField(_("applied for (SEK)"), null=True, blank=True, **MONEY)
    amount_granted = models.DecimalField(_("granted (SEK)"), null=True, blank=True, **MONEY)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    reporting_deadline = models.DateField(_("reporting deadline"), null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or str(self.get_kind_display())
