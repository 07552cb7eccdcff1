"""The program's lists as spreadsheets: participants, pairs, pair meetings, common-meeting attendance.

Columns are named in the reader's language; text that would start a formula (= + - @) gets a ' first
(tandem.intake's `inert`); dates stay dates in XLSX. Each list is read in one query."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.gatherings.models import Invitation
from tandem.intake.template_files import inert
from tandem.mentoring.models import MeetingLog
from tandem.pairs.models import Pair
from tandem.programs.models import Program

STOCKHOLM = ZoneInfo("Europe/Stockholm")

Rows = Iterable[list[object]]


def _participants(program: Program) -> tuple[list[str], Rows]:
    headers = [_("Pair"), _("Role"), _("First name"), _("Last name"), _("E-mail address"), _("Phone number")]
    headers += [_("Gender"), _("Year of birth"), _("Municipality"), _("Mentorship")]
    pairs = (
        Pair.objects.filter(program=program, status__in=Pair.LIVE)
        .select_related("mentee", "mentor", "mentorship")
        .order_by("id")
    )

    def rows() -> Rows:
        for pair in pairs:
            status = getattr(pair, "mentorship", None)
            mentorship = str(status.get_status_display()) if status else ""
            for role, person in ((_("Mentee"), pair.mentee), (_("Mentor"), pair.mentor)):
                yield [
                    pair.pk, role, person.first_name, person.last_name, person.email, person.phone,
                    str(person.get_gender_display()) if person.gender else "", person.birth_year,
                    person.municipality, mentorship,
                ]  # fmt: skip

    return headers, rows()


def _pairs(program: Program) -> tuple[list[str], Rows]:
    headers = [
        _("Pair"),
        _("Mentee"),
        _("Mentor"),
        _("Status"),
        _("Published"),
        _("Started"),
        _("Mentorship"),
    ]
    pairs = (
        Pair.objects.filter(program=program).select_related("mentee", "mentor", "mentorship").order_by("id")
    )

    def rows() -> Rows:
        for pair in pairs:
            m = getattr(pair, "mentorship", None)
            yield [
                pair.pk,
                f"{pair.mentee.first_name} {pair.mentee.last_name}",
                f"{pair.mentor.first_name} {pair.mentor.last_name}",
                str(pair.get_status_display()),
                pair.published_at.astimezone(STOCKHOLM).date(),
                m.started_on if m else None,
                str(m.get_status_display()) if m else "",
            ]

    return headers, rows()


def _meetings(program: Program) -> tuple[list[str], Rows]:
    headers = [_("Pair"), _("Mentee"), _("Mentor"), _("Date"), _("Minutes"), _("How"), _("Logged by")]
    logs = (
        MeetingLog.objects.filter(mentorship__pair__program=program)
        .select_related("mentorship__pair__mentee", "mentorship__pair__mentor")
        .order_by("held_on", "id")
    )

    def rows() -> Rows:
        for log in logs.iterator(chunk_size=2000):
            pair = log.mentorship.pair
            yield [
                pair.pk,
                f"{pair.mentee.first_name} {pair.mentee.last_name}",
                f"{pair.mentor.first_name} {pair.mentor.last_name}",
                log.held_on,
                log.minutes,
                str(log.get_format_display()),
                str(log.get_logged_by_side_display()),
            ]

    return headers, rows()


def _attendance(program: Program) -> tuple[list[str], Rows]:
    headers = [_("Meeting"), _("Date"), _("Name"), _("Role"), _("Answer"), _("Walk-in"), _("Attended")]
    invitations = (
        Invitation.objects.filter(gathering__program=program)
        .select_related("gathering")
        .order_by("gathering__starts_at", "name", "id")
    )

    def rows() -> Rows:
        for person in invitations:
            yield [
                person.gathering.shown_title,
                person.gathering.starts_at.astimezone(STOCKHOLM).date(),
                person.name,
                str(person.get_role_display()),
                str(person.get_answer_display()) if person.answer else "",
                _("yes") if person.walk_in else "",
                _("yes") if person.checked_in_at else "",
            ]

    return headers, rows()


@dataclass(frozen=True)
class Export:
    key: str
    name: object
    build: Callable[[Program], tuple[list[str], Rows]]


EXPORTS = {
    e.key: e
    for e in [
        Export("participants", gettext_lazy("Participants"), _participants),
        Export("pairs", gettext_lazy("Pairs"), _pairs),
        Export("meetings", gettext_lazy("Pair meetings"), _meetings),
        Export("attendance", gettext_lazy("Common-meeting attendance"), _attendance),
    ]
}


def _cell(value: object) -> object:
    return inert(value) if isinstance(value, str) else value


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else _cell(value)


def as_csv(headers: list[str], rows: Rows) -> tuple[bytes, int]:
    """UTF-8 with a BOM (Excel reads åäö right), dates as ISO dates; the bytes and the number of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_cell(h) for h in headers])
    count = 0
    for row in rows:
        writer.writerow(
            ["" if v is None else v.isoformat() if isinstance(v, date) else _cell(v) for v in row]
        )
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


def as_xlsx(title: str, headers: list[str], rows: Rows) -> tuple[bytes, int]:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([_cell(h) for h in headers])
    count = 0
    for row in rows:
        sheet.append([_cell(v) for v in row])
        count += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), count


def export(program: Program, key: str, file_format: str) -> tuple[bytes, int]:
    spec = EXPORTS[key]
    headers, rows = spec.build(program)
    if file_format == "csv":
        return as_csv(headers, rows)
    return as_xlsx(str(spec.name), headers, rows)
