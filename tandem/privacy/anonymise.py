"""Anonymise people from the registry: what each app declared is blanked, replaced, or deleted.

One function for all three roads (the retention job, erasure on request, withdrawal of consent):
`anonymise_applications` takes a batch of applications and works in ONE transaction with a few
statements per declared model (not per person). Files are deleted after the commit. Applications already
anonymised are skipped, so running it again does nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast, Lower

from tandem.applications.models import Application
from tandem.privacy import registry
from tandem.privacy.models import Anonymised
from tandem.reference.personal_data import (
    BLANK,
    DELETE_FILE,
    DELETE_ROW,
    KEEP,
    PLACEHOLDER,
    PLACEHOLDER_TEXT,
    Declaration,
)


def empty_value(field: models.Field) -> Any:
    """What a blanked field holds: "" for text and files, else None (or the field's empty default)."""
    if isinstance(field, (models.CharField, models.TextField, models.FileField)) and not field.null:
        return ""
    if field.null:
        return None
    if field.has_default():
        return field.get_default()
    return ""


def new_values(model: type[models.Model], declaration: Declaration) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, treatment in declaration.personal.items():
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)
        if treatment in (BLANK, DELETE_FILE):
            values[name] = empty_value(field)
        elif treatment == PLACEHOLDER:
            values[name] = PLACEHOLDER_TEXT[: field.max_length or None]
    return values


def _file_fields(model: type[models.Model], declaration: Declaration) -> list[str]:
    return [name for name, treatment in declaration.personal.items() if treatment == DELETE_FILE]


def rows_of(declaration: Declaration, applications: list[Application]) -> models.QuerySet[Any]:
    """The declared model's rows that belong to the people of `applications`."""
    model = registry.model_of(declaration)
    ids = [application.pk for application in applications]
    programs = {a.program_id for a in applications}
    if declaration.program_wide:  # rows of many of the program's people: all of them go
        return model._default_manager.filter(**{f"{declaration.program_wide}__in": programs})
    if declaration.person:
        condition = Q()
        for path in declaration.person:
            condition |= Q(pk__in=ids) if path == "" else Q(**{f"{path}__in": ids})
        return model._default_manager.filter(condition)
    emails = sorted({a.email.strip().lower() for a in applications if a.email.strip()})
    if not emails:
        return model._default_manager.none()
    field = model._meta.get_field(declaration.by_email)
    if isinstance(field, models.JSONField):
        return _rows_addressed_to(model, declaration, emails, applications)
    rows = model._default_manager.annotate(_email=Lower(declaration.by_email)).filter(_email__in=emails)
    if declaration.program_path:
        rows = rows.filter(**{f"{declaration.program_path}__in": programs})
    else:  # rows of no program (a participant's sign-in): only when no other application still needs them
        rows = rows.exclude(_email__in=_still_used(emails, applications))
    return rows


def _still_used(emails: list[str], applications: list[Application]) -> list[str]:
    """Which of `emails` another application, not anonymised, still has."""
    return list(
        Application.objects.annotate(_email=Lower("email"))
        .filter(_email__in=emails)
        .exclude(pk__in=[a.pk for a in applications])
        .filter(anonymised__isnull=True)
        .values_list("_email", flat=True)
    )


def _rows_addressed_to(
    model: type[models.Model], declaration: Declaration, emails: list[str], applications: list[Application]
) -> models.QuerySet[Any]:
    """Rows whose list of addresses ("Name <a@b>" or "a@b") names one of `emails`: those of the people's
    programs, and those of no program (a sign-in link's e-mail) unless the address is still in use."""
    name, program = declaration.by_email, declaration.program_path
    programs = {a.program_id for a in applications}
    condition = Q()
    for email in emails:
        condition |= Q(_addresses__icontains=email)
    candidates = (
        model._default_manager.annotate(_addresses=Cast(name, TextField()))
        .filter(condition)
        .filter(Q(**{f"{program}__in": programs}) | Q(**{f"{program}__isnull": True}))
    )
    in_program = set(emails)
    of_no_program = in_program - set(_still_used(emails, applications))
    pks = [
        pk
        for pk, addresses, program_id in candidates.values_list("pk", name, program)
        if (in_program if program_id is not None else of_no_program) & {_address(a) for a in addresses or []}
    ]
    return model._default_manager.filter(pk__in=pks)


def _address(value: str) -> str:
    value = value.strip()
    if value.endswith(">") and "<" in value:
        value = value[value.rfind("<") + 1 : -1]
    return value.strip().lower()


def anonymise_applications(applications: Iterable[Application], *, cause: str, now: datetime) -> Counter[str]:
    """Anonymise the people of `applications` (those not done yet); the number of rows changed or
    deleted per model, for the log."""
    counts: Counter[str] = Counter()
    with transaction.atomic():
        pks = [application.pk for application in applications]
        batch = list(
            Application.objects.select_for_update(of=("self",))
            .filter(pk__in=pks, anonymised__isnull=True)
            .order_by("pk")
        )
        if not batch:
            return counts
        files: list[tuple[Any, str]] = []
        # The application itself last: the other rows are found through its e-mail address.
        ordered = sorted(registry.person_declarations(), key=lambda d: d.person == ("",))
        for declaration in ordered:
            model = registry.model_of(declaration)
            rows = rows_of(declaration, batch).filter(**declaration.anonymise_where)
            treatments = set(declaration.personal.values()) - {KEEP}
            if DELETE_ROW in treatments:
                deleted, _by_model = rows.delete()
                counts[declaration.model] += deleted
                continue
            for name in _file_fields(model, declaration):
                field = model._meta.get_field(name)
                assert isinstance(field, models.FileField)
                files += [
                    (field.storage, value)
                    for value in rows.exclude(**{name: ""}).values_list(name, flat=True)
                ]
            changed = rows.update(**new_values(model, declaration))
            counts[declaration.model] += changed
        Anonymised.objects.bulk_create(Anonymised(application=a, cause=cause, at=now) for a in batch)
        counts["people"] += len(batch)
        counts["files"] += len(files)
        transaction.on_commit(lambda: _delete_files(files))
    return counts


def _delete_files(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        storage.delete(name)
