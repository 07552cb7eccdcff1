"""Files of applications to import: CSV or Excel (.xlsx), read row by row within fixed limits.

The kind of a file is read from its content, never its name. An upload is kept between the import's
steps in private storage under a random name (`imports/<program>/<token>-<role>.<kind>`), never in the
session; it is deleted after the import, or after a day by `purge_stale_uploads`.

Row numbers are those a spreadsheet shows: 1 is the header row, the first applicant is row 2.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import secrets
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import IO
from xml.etree.ElementTree import ParseError, iterparse

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from tandem.applications.storage import PrivateStorage

IMPORT_FOLDER = "imports"
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_CELL_CHARACTERS = 10_000
MAX_UNPACKED_BYTES = 80 * 1024 * 1024  # an .xlsx is a zip: what it holds once unpacked
# openpyxl reads a workbook's shared strings whole, before any row: counted (streaming) first.
MAX_SHARED_STRINGS = MAX_ROWS * MAX_COLUMNS  # at most one per cell of a sheet within the limits
MAX_SHARED_STRINGS_BYTES = 20 * 1024 * 1024
SHARED_STRINGS = "xl/sharedStrings.xml"
STALE_AFTER = timedelta(days=1)
NAME_RE = re.compile(
    rf"^{IMPORT_FOLDER}/(?P<program>\d+)/(?P<token>[0-9a-f]{{32}})-(?P<role>mentor|mentee)\.(?P<kind>csv|xlsx)$"
)
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls (and .doc) container
BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"\x1f\x8b", b"BM", b"Rar!", b"7z\xbc\xaf")


class TableError(ValueError):
    """A file we cannot import; `str()` is a message for the coordinator in the active language."""


@dataclass(frozen=True)
class Table:
    """What the upload step learned: the header, the first rows, and how many rows there are."""

    header: list[str]
    preview: list[tuple[int, list[str]]]
    row_count: int


# --- What kind of file is this? ---------------------------------------------------------------------


def detect_kind(file: IO[bytes]) -> str:
    """ "csv" or "xlsx" from the content; TableError for anything else."""
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if not head.strip(b"\xef\xbb\xbf \r\n\t"):
        raise TableError(_("The file is empty."))
    if head.startswith(OLE2_MAGIC):
        raise TableError(
            _(
                "This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) or as CSV "
                "and try again."
            )
        )
    if head.startswith(b"PK\x03\x04"):
        if _is_xlsx(file):
            return "xlsx"
        raise TableError(_("This file is not a CSV or Excel (.xlsx) file. Save it in one of these formats."))
    if head.startswith(BINARY_MAGIC) or b"\x00" in head:
        raise TableError(_("This file is not a CSV or Excel (.xlsx) file. Save it in one of these formats."))
    return "csv"


def _is_xlsx(file: IO[bytes]) -> bool:
    """A workbook, and one that unpacks to a sane size (a "zip bomb" would fill the memory)."""
    try:
        with zipfile.ZipFile(file) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                return False
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        file.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError(_("The Excel file is too large. Split it into smaller files."))
    return True


def _text_encoding(file: IO[bytes]) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which is how older Excel saves "CSV" in Sweden."""
    file.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := file.read(64 * 1024):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    finally:
        file.seek(0)
    try:
        while chunk := file.read(64 * 1024):
            chunk.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise TableError(
            _("This file is not a CSV or Excel (.xlsx) file. Save it in one of these formats.")
        ) from exc
    finally:
        file.seek(0)
    return "cp1252"


# --- Reading rows ------------------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def without_formula_guard(text: str) -> str:
    """A cell as written before `template_files.inert` put a ' before a formula-like start."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS and text[1:2] else text


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return without_formula_guard(str(value).strip())


def _csv_rows(file: IO[bytes]) -> Iterator[list[str]]:
    encoding = _text_encoding(file)
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    try:
        first = text.readline(64 * 1024)
        delimiter = _delimiter(first)
        for row in csv.reader(_chain(first, text), delimiter=delimiter):
            yield [without_formula_guard(cell.strip()) for cell in row]
    except csv.Error as exc:
        raise TableError(_("The file could not be read as CSV: %(problem)s") % {"problem": exc}) from exc
    finally:
        with contextlib.suppress(ValueError):  # the file may be closed already
            text.detach()  # leave the file open for its owner


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def _delimiter(header_line: str) -> str:
    """The separator of the header line: semicolon (Swedish Excel), comma or tab."""
    try:
        return csv.Sniffer().sniff(header_line, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def _too_many_rows() -> TableError:
    return TableError(
        _("The file has more than %(limit)s rows of applicants. Split it into smaller files.")
        % {"limit": number_format(MAX_ROWS, force_grouping=True)}
    )


def _check_shared_strings(file: IO[bytes]) -> None:
    """Refuse a workbook whose shared strings (read whole by openpyxl) are too many or too large,
    counting them as a stream: the file's own counts may lie."""
    too_large = TableError(_("The Excel file is too large. Split it into smaller files."))
    try:
        with zipfile.ZipFile(file) as archive:
            if SHARED_STRINGS not in archive.namelist():
                return
            if archive.getinfo(SHARED_STRINGS).file_size > MAX_SHARED_STRINGS_BYTES:
                raise too_large
            strings = 0
            with archive.open(SHARED_STRINGS) as part:
                for _event, element in iterparse(part):
                    if element.tag.rpartition("}")[2] == "si":
                        strings += 1
                        if strings > MAX_SHARED_STRINGS:
                            raise too_large
                        element.clear()
    except TableError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, ParseError) as exc:
        raise TableError(
            _("The Excel file could not be opened. Save it again as .xlsx and try again.")
        ) from exc
    finally:
        file.seek(0)


