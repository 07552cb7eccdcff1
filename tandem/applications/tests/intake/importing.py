"""Make import files the way people do (Excel, CSV with semicolons or commas) and walk the import."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

HEADER = ["Förnamn", "Efternamn", "E-post", "Födelseår", "Kommun", "Önskat yrke", "Språk"]
GOOD_ROWS = [
    ["Amira", "Haddad", "amira@example.org", "1990", "Göteborg", "2411", "ar"],
    ["Omar", "Said", "omar@example.org", "1985", "1480", "2412", "English"],
    ["Lina", "Berg", "lina@example.org", "", "Mölndal", "", "sv"],
]


def csv_bytes(rows: list[list[str]], *, delimiter: str = ";", bom: bool = True, header=HEADER) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + text.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[list], *, header=HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, program, content: bytes, name: str = "ansokningar.csv", role: str = "mentee"):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("intake:import", args=[program.pk]), {"role": role, "file": file})


def mapping_data(response, **extra) -> dict[str, str]:
    """The mapping as the check page pre-filled it, plus `extra`."""
    form = response.context["mapping_form"]
    data = {name: form[name].value() or "" for name in form.columns}
    data["default_language"] = "sv"
    return {**data, **extra}


def upload_and_import(client, program, content: bytes, name: str = "ansokningar.csv", role: str = "mentee"):
    """Upload, check every row, import: the page the import ends on (or the check page it stopped at)."""
    response = upload(client, program, content, name, role)
    assert response.status_code == 302, response.context["upload_form"].errors
    check_url = response["Location"]
    page = client.get(check_url)
    checked = client.post(check_url, mapping_data(page, action="check"))
    if checked.context["checked"] is None or not checked.context["checked"].is_valid:
        return checked
    return client.post(check_url, mapping_data(page, action="import", consent="on"), follow=True)
