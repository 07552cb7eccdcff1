"""Write to the audit trail. Every staff decision that later issues add goes through here."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from tandem.audit.models import AuditEvent


def log_action(
    action: str,
    *,
    actor: Any = None,
    organisation: Any = None,
    program: Any = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    now=None,
) -> AuditEvent:
    """Record one decision, e.g. ``log_action("program.state_changed", actor=user, program=p,
    data={"from": "draft", "to": "recruiting"})``. Keep `data` free of names and e-mail addresses."""
    if organisation is None and program is not None:
        organisation = program.organisation
    return AuditEvent.objects.create(
        created_at=now or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        program=program,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
    )
