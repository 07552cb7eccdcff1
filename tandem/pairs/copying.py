"""The matching settings carried into the copy for the next cohort (registered with `programs.copying`)."""

from __future__ import annotations

from datetime import datetime

from tandem.pairs.models import MatchingSettings
from tandem.programs.models import Program

COPIED = (
    "preset",
    "weights",
    "rule_exclusions",
    "rule_same_employer",
    "rule_gender_wish",
    "rule_meeting_format",
)


def copy_matching_settings(source: Program, copy: Program, *, by, now: datetime) -> None:
    settings = MatchingSettings.objects.filter(program=source).first()
    if settings is None:  # never saved: the copy starts from its preset too
        return
    values = {name: getattr(settings, name) for name in COPIED}
    MatchingSettings.objects.create(
        program=copy, answer_days=settings.answer_days, reminder_days=settings.reminder_days, **values
    )
