"""Everything Tandem holds about a person (right of access), built from the registry.

`export_person` gathers, for the person of one application, every row of every declared model tied to
them, with all their declared fields (secret tokens left out: they are keys, not information about the
person). The same structure is given as JSON and shown as a printable page; the CV goes into the ZIP.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile

from tandem.applications.models import Application
from tandem.privacy import registry
from tandem.privacy.anonymise import rows_of
from tandem.reference.personal_data import Declaration


def exported_fields(declaration: Declaration) -> list[str]:
    names = list(declaration.personal) + [name for name in declaration.not_personal if "token" not in name]
    return names


def _value(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def export_person(application: Application) -> dict[str, Any]:
    """{"reference", "program", "sections": [{"model", "title", "rows": [{field: value}]}]}."""
    sections = []
    for declaration in registry.exported_declarations():
        model = registry.model_of(declaration)
        names = exported_fields(declaration)
        rows = [
            {"id": row.pk, **{name: _value(getattr(row, name)) for name in names}}
            for row in rows_of(declaration, [application]).order_by("pk")
        ]
        if rows:
            sections.append(
                {
                    "model": declaration.model,
                    "title": str(model._meta.verbose_name_plural),
                    "fields": [{"name": name, "label": str(_label(model, name))} for name in ["id", *names]],
                    "rows": rows,
                }
            )
    return {
        "reference": application.reference,
        "program": application.program.name,
        "organisation": application.program.organisation.name,
        "sections": sections,
    }


def _label(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def as_zip(application: Application, data: dict[str, Any]) -> bytes:
    """The JSON and the CV (if any) in one ZIP file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{application.reference}.json", as_json(data))
        if application.cv:
            with application.cv.open("rb") as cv:
                name = application.cv_original_name or application.cv.name.rsplit("/", 1)[-1]
                archive.writestr(f"cv/{name.replace('/', '_')}", cv.read())
    return buffer.getvalue()


def table(section: dict[str, Any]) -> list[list[tuple[str, Any]]]:
    """A section's rows as (label, value) pairs in the order of its fields (for the page)."""
    fields = section["fields"]
    return [[(field["label"], row.get(field["name"])) for field in fields] for row in section["rows"]]
