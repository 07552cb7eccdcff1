"""All sent and unsent answers of a round, one row per response, as CSV and XLSX (every export is
audited by the view; the reports app builds the same table in the worker). Columns: the response, then
one per question key (goal rows as key:row) in the order of the round's current surveys; multiple
choices joined with "; ". Cells that would start a formula are neutralised; the time sent is a date
and time."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from openpyxl import Workbook

from tandem.followup.models import Answer, Response, Round
from tandem.intake.template_files import inert

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def table(round_: Round) -> list[list[Any]]:
    """The header and one row per response (3 queries, whatever the number of responses)."""
    keys: list[str] = []
    for role in ("mentee", "mentor"):
        survey = round_.survey_for(role)
        if survey is not None:
            keys += [
                k for k in survey.current_version().questions.values_list("key", flat=True) if k not in keys
            ]
    answers: dict[int, dict[str, Any]] = defaultdict(dict)
    rows_seen: dict[str, set[str]] = defaultdict(set)
    for response_id, key, row, value in Answer.objects.filter(response__round=round_).values_list(
        "response_id", "question__key", "row", "value"
    ):
        column = f"{key}:{row}" if row else key
        answers[response_id][column] = value
        if row:
            rows_seen[key].add(row)
        elif key not in keys:
            keys.append(key)
    columns = [
        c
        for key in keys
        for c in (sorted(rows_seen[key]) and [f"{key}:{r}" for r in sorted(rows_seen[key])] or [key])
    ]
    header = [
        _("Response"),
        _("Name"),
        _("Role"),
        _("Channel"),
        _("Entered by staff"),
        _("Sent"),
        _("Version"),
        *columns,
    ]
    rows: list[list[Any]] = [header]
    responses = Response.objects.filter(round=round_).select_related("invitation", "version").order_by("pk")
    for response in responses:
        sent = (  # a date and time in XLSX (naive: a spreadsheet has no time zones), to the minute
            response.completed_at.astimezone(STOCKHOLM).replace(tzinfo=None, second=0, microsecond=0)
            if response.completed_at
            else None
        )
        rows.append(
            [
                response.pk,
                response.invitation.name if response.invitation else _("(anonymous)"),
                response.get_role_display(),
                response.get_channel_display(),
                _("Yes") if response.entered_by_id else "",
                sent,
                response.version.number,
                *[_cell(answers[response.pk].get(column)) for column in columns],
            ]
        )
    return rows


def _safe(value: Any) -> Any:
    """Text that would start a formula (= + - @) gets a ' first: answers are typed by anyone."""
    return inert(value) if isinstance(value, str) else value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else _safe(value)


def as_csv(round_: Round) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table(round_):
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()


def as_xlsx(round_: Round) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = str(round_.get_step_display())[:31]
    for row in table(round_):
        sheet.append([_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
