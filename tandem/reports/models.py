"""What the reports need that no other app records: the actual costs a coordinator enters per budget line."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.programs.models import BudgetLine, FundingSource


class ActualCost(models.Model):
    """One cost that was really paid, booked against a budget line; `funder_share` is the part of it the
    funding source (if any) pays, in per cent."""

    budget_line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="actual_costs")
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actual_costs",
        verbose_name=_("paid by"),
    )
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount (SEK)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    funder_share = models.DecimalField(
        _("the funder's share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-spent_on", "-id"]
        verbose_name = _("actual cost")
        verbose_name_plural = _("actual costs")

    def __str__(self) -> str:
        return f"{self.spent_on} {self.amount}"


class FunderReport(models.Model):
    """A report to one funding source for one period, in one of the formats of `reports.funder`; the
    figures are computed when it is shown or downloaded, the coordinator's text is kept."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="funder_reports")
    funding_source = models.ForeignKey(
        FundingSource, on_delete=models.CASCADE, related_name="reports", verbose_name=_("funding source")
    )
    definition = models.CharField(_("format"), max_length=32)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    text = models.TextField(_("the coordinator's summary"), blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("funder report")
        verbose_name_plural = _("funder reports")

    def __str__(self) -> str:
        return f"{self.definition} {self.period_start}–{self.period_end}"

    @property
    def definition_name(self) -> str:
        from tandem.reports.funder import definition

        return str(definition(self.definition).name)


class ExportFile(models.Model):
    """A list of the program's people built by the worker (`export_jobs`), kept for the person who asked
    until they download it, and deleted after `export_jobs.KEPT_FOR` (`tasks.purge_export_files`).

    The file lives in the database (a BinaryField), not on disk: the worker and the web server may run
    on different machines, it behaves the same on SQLite and PostgreSQL, it is written in one
    transaction with its audit entry (a failed job leaves nothing), and it goes with its row when the
    job, the program or the purge deletes it, never an orphan file with personal data left behind. The
    largest list of a national program (30,000 meetings) is a few megabytes."""

    job = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="export_file")
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="export_files")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", help_text="Who asked for it."
    )
    list_key = models.CharField(max_length=32, help_text="Which list: a key of exports.EXPORTS.")
    round = models.ForeignKey(
        "followup.Round", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    file_format = models.CharField(max_length=8)
    name = models.CharField(max_length=200, help_text="The file's name, from the program's name.")
    content = models.BinaryField()
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_at"], name="reports_export_file_age")]
        verbose_name = _("exported list")
        verbose_name_plural = _("exported lists")

    def __str__(self) -> str:
        return self.name
