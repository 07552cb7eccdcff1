"""Everything Tandem holds about a person (right of access), built from the registry.

`export_person` gathers, for the person of one application, every row of every declared model tied to
them, with all their declared fields (secret tokens left out: they are keys, not information about the
person). The same structure is given as JSON (complete) and shown as a printable page (in the reader's
language: labels, choice names, places and occupations by name; internal fields left out); the CV goes
into the ZIP.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tandem.applications.models import Application
from tandem.privacy import registry
from tandem.privacy.anonymise import rows_of
from tandem.reference.data import municipalities, ssyk_title
from tandem.reference.languages import language_name
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


# What the printable page leaves out: keys and internal bookkeeping that mean nothing to a person (the JSON
# keeps them: it is the complete, machine-readable copy).
INTERNAL_FIELDS = frozenset(
    {
        "requirement_flags",
        "reasons",
        "candidates",
        "headers",
        "body_html",
        "submission_key",
        "secret_salt",
        "code_hash",
        "message_id",
        "attachment_type",
        "last_error",
        "from_email",
    }
)

# Readable names for fields whose models give none (the models' own verbose names are used otherwise).
LABELS: dict[str, Any] = {
    "id": _("record number"),
    "status": _("status"),
    "from_status": _("status before"),
    "to_status": _("status after"),
    "reason_code": _("why"),
    "mentee_answer": _("the mentee's answer"),
    "mentor_answer": _("the mentor's answer"),
    "mentee_decline_reason": _("the mentee's reason for saying no"),
    "mentor_decline_reason": _("the mentor's reason for saying no"),
    "ended_by_side": _("ended by"),
    "side": _("written by"),
    "logged_by_side": _("noted by"),
    "origin": _("suggested by"),
    "last_meeting_on": _("last meeting"),
    "language": _("language"),
    "value": _("answer"),
    "consent_text": _("consent text"),
    "text": _("text"),
    "source": _("how it came in"),
    "row": _("question"),
    "body_text": _("message"),
    "attachment_text": _("attachment"),
    "attachment_name": _("attachment name"),
}


def _readable_label(model: type[models.Model], name: str) -> str:
    if name == "id":
        return str(LABELS["id"])
    field = model._meta.get_field(name)
    label = str(getattr(field, "verbose_name", name))
    if label == name.replace("_", " ") and name in LABELS:  # no verbose name of its own
        return str(LABELS[name])
    return label


def _readable_value(field: Any, value: Any) -> str:
    """A stored value as a person reads it: choice labels, place and occupation names beside their codes,
    language names, lists joined."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    choices = getattr(field, "flatchoices", None)
    if choices:
        labels = {str(key): label for key, label in choices}
        return str(labels.get(str(value), value))
    validators = {getattr(validator, "__name__", "") for validator in getattr(field, "validators", [])}
    if "validate_municipality_code" in validators:
        place = municipalities().get(str(value))
        return f"{place.name} ({value})" if place else str(value)
    if "validate_ssyk_code" in validators:
        title = ssyk_title(str(value), "en" if translation.get_language() == "en" else "sv")
        return f"{title} ({value})" if title else str(value)
    if getattr(field, "name", "") == "language" and isinstance(value, str):
        return language_name(value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_readable_value(None, item)}" for key, item in value.items() if item)
    if isinstance(value, list):
        return ", ".join(_readable_value(None, item) for item in value if item not in (None, "", [], {}))
    return str(value)


def readable_sections(data: dict[str, Any]) -> list[tuple[dict[str, Any], list[list[tuple[str, str]]]]]:
    """The export for the printable page, in the reader's language: each section with its rows as
    (label, value) pairs, empty values and internal fields left out."""
    result = []
    for section in data["sections"]:
        model = apps.get_model(section["model"])
        names = [field["name"] for field in section["fields"] if field["name"] not in INTERNAL_FIELDS]
        rows = []
        for row in section["rows"]:
            pairs = []
            for name in names:
                field = model._meta.get_field(name) if name != "id" else None
                value = _readable_value(field, row.get(name))
                if value:
                    pairs.append((_readable_label(model, name), value))
            rows.append(pairs)
        result.append((section, rows))
    return result
