"""Tiny hostile spreadsheets (issue 12, item 3): a 1.8 KB XLSX with one cell at row 20,000,000 held a
web worker for 187 s, and 3.3 million shared strings grew it to 685 MB. The stated dimensions and the
shared strings are checked before reading, and the reading stops at the row limit."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from tandem.intake import tables
from tandem.intake.models import UploadReading

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def handmade_xlsx(sheet_data: str, *, dimension: str | None, shared_strings: str | None = None) -> bytes:
    """The smallest workbook openpyxl opens, written part by part."""
    overrides = (
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    )
    if shared_strings is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            f'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
            '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
            + (f'<dimension ref="{dimension}"/>' if dimension else "")
            + f"<sheetData>{sheet_data}</sheetData></worksheet>"
        ),
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Förnamn</t></is></c></row>'
FAR_ROW = '<row r="20000000"><c r="A20000000" t="inlineStr"><is><t>x</t></is></c></row>'


def read(content: bytes):
    file = io.BytesIO(content)
    with translation.override("en"):
        return tables.read_table(file, tables.detect_kind(file))


@pytest.mark.parametrize("dimension", ["A1:A20000000", "A1:A2", None])
def test_one_cell_at_row_20_million_is_refused_at_once(dimension):
    content = handmade_xlsx(HEADER_ROW + FAR_ROW, dimension=dimension)
    assert len(content) < 2000

    started = time.monotonic()
    with translation.override("en"), pytest.raises(tables.TableError, match="5\xa0000|5,000"):
        read(content)

    assert time.monotonic() - started < 5


def test_a_workbook_of_millions_of_shared_strings_is_refused_before_openpyxl_reads_them(monkeypatch):
    import openpyxl

    strings = "".join(f"<si><t>{number}</t></si>" for number in range(tables.MAX_SHARED_STRINGS + 1))
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1" uniqueCount="1">{strings}</sst>'
    )
    content = handmade_xlsx(HEADER_ROW, dimension="A1:A1", shared_strings=shared)
    assert len(content) < tables.MAX_BYTES
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("openpyxl read the strings"))

    with translation.override("en"), pytest.raises(tables.TableError, match="too large"):
        read(content)


def test_an_ordinary_handmade_workbook_still_reads():
    shared = f'<sst xmlns="{MAIN}"><si><t>Amira</t></si></sst>'
    rows = HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'

    table = read(handmade_xlsx(rows, dimension="A1:A2", shared_strings=shared))

    assert table.header == ["Förnamn"]
    assert table.preview == [(2, ["Amira"])]


def _upload_in_english(client, coordinator, settings):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("hostile", ["row_20_million", "shared_strings"])
def test_the_upload_returns_at_once_and_the_worker_refuses_the_file_with_a_clear_message(
    client, coordinator, mentee_form, settings, hostile
):
    """Finding 3: the request only stores the file and queues its reading; the worker reads within the
    limits and fails cleanly (a message in the coordinator's language, the file deleted)."""
    if hostile == "row_20_million":
        content = handmade_xlsx(HEADER_ROW + FAR_ROW, dimension="A1:A20000000")
        expected = "more than 5"
    else:
        strings = "".join(f"<si><t>{n}</t></si>" for n in range(tables.MAX_SHARED_STRINGS + 1))
        shared = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{strings}</sst>'
        content = handmade_xlsx(HEADER_ROW, dimension="A1:A1", shared_strings=shared)
        expected = "too large"
    signed_in = _upload_in_english(client, coordinator, settings)
    url = reverse("intake:import", args=[mentee_form.program.pk])
    file = SimpleUploadedFile("liten.xlsx", content, content_type="application/octet-stream")

    started = time.monotonic()
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:  # the worker has not run yet
        response = signed_in.post(url, {"role": "mentee", "file": file})
    assert time.monotonic() - started < 2
    assert response.status_code == 302
    assert len(queued) == 1
    [reading] = UploadReading.objects.all()
    assert reading.status == "queued"
    waiting = signed_in.get(response["Location"])
    assert "The file is being read" in waiting.content.decode()

    started = time.monotonic()
    queued[0]()  # the worker's turn
    assert time.monotonic() - started < 10

    reading.refresh_from_db()
    assert reading.status == "failed" and expected in reading.error
    page = signed_in.get(response["Location"])
    assert "This file cannot be imported:" in page.content.decode()
    assert expected in page.content.decode()
    assert tables.find_upload(program_id=mentee_form.program.pk, token=reading.token) is None


def test_htmx_asks_again_while_the_file_is_read_and_reloads_when_it_is(
    client, coordinator, mentee_form, settings
):
    signed_in = _upload_in_english(client, coordinator, settings)
    url = reverse("intake:import", args=[mentee_form.program.pk])
    file = SimpleUploadedFile("a.csv", "Förnamn;E-post\nAmira;amira@example.org\n".encode(), "text/csv")
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        check_url = signed_in.post(url, {"role": "mentee", "file": file})["Location"]

    assert signed_in.get(check_url, HTTP_HX_REQUEST="true").status_code == 204
    queued[0]()
    ready = signed_in.get(check_url, HTTP_HX_REQUEST="true")
    assert ready.status_code == 200 and ready["HX-Refresh"] == "true"
    page = signed_in.get(check_url)
    assert page.context["table"].header == ["Förnamn", "E-post"]
    assert "Amira" in page.content.decode()


def test_a_reading_cut_off_by_a_dead_worker_says_so(client, coordinator, mentee_form, settings):
    from datetime import timedelta

    signed_in = _upload_in_english(client, coordinator, settings)
    url = reverse("intake:import", args=[mentee_form.program.pk])
    file = SimpleUploadedFile("a.csv", b"Name\nAmira\n", "text/csv")
    with TestCase.captureOnCommitCallbacks(execute=False):
        check_url = signed_in.post(url, {"role": "mentee", "file": file})["Location"]
    UploadReading.objects.update(status="reading", updated_at=timezone.now() - timedelta(minutes=6))

    page = signed_in.get(check_url)

    assert "The reading of the file was interrupted. Upload it again." in page.content.decode()
