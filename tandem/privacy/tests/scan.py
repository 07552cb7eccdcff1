"""Read every value of every table as text, to find where a person's sentinel values are left.

Each model Django knows (Tandem's, Django's own, the libraries', the many-to-many tables) is read through
the ORM, every column of it: JSON as JSON text, files by their stored name, binary content decoded (an
XLSX is a zip: each of its parts is read), a session's data decoded. Tables that no model describes are
read with plain SQL. So a table added tomorrow is scanned without changing this module.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection, models


def readable(value: Any) -> str:
    """`value` as text a person could read in it."""
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return _bytes_text(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return "" if value is None else str(value)


def _bytes_text(content: bytes) -> str:
    if content.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
        except zipfile.BadZipFile:
            pass
    return content.decode("utf-8", "replace")


def _model_rows(model: type[models.Model]) -> list[str]:
    names = [field.attname for field in model._meta.concrete_fields]
    rows = [" ".join(readable(value) for value in row) for row in model._base_manager.values_list(*names)]
    if model is Session:
        rows += [readable(session.get_decoded()) for session in Session.objects.all()]
    return rows


def _table_rows(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return [" ".join(readable(value) for value in row) for row in cursor.fetchall()]


def scanned_models() -> list[type[models.Model]]:
    """Every model with a table in the database (proxies and unmanaged models share or have none)."""
    existing = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.db_table in existing
    ]


TOKEN_CHARACTERS = "A-Za-z0-9_"
"""What random link tokens are made of (`secrets.token_urlsafe` adds "-")."""


def _as_word(value: str) -> re.Pattern[str]:
    """`value` in any case, but not inside a random token: "Zyxw" is found in "Zyxw AB", "zyxw-cv.pdf" and
    "sentinel.zyxw@…", not in a link token that happens to spell it (one run in a few thousand did)."""
    return re.compile(rf"(?<![{TOKEN_CHARACTERS}-]){re.escape(value)}(?![{TOKEN_CHARACTERS}])", re.IGNORECASE)


def tables_holding(values: tuple[str, ...]) -> dict[str, list[str]]:
    """Every table of the database whose rows hold one of `values` (as text, any case), with the values."""
    found: dict[str, list[str]] = {}
    rows_by_table: dict[str, list[str]] = {}
    for model in scanned_models():
        rows_by_table.setdefault(model._meta.db_table, []).extend(_model_rows(model))
    for table in connection.introspection.table_names():
        if table not in rows_by_table:
            rows_by_table[table] = _table_rows(table)
    wanted = [_as_word(value) for value in values]
    for table, rows in rows_by_table.items():
        for row in rows:
            hits = [value for value, pattern in zip(values, wanted, strict=True) if pattern.search(row)]
            if hits:
                found.setdefault(table, []).extend(hits)
    return found
