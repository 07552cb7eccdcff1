"""Read and check the ``tandem match`` input tables (CSV or XLSX) into the engine's dataclasses.

Every problem is reported with the file, line and column, and all problems of a file are collected (up to
``MAX_ERRORS_PER_FILE``) before giving up, so that a coordinator can fix a spreadsheet in one go.
"""

from __future__ import annotations

import csv
import json
import math
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tandem.matching.criteria import CRITERIA
from tandem.matching.model import (
    AGE_WISHES,
    CEFR_LEVELS,
    GENDER_WISHES,
    GENDERS,
    MEETING_FORMATS,
    Mentee,
    Mentor,
)
from tandem.reference.data import municipalities, ssyk_codes

MAX_ERRORS_PER_FILE = 20
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")


class InputErrors(Exception):
    """Problems found in one or more input files; ``messages`` holds one line per problem."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


class CellError(ValueError):
    """A cell's value is not acceptable; the message says why (the caller adds where)."""


@dataclass
class _Log:
    path: Path
    messages: list[str]
    count: int = 0

    def add(self, line: int, column: str | None, message: str) -> None:
        self.count += 1
        if self.count <= MAX_ERRORS_PER_FILE:
            where = f"line {line}" + (f", column {column!r}" if column else "")
            self.messages.append(f"{self.path.name}: {where}: {message}")

    def raise_if_any(self) -> None:
        if self.count > MAX_ERRORS_PER_FILE:
            self.messages.append(f"{self.path.name}: … and {self.count - MAX_ERRORS_PER_FILE} more problems")
        if self.count:
            raise InputErrors(self.messages)


Row = tuple[int, dict[str, str]]


def read_table(path: Path, required: list[str]) -> list[Row]:
    """The rows of a CSV or XLSX file as (line number, {column: text}), columns lower-cased.

    Raises InputErrors for an unreadable file, a missing header or missing required columns. Blank
    rows are skipped; a CSV's delimiter may be ",", ";" or a tab (as Excel writes in Swedish locales).
    """
    log = _Log(path, [])
    try:
        lines = _spreadsheet_lines(path) if path.suffix.lower() in SPREADSHEET_SUFFIXES else _csv_lines(path)
        header_line, header = next(lines, (1, []))
        columns = [str(c).strip().lower() for c in header]
        if not any(columns):
            log.add(1, None, "no header row (the first row must name the columns)")
            log.raise_if_any()
        for name in required:
            if name not in columns:
                log.add(header_line, name, "required column missing")
        for name in sorted({c for c in columns if c and columns.count(c) > 1}):
            log.add(header_line, name, "column appears more than once")
        log.raise_if_any()
        rows = []
        padding = [""] * len(columns)
        for line, cells in lines:
            if "".join(cells).strip():
                rows.append((line, dict(zip(columns, [c.strip() for c in cells] + padding, strict=False))))
        return rows
    except (OSError, UnicodeError, csv.Error, ValueError) as error:
        raise InputErrors([f"{path.name}: cannot read the file: {error}"]) from error


def _csv_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = max([",", ";", "\t"], key=first.count)
        reader = csv.reader(handle, delimiter=delimiter)
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1


def _spreadsheet_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # imported here: slow to import and only needed for spreadsheets
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError) as error:
        raise ValueError(f"not a readable .xlsx workbook ({error})") from error
    try:
        for line, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            yield line, [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


# --- cell parsers ----------------------------------------------------------------------------------------

Parser = Callable[[str], Any]


def _text(value: str) -> str:
    return value


def _optional_text(value: str) -> str | None:
    return value or None


def _choice(choices: tuple[str, ...]) -> Parser:
    @lru_cache(maxsize=64)
    def parse(value: str) -> str | None:
        if not value:
            return None
        normal = re.sub(r"[\s-]+", "_", value.strip().lower())
        if normal not in choices:
            raise CellError(f"{value!r} is not one of {', '.join(choices)}")
        return normal

    return parse


@lru_cache(maxsize=4096)
def _ssyk(value: str) -> str | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 4):
        raise CellError(f"{value!r} is not an SSYK 2012 code (1–4 digits, e.g. 2411)")
    if value not in ssyk_codes():
        raise CellError(f"unknown SSYK 2012 code {value!r}")
    return value


