"""Make import files the way people do (Excel, CSV with semicolons or commas) and walk the import."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
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
    """POST the upload; the worker reads the file at once (huey is immediate in the tests, once the
    transaction that stored the reading commits), so the page it redirects to shows the rows."""
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("intake:import", args=[program.pk]), {"role": role, "file": file})


def upload_and_read(client, program, content: bytes, name: str = "ansokningar.csv", role: str = "mentee"):
    """Upload, let the worker read, and show the page the upload leads to (the mapping page, or why the
    file cannot be imported)."""
    response = upload(client, program, content, name, role)
    assert response.status_code == 302, response.context["upload_form"].errors
    return client.get(response["Location"])


def mapping_data(response, **extra) -> dict[str, str]:
    """The mapping as the check page pre-filled it, plus `extra`."""
    form = response.context["mapping_form"]
    data = {name: form[name].value() or "" for name in form.columns}
    data["default_language"] = "sv"
    return {**data, **extra}


def post_and_run(client, url: str, data: dict, *, follow: bool = False):
    """POST the mapping page; the job it starts runs at once (huey runs immediately in the tests, once
    the transaction that stored the job commits). With `follow`, the page the POST sends to after that."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data)
    if follow and response.status_code == 302:
        return client.get(response["Location"])
    return response


def upload_and_import(
    client, program, content: bytes, name: str = "ansokningar.csv", role: str = "mentee", **extra
):
    """Upload, then "Check and import" with the guessed columns: the job's status page it ends on (or
    the mapping page, if the mapping was refused). `extra`: more fields, e.g. send_confirmation="on"."""
    response = upload(client, program, content, name, role)
    assert response.status_code == 302, response.context["upload_form"].errors
    check_url = response["Location"]
    page = client.get(check_url)
    data = mapping_data(page, action="import", consent="on", **extra)
    return post_and_run(client, check_url, data, follow=True)


def upload_and_check(client, program, content: bytes, name: str = "ansokningar.csv", role: str = "mentee"):
    """Upload, then "Only check every row": the job's status page."""
    response = upload(client, program, content, name, role)
    assert response.status_code == 302, response.context["upload_form"].errors
    check_url = response["Location"]
    return post_and_run(client, check_url, mapping_data(client.get(check_url), action="check"), follow=True)


def problem_lines(job) -> list[str]:
    return [f"Row {p['row']}, {p['field']}: {p['message']}" for p in job.problems]
