"""The program's own decision e-mail texts carried into the copy for the next cohort (registered with
`programs.copying`)."""

from __future__ import annotations

from datetime import datetime

from tandem.programs.models import Program
from tandem.screening.models import DecisionTemplate


def copy_decision_texts(source: Program, copy: Program, *, by, now: datetime) -> None:
    DecisionTemplate.objects.bulk_create(
        DecisionTemplate(
            program=copy,
            kind=t.kind,
            language=t.language,
            subject=t.subject,
            body=t.body,
            updated_at=now,
            updated_by=by,
        )
        for t in DecisionTemplate.objects.filter(program=source)
    )