@lru_cache(maxsize=4096)
def _languages(value: str) -> Mapping[str, str]:
    found: dict[str, str] = {}
    for entry in filter(None, (e.strip() for e in re.split(r"[;,]", value))):
        code, _, level = (part.strip() for part in entry.partition(":"))
        if not re.fullmatch(r"[A-Za-z]{2}", code) or not level:
            raise CellError(
                f"bad language entry {entry!r} (write ISO 639-1 code:CEFR level, e.g. sv:B1;en:C1)"
            )
        if level.upper() not in CEFR_LEVELS:
            raise CellError(f"bad language level {level!r} for {code!r} (use {', '.join(CEFR_LEVELS)})")
        found[code.lower()] = level.upper()
    return MappingProxyType(found)  # shared between people: read-only


@lru_cache(maxsize=4096)
def _municipality(value: str) -> str | None:
    if not value:
        return None
    places = municipalities()
    if value.isdigit() and len(value) <= 4 and value.zfill(4) in places:
        return value.zfill(4)  # spreadsheets drop leading zeros: 180 is 0180 Stockholm
    by_name = {m.name.casefold(): m.code for m in places.values()}
    if value.casefold() in by_name:
        return by_name[value.casefold()]
    raise CellError(f"unknown municipality {value!r} (use the four-digit code, e.g. 0180 for Stockholm)")


@lru_cache(maxsize=4096)
def _birth_year(value: str) -> int | None:
    if not value:
        return None
    this_year = datetime.now(UTC).year
    if not value.isdigit() or not 1900 <= int(value) <= this_year:
        raise CellError(f"bad birth year {value!r} (a year between 1900 and {this_year})")
    return int(value)


def _years(value: str) -> float | None:
    if not value:
        return None
    number = _number(value)
    if number < 0:
        raise CellError(f"years must be 0 or more, not {value!r}")
    return number


@lru_cache(maxsize=4096)
def _capacity(value: str) -> int:
    if not value:
        return 1
    if not re.fullmatch(r"[+-]?\d+", value) or int(value) < 1:
        raise CellError(f"capacity must be a whole number of at least 1, not {value!r}")
    return int(value)


def _number(value: str) -> float:
    try:
        number = (
            float(value.replace(",", ".")) if value.count(",") == 1 and "." not in value else float(value)
        )
    except ValueError:
        raise CellError(f"{value!r} is not a number") from None
    if not math.isfinite(number):
        raise CellError(f"{value!r} is not a finite number")
    return number


def _score(value: str) -> float:
    if not value:
        raise CellError("score missing")
    number = _number(value)
    if number < 0:
        raise CellError(f"score must be 0 or more, not {value!r}")
    return number


@lru_cache(maxsize=4096)
def _exclusions(value: str) -> tuple[str, ...]:
    return tuple(e.strip() for e in value.split(";") if e.strip())


MENTEE_PARSERS: dict[str, Parser] = {
    "name": _text,
    "occupation_wanted": _ssyk,
    "occupation_earlier": _ssyk,
    "languages": _languages,
    "municipality": _municipality,
    "meeting_format": _choice(MEETING_FORMATS),
    "goals": _text,
    "gender": _choice(GENDERS),
    "mentor_gender_wish": _choice(GENDER_WISHES),
    "mentor_age_wish": _choice(AGE_WISHES),
    "birth_year": _birth_year,
    "experience_years": _years,
    "employer": _optional_text,
    "excluded": _exclusions,
}
MENTOR_PARSERS: dict[str, Parser] = {
    "name": _text,
    "occupation": _ssyk,
    "languages": _languages,
    "municipality": _municipality,
    "meeting_format": _choice(MEETING_FORMATS),
    "expertise": _text,
    "capacity": _capacity,
    "gender": _choice(GENDERS),
    "birth_year": _birth_year,
    "experience_years": _years,
    "employer": _optional_text,
    "excluded": _exclusions,
}


