"""The requirement profile (kravprofil): who can become a mentor or a mentee in a program."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.reference.choices import CriterionKind, Importance, Role
from tandem.requirements.params import clean_params


class RequirementProfile(models.Model):
    """The criteria for one role in one program; `evaluation.evaluate` checks an applicant against them."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="requirement_profiles"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "role"], name="one_requirement_profile_per_role"),
        ]
        ordering = ["program_id", "role"]
        verbose_name = _("requirement profile")
        verbose_name_plural = _("requirement profiles")

    def __str__(self) -> str:
        return f"{self.program} – {self.get_role_display()}"


class Criterion(models.Model):
    """One criterion: a kind, must or should, and parameters checked per kind (see `params.py`).

    Only should-criteria carry weight in the score; a must-criterion either holds or flags the applicant.
    """

    profile = models.ForeignKey(RequirementProfile, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(_("kind"), max_length=32, choices=CriterionKind.choices)
    importance = models.CharField(_("importance"), max_length=8, choices=Importance.choices)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How much a should-criterion counts in the score, from 1 to 10."),
    )
    params = models.JSONField(_("settings"), default=dict)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_importance_display()})"

    def clean(self) -> None:
        try:
            self.params = clean_params(self.kind, self.params)
        except ValidationError as error:
            raise ValidationError({"params": error.messages}) from error
