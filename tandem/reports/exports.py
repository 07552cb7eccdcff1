"""The program's lists as spreadsheets: participants, pairs, pair meetings, common-meeting attendance,
and the survey answers of each follow-up round (through tandem.followup's own export table). The worker
builds them (`export_jobs`).

Columns are named in the reader's language; text that would start a formula (= + - @) gets a ' first
(tandem.intake's `inert`); dates stay dates in XLSX. Each list is read in one query."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.followup import exports as followup_exports
from tandem.followup.models import Round
from tandem.gatherings.models import Invitation
from tandem.intake.template_files import inert
from tandem.mentoring.models import MeetingLog
from tandem.pairs.models import Pair
from tandem.programs.models import Program
from tandem.reference.data import municipalities

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
        names = {code: m.name for code, m in municipalities().items()}  # one lookup, no query
        for pair in pairs:
            status = getattr(pair, "mentorship", None)
            mentorship = str(status.get_status_display()) if status else ""
            for role, person in ((_("Mentee"), pair.mentee), (_("Mentor"), pair.mentor)):
                yield [
                    pair.pk, role, person.first_name, person.last_name, person.email, person.phone,
                    str(person.get_gender_display()) if person.gender else "", person.birth_year,
                    names.get(person.municipality, person.municipality), mentorship,
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
    """Plain values, not model objects: a national program has 30,000 meetings, and building a log with its
    mentorship, pair and two applications for each row took most of the time."""
    headers = [_("Pair"), _("Mentee"), _("Mentor"), _("Date"), _("Minutes"), _("How"), _("Logged by")]
    how = {value: str(label) for value, label in MeetingLog._meta.get_field("format").choices}  # type: ignore[union-attr]
    sides = {value: str(label) for value, label in MeetingLog._meta.get_field("logged_by_side").choices}  # type: ignore[union-attr]
    logs = (
        MeetingLog.objects.filter(mentorship__pair__program=program)
        .order_by("held_on", "id")
        .values_list(
            "mentorship__pair_id",
            "mentorship__pair__mentee__first_name",
            "mentorship__pair__mentee__last_name",
            "mentorship__pair__mentor__first_name",
            "mentorship__pair__mentor__last_name",
            "held_on",
            "minutes",
            "format",
            "logged_by_side",
        )
    )

    def rows() -> Rows:
        for (
            pair,
            mentee_first,
            mentee_last,
            mentor_first,
            mentor_last,
            held_on,
            minutes,
            fmt,
            side,
        ) in logs.iterator(chunk_size=2000):
            yield [
                pair,
                f"{mentee_first} {mentee_last}",
                f"{mentor_first} {mentor_last}",
                held_on,
                minutes,
                how.get(fmt, fmt),
                sides.get(side, side),
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


def _answers(round_: Round) -> tuple[list[str], list[list[object]]]:
    """The follow-up app's own table of the round (one row per response, a fixed number of queries)."""
    header, *rows = followup_exports.table(round_)
    return [str(h) for h in header], rows


@dataclass(frozen=True)
class Export:
    key: str
    name: object
    build: Callable[[Program], tuple[list[str], Rows]]
    count: Callable[[Program], int]
    """How many rows the list will have (one query), for the job's progress."""


EXPORTS = {
    e.key: e
    for e in [
        Export(
            "participants",
            gettext_lazy("Participants"),
            _participants,
            lambda p: 2 * Pair.objects.filter(program=p, status__in=Pair.LIVE).count(),
        ),
        Export("pairs", gettext_lazy("Pairs"), _pairs, lambda p: Pair.objects.filter(program=p).count()),
        Export(
            "meetings",
            gettext_lazy("Pair meetings"),
            _meetings,
            lambda p: MeetingLog.objects.filter(mentorship__pair__program=p).count(),
        ),
        Export(
            "attendance",
            gettext_lazy("Common-meeting attendance"),
            _attendance,
            lambda p: Invitation.objects.filter(gathering__program=p).count(),
        ),
    ]
}
ANSWERS = "answers"  # the survey answers of one follow-up round: "answers-<round id>"


@dataclass(frozen=True)
class Choice:
    """One list the exports page offers: `value` names it in the form ("pairs", "answers-12")."""

    value: str
    name: str
    key: str
    round_id: int | None = None


def choices(program: Program) -> list[Choice]:
    """The program's lists, the survey answers of each follow-up round last (one query)."""
    found = [Choice(e.key, str(e.name), e.key) for e in EXPORTS.values()]
    for round_ in Round.objects.filter(program=program).order_by("opens_on", "id"):
        name = _("Survey answers: %(round)s") % {"round": round_.get_step_display()}
        found.append(Choice(f"{ANSWERS}-{round_.pk}", name, ANSWERS, round_.pk))
    return found


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: Rows
    total: int


def table(program: Program, key: str, round_id: int | None = None) -> Table:
    """The list `key` of the program (the round's survey answers for "answers"), in the active language.
    Raises LookupError for a list or a round the program does not have."""
    if key == ANSWERS:
        if round_id is None:
            raise LookupError("which round?")
        round_ = Round.objects.select_related("mentee_survey", "mentor_survey").get(
            pk=round_id, program=program
        )
        header, answers = _answers(round_)
        title = f"{_('Survey answers')} {round_.get_step_display()}"
        return Table(title, header, answers, len(answers))
    spec = EXPORTS[key]
    headers, rows = spec.build(program)
    return Table(str(spec.name), headers, rows, spec.count(program))


def _cell(value: object) -> object:
    return inert(value) if isinstance(value, str) else value


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, date) else _cell(value)


def as_csv(headers: list[str], rows: Rows) -> tuple[bytes, int]:
    """UTF-8 with a BOM (Excel reads åäö right), dates as ISO dates; the bytes and the number of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_cell(h) for h in headers])
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


def as_xlsx(title: str, headers: list[str], rows: Rows) -> tuple[bytes, int]:
    """One sheet named `title`, dates and numbers as such (write-only: the rows are never all in memory)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title))
    sheet.append([_cell(h) for h in headers])
    count = 0
    try:
        for row in rows:
            sheet.append([_cell(v) for v in row])
            count += 1
    except BaseException:
        # Close the sheet's half-written temporary file now, not when the garbage collector gets to it.
        with contextlib.suppress(Exception):
            sheet.close()
        raise
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), count


def _sheet_title(title: str) -> str:
    """At most 31 characters, none of those a sheet's name may not hold."""
    return "".join(" " if c in "[]:*?/\\" else c for c in title)[:31].strip() or "1"


def render(found: Table, file_format: str, rows: Rows | None = None) -> tuple[bytes, int]:
    """The file's bytes and the number of rows written; `rows` replaces the table's (e.g. counted)."""
    rows = found.rows if rows is None else rows
    if file_format == "csv":
        return as_csv(found.headers, rows)
    return as_xlsx(found.title, found.headers, rows)