def _parse_people(path: Path, parsers: dict[str, Parser], build: Callable[..., Any]) -> list[Any]:
    log = _Log(path, [])
    people: list[Any] = []
    first_line: dict[str, int] = {}
    for line, cells in read_table(path, ["id"]):
        person_id = cells["id"]
        if not person_id:
            log.add(line, "id", "id missing")
        elif person_id in first_line:
            log.add(line, "id", f"duplicate id {person_id!r} (first on line {first_line[person_id]})")
        else:
            first_line[person_id] = line
        fields = {}
        for column, parse in parsers.items():
            if column in cells:
                try:
                    fields[column] = parse(cells[column])
                except CellError as error:
                    log.add(line, column, str(error))
        if log.count == 0:
            people.append(build(id=person_id, **fields))
    log.raise_if_any()
    return people


def read_mentees(path: Path) -> list[Mentee]:
    return _parse_people(path, MENTEE_PARSERS, Mentee)


def read_mentors(path: Path) -> list[Mentor]:
    return _parse_people(path, MENTOR_PARSERS, Mentor)


def read_scores(path: Path) -> list[tuple[str, str, float]]:
    """(mentee_id, mentor_id, score) rows; each pair at most once."""
    log = _Log(path, [])
    rows: list[tuple[str, str, float]] = []
    first_line: dict[tuple[str, str], int] = {}
    for line, cells in read_table(path, ["mentee_id", "mentor_id", "score"]):
        pair = (cells["mentee_id"], cells["mentor_id"])
        for column, value in zip(("mentee_id", "mentor_id"), pair, strict=True):
            if not value:
                log.add(line, column, f"{column} missing")
        if pair in first_line:
            log.add(
                line, "mentor_id", f"pair {pair[0]}–{pair[1]} listed twice (first on line {first_line[pair]})"
            )
        first_line.setdefault(pair, line)
        try:
            rows.append((*pair, _score(cells["score"])))
        except CellError as error:
            log.add(line, "score", str(error))
    log.raise_if_any()
    return rows


def read_capacities(path: Path) -> dict[str, int]:
    log = _Log(path, [])
    capacities: dict[str, int] = {}
    first_line: dict[str, int] = {}
    for line, cells in read_table(path, ["mentor_id", "capacity"]):
        mentor_id = cells["mentor_id"]
        if not mentor_id:
            log.add(line, "mentor_id", "mentor_id missing")
        elif mentor_id in first_line:
            log.add(
                line,
                "mentor_id",
                f"duplicate mentor_id {mentor_id!r} (first on line {first_line[mentor_id]})",
            )
        first_line.setdefault(mentor_id, line)
        try:
            capacities[mentor_id] = _capacity(cells["capacity"])
        except CellError as error:
            log.add(line, "capacity", str(error))
    log.raise_if_any()
    return capacities


def read_weights(path: Path) -> dict[str, float]:
    """Criterion weights from a JSON object or a CSV with columns ``criterion, weight``."""
    log = _Log(path, [])
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as error:
            raise InputErrors([f"{path.name}: cannot read JSON: {error}"]) from error
        if not isinstance(data, dict):
            raise InputErrors([f'{path.name}: expected an object such as {{"occupation": 3, "goals": 1}}'])
        entries = [(1, {"criterion": str(k), "weight": str(v)}) for k, v in data.items()]
    else:
        entries = read_table(path, ["criterion", "weight"])
    weights = {}
    for line, cells in entries:
        name = cells["criterion"].strip().lower()
        if name not in CRITERIA:
            log.add(
                line, "criterion", f"unknown criterion {cells['criterion']!r} (known: {', '.join(CRITERIA)})"
            )
            continue
        try:
            weight = _number(cells["weight"])
            if weight < 0:
                raise CellError(f"weight must be 0 or more, not {cells['weight']!r}")
            weights[name] = weight
        except CellError as error:
            log.add(line, "weight", str(error))
    log.raise_if_any()
    return weights