def _xlsx_rows(file: IO[bytes]) -> Iterator[list[str]]:
    """The first sheet's rows, streamed (openpyxl's read-only mode), never past MAX_ROWS + 2: the
    dimensions the file states are checked before reading, and a row far below stops the reading."""
    from openpyxl import load_workbook

    _check_shared_strings(file)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
        try:
            workbook = load_workbook(file, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise TableError(
                _("The Excel file could not be opened. Save it again as .xlsx and try again.")
            ) from exc
        try:
            sheet = workbook.worksheets[0]
            if (sheet.max_row or 0) > MAX_ROWS + 1:
                raise _too_many_rows()
            for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS, max_row=MAX_ROWS + 2):
                yield [_cell_text(value) for value in row]
        finally:
            workbook.close()


def rows(file: IO[bytes], kind: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every row that has something in it, header included, one at a time.

    Refuses (TableError) a row past MAX_ROWS applicants, too many columns or too long a cell, so that
    even a huge file is never read whole.
    """
    file = getattr(file, "file", file)  # the real file under Django's File and UploadedFile
    reader = _xlsx_rows(file) if kind == "xlsx" else _csv_rows(file)
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:  # even an empty row: something lies below it
                raise _too_many_rows()
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            if len(cells) > MAX_COLUMNS:
                raise TableError(
                    _("Row %(row)s has more than %(limit)s columns.") % {"row": number, "limit": MAX_COLUMNS}
                )
            if any(len(cell) > MAX_CELL_CHARACTERS for cell in cells):
                raise TableError(_("Row %(row)s has a cell that is too long.") % {"row": number})
            yield number, cells
    finally:
        reader.close()


def read_table(file: IO[bytes], kind: str, *, preview_rows: int = 5) -> Table:
    """Go through the whole file once: check the limits, keep the header and the first rows."""
    header: list[str] | None = None
    preview: list[tuple[int, list[str]]] = []
    count = 0
    for number, cells in rows(file, kind):
        if header is None:
            header = cells
            continue
        count += 1
        if len(preview) < preview_rows:
            preview.append((number, cells))
    if header is None:
        raise TableError(_("The file is empty."))
    if not count:
        raise TableError(_("The file has a header row but no applicants below it."))
    if any(not name for name in header):
        raise TableError(_("Every column needs a heading in the first row."))
    return Table(header=header, preview=preview, row_count=count)


# --- Keeping the file between steps ---------------------------------------------------------------


def check_kind(upload) -> str:
    """The kind of an uploaded file, from its size and its first bytes (and, for a workbook, the sizes
    its zip directory states): cheap enough for a web request. Its rows are read by the worker
    (`tandem.intake.tasks.read_upload`)."""
    if upload.size > MAX_BYTES:
        raise TableError(
            _("The file is %(size)s MB. The largest file you can import is 10 MB.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}"}
        )
    return detect_kind(upload)


def check_upload(upload) -> tuple[str, Table]:
    """The kind and contents of an uploaded file, or TableError (the demo reads its own files so)."""
    kind = check_kind(upload)
    return kind, read_table(upload, kind)


def store_upload(upload, *, program_id: int, role: str, kind: str) -> str:
    """Save the upload under a new random name; the token that finds it again."""
    token = secrets.token_hex(16)
    upload.seek(0)
    PrivateStorage().save(f"{IMPORT_FOLDER}/{program_id}/{token}-{role}.{kind}", upload)
    return token


@dataclass(frozen=True)
class StoredUpload:
    name: str
    role: str
    kind: str

    def open(self) -> IO[bytes]:
        return PrivateStorage().open(self.name, "rb")


def find_upload(*, program_id: int, token: str) -> StoredUpload | None:
    """The stored file of this program with this token, if it is still there."""
    if not TOKEN_RE.match(token or ""):
        return None
    storage = PrivateStorage()
    folder = f"{IMPORT_FOLDER}/{program_id}"
    if not storage.exists(folder):
        return None
    for file_name in storage.listdir(folder)[1]:
        match = NAME_RE.match(f"{folder}/{file_name}")
        if match and match["token"] == token:
            return StoredUpload(match.string, match["role"], match["kind"])
    return None


def delete_upload(upload: StoredUpload) -> None:
    PrivateStorage().delete(upload.name)


def purge_stale_uploads(*, now: datetime, older_than: timedelta = STALE_AFTER) -> int:
    """Delete import files uploaded more than a day ago and never imported. Returns how many."""
    storage = PrivateStorage()
    if not storage.exists(IMPORT_FOLDER):
        return 0
    deleted = 0
    for program_folder in storage.listdir(IMPORT_FOLDER)[0]:
        folder = f"{IMPORT_FOLDER}/{program_folder}"
        for file_name in storage.listdir(folder)[1]:
            name = f"{folder}/{file_name}"
            if NAME_RE.match(name) and storage.get_modified_time(name) < now - older_than:
                storage.delete(name)
                deleted += 1
    return deleted
