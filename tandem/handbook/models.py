"""A coordinator's own sections of the program handbook, after the generated ones."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("", _("All languages")), ("sv", "Svenska"), ("en", "English"), ("ar", "العربية")]


class HandbookSection(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="handbook_sections"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=LANGUAGES,
        blank=True,
        default="",
        help_text=_("Leave as all languages to show the section to every reader."),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title
