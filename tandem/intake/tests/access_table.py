"""Who gets which status on the staff intake pages: paper forms, interviews and imports.

Editors use them; read-only viewers may see the overview page, print the paper form and download the
import template, but get 403 on every page that stores applications; outsiders get 404.
"""

from __future__ import annotations

from typing import Any

from tandem.applications.tests.access_table import add_form
from tandem.lib.testing.access import PROGRAM_CHANGE, PROGRAM_EDIT_PAGE, PROGRAM_PAGE, Row, program_kwargs


def _pdf_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "role": "mentee"}


def _template_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "ext": "csv"}


def _check_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "token": "0" * 32}


def add_import_job(world: dict[str, Any]) -> None:
    """A finished import job of the program (its status page shows the result)."""
    from tandem.intake.models import ImportJob

    add_form(world)
    world["import_job"] = ImportJob.objects.create(
        program=world["program"],
        form=world["form"],
        role="mentee",
        token="1" * 32,
        rows=3,
        rows_checked=3,
        imported=3,
        import_requested=True,
        status=ImportJob.Status.DONE,
    )


def add_read_upload(world: dict[str, Any]) -> None:
    """A stored upload the worker has read (a sentinel applicant in its first row) and one it is still
    reading: the mapping page, and the page that waits."""
    from django.core.files.base import ContentFile

    from tandem.intake import tables
    from tandem.intake.models import UploadReading

    add_form(world)
    program = world["program"]
    content = "Förnamn;E-post\nAmira;amira@example.org\n".encode()
    world["read_token"] = tables.store_upload(
        ContentFile(content, "a.csv"), program_id=program.pk, role="mentee", kind="csv"
    )
    UploadReading.objects.create(
        program=program,
        token=world["read_token"],
        status=UploadReading.Status.READY,
        header=["Förnamn", "E-post"],
        preview=[[2, ["Amira", "amira@example.org"]]],
        row_count=1,
    )
    world["reading_token"] = "2" * 32
    UploadReading.objects.create(program=program, token=world["reading_token"])


def _read_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "token": world["read_token"]}


def _reading_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "token": world["reading_token"]}


def _job_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "job": world["import_job"].pk}


ROWS = [
    Row("intake:home", PROGRAM_PAGE, program_kwargs, setup=add_form),
    Row("intake:paper_pdf", PROGRAM_PAGE, _pdf_kwargs, query="lang=sv", setup=add_form),
    Row("intake:import_template", PROGRAM_PAGE, _template_kwargs, query="role=mentee", setup=add_form),
    Row("intake:paper", PROGRAM_EDIT_PAGE, program_kwargs, query="role=mentee", setup=add_form),
    Row("intake:interview", PROGRAM_EDIT_PAGE, program_kwargs, query="role=mentee", setup=add_form),
    Row("intake:import", PROGRAM_EDIT_PAGE, program_kwargs, setup=add_form),
    # An unknown upload sends the editor back to step 1 with a message.
    Row("intake:import_check", PROGRAM_CHANGE, _check_kwargs, setup=add_form),
    # The mapping page once the worker read the file, and the page that waits while it reads.
    Row("intake:import_check", PROGRAM_EDIT_PAGE, _read_kwargs, setup=add_read_upload),
    Row("intake:import_check", PROGRAM_EDIT_PAGE, _reading_kwargs, setup=add_read_upload),
    # Only editors see an import job; another organisation's people get 404 (see test_import_jobs.py).
    Row("intake:import_job", PROGRAM_EDIT_PAGE, _job_kwargs, setup=add_import_job),
    Row(
        "intake:paper",
        PROGRAM_EDIT_PAGE,  # an incomplete form is shown again with its errors, nothing stored
        program_kwargs,
        method="POST",
        query="role=mentee",
        setup=add_form,
    ),
]
