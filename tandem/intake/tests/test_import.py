"""A coordinator imports applications from a CSV or Excel file: all of them, or none.

The worker checks and imports (see test_import_jobs.py for the job itself); here the jobs run at once.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application, ConsentText
from tandem.applications.storage import PrivateStorage
from tandem.audit.models import AuditEvent
from tandem.intake import tables
from tandem.intake.models import ImportJob
from tandem.intake.tests.importing import (
    GOOD_ROWS,
    csv_bytes,
    mapping_data,
    problem_lines,
    upload,
    upload_and_import,
    upload_and_read,
    xlsx_bytes,
)


@pytest.fixture
def signed_in(client, coordinator, settings):
    """The coordinator, signed in, with the pages in English (the messages tested are in English)."""
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def imported_files():
    storage = PrivateStorage()
    if not storage.exists(tables.IMPORT_FOLDER):
        return []
    return [
        name
        for folder in storage.listdir(tables.IMPORT_FOLDER)[0]
        for name in storage.listdir(f"{tables.IMPORT_FOLDER}/{folder}")[1]
    ]


def test_a_good_csv_file_is_imported_through_the_same_service_as_the_web(signed_in, coordinator, mentee_form):
    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))

    assert response.status_code == 200
    assert "Imported 3 applications" in response.content.decode()
    applications = {a.email: a for a in Application.objects.all()}
    assert set(applications) == {"amira@example.org", "omar@example.org", "lina@example.org"}
    amira = applications["amira@example.org"]
    assert (amira.channel, amira.entered_by, amira.language) == ("import", coordinator, "ar")
    assert (amira.municipality, amira.occupation_wanted, amira.birth_year) == ("1480", "2411", 1990)
    assert applications["omar@example.org"].language == "en"
    assert applications["lina@example.org"].birth_year is None
    consent = ConsentText.objects.get(form__isnull=True)
    assert all(a.consent == consent for a in applications.values())
    assert "The people in this file have agreed" in consent.text
    assert AuditEvent.objects.filter(action="application.received").count() == 3
    event = AuditEvent.objects.get(action="applications.imported")
    assert event.data == {
        "role": "mentee",
        "count": 3,
        "duplicates": 0,
        "consent_text": consent.pk,
        "confirmation_emails": False,
    }
    assert imported_files() == []  # the file is deleted after the import


def test_a_good_excel_file_is_imported(signed_in, mentee_form):
    rows = [["Amira", "Haddad", "amira@example.org", 1990, "Göteborg", 2411, "ar"]]

    response = upload_and_import(signed_in, mentee_form.program, xlsx_bytes(rows), name="lista.xlsx")

    assert "Imported 1 application." in response.content.decode()
    amira = Application.objects.get()
    assert (amira.birth_year, amira.occupation_wanted, amira.municipality) == (1990, "2411", "1480")


def test_a_comma_separated_file_without_bom_is_read_too(signed_in, mentee_form):
    content = csv_bytes(GOOD_ROWS, delimiter=",", bom=False)

    upload_and_import(signed_in, mentee_form.program, content)

    assert Application.objects.count() == 3


def test_a_file_saved_by_older_swedish_excel_is_read(signed_in, mentee_form):
    content = csv_bytes([["Åsa", "Öberg", "asa@example.org", "", "", "", ""]], bom=False).decode("utf-8")

    upload_and_import(signed_in, mentee_form.program, content.encode("cp1252"))

    assert Application.objects.get().first_name == "Åsa"


def test_the_columns_are_guessed_from_swedish_and_english_headings(signed_in, mentee_form):
    header = ["E-mail address", "First name", "Efternamn", "Notes from the fair"]
    content = csv_bytes([["a@example.org", "A", "B", "x"]], header=header)

    response = signed_in.get(upload(signed_in, mentee_form.program, content)["Location"])

    assert mapping_data(response) == {
        "column_0": "email",
        "column_1": "first_name",
        "column_2": "last_name",
        "column_3": "",
        "default_language": "sv",
    }


def test_a_file_with_broken_rows_imports_nothing_and_lists_every_problem(signed_in, settings, mentee_form):
    rows = [
        GOOD_ROWS[0],
        ["Omar", "Said", "not-an-address", "1985", "1480", "2412", "en"],
        ["", "Berg", "lina@example.org", "nineteen", "Atlantis", "9999", "Klingon"],
        GOOD_ROWS[2],
    ]

    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(rows))

    assert response.status_code == 200
    job = response.context["job"]
    assert (job.status, job.problem_count) == (ImportJob.Status.PROBLEMS, 6)
    assert problem_lines(job) == [
        "Row 3, E-mail address: Enter a valid email address.",
        "Row 4, First name: This field is required.",
        "Row 4, Year of birth: Enter a whole number.",
        "Row 4, Municipality: Select a valid choice. Atlantis is not one of the available choices.",
        "Row 4, Occupation wanted: Choose an occupation from the list.",
        "Row 4, Applicant's language: Not a language applicants can use here.",
    ]
    html = response.content.decode()
    assert "Nothing was imported" in html and "Row 3, E-mail address" in html
    assert not Application.objects.exists()
    assert not ConsentText.objects.filter(form__isnull=True).exists()


def test_problems_are_told_in_the_coordinators_language(signed_in, settings, mentee_form):
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    rows = [["Omar", "Said", "not-an-address", "", "", "", ""]]

    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(rows))

    [problem] = response.context["job"].problems
    assert problem["message"] == "Fyll i en giltig e-postadress."


def test_a_missing_name_or_e_mail_column_is_asked_for_before_any_row_is_checked(signed_in, mentee_form):
    content = csv_bytes([["Amira", "1990"]], header=["Förnamn", "Födelseår"])
    check_url = upload(signed_in, mentee_form.program, content)["Location"]

    response = signed_in.post(check_url, mapping_data(signed_in.get(check_url), action="check"))

    errors = response.context["mapping_form"].non_field_errors()
    assert len(errors) == 2  # last name and e-mail address
    assert not ImportJob.objects.exists()


def test_the_same_question_cannot_take_two_columns(signed_in, mentee_form):
    check_url = upload(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))["Location"]
    data = mapping_data(signed_in.get(check_url), action="check", column_1="first_name")

    response = signed_in.post(check_url, data)

    assert "column_1" in response.context["mapping_form"].errors


def test_importing_needs_the_coordinators_confirmation_of_consent(signed_in, mentee_form):
    check_url = upload(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))["Location"]

    response = signed_in.post(check_url, mapping_data(signed_in.get(check_url), action="import"))

    assert "consent" in response.context["mapping_form"].errors
    assert not Application.objects.exists() and not ImportJob.objects.exists()


def test_a_duplicate_inside_the_file_or_of_an_earlier_application_is_flagged(signed_in, mentee_form):
    upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS[:1]))
    again = [GOOD_ROWS[0], GOOD_ROWS[1], ["Omar", "Said", "OMAR@example.org", "", "", "", ""]]

    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(again))

    assert "Imported 3 applications. 2 of them may be duplicates" in response.content.decode()
    assert Application.objects.filter(duplicate_of__isnull=False).count() == 2


def test_staff_import_past_the_forms_cap_and_the_mapping_page_says_so(signed_in, mentee_form):
    mentee_form.cap = 2
    mentee_form.save()
    upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS[:2]))
    check_url = upload(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS[2:]))["Location"]

    page = signed_in.get(check_url)

    assert "reached its most applications (2). Applications you add here are stored anyway" in (
        page.content.decode()
    )
    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS[2:]))
    assert "Imported 1 application." in response.content.decode()
    assert Application.objects.count() == 3


def test_an_unpublished_form_takes_no_import(signed_in, mentee_form):
    mentee_form.is_published = False
    mentee_form.save()

    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))

    assert response.context["job"].status == ImportJob.Status.FAILED
    assert "is not published" in response.content.decode()
    assert not Application.objects.exists()
    assert not ConsentText.objects.filter(form__isnull=True).exists()
    assert len(imported_files()) == 1  # kept, to start again once the form is published


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "blank.csv", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "picture.csv", "not a CSV or Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old.xls", "old Excel file (.xls)"),
        (b"PK\x03\x04" + b"\x00" * 100, "broken.xlsx", "not a CSV or Excel"),
    ],
)
def test_a_file_that_cannot_be_imported_gets_a_clear_message(
    signed_in, settings, mentee_form, content, name, message
):
    response = upload(signed_in, mentee_form.program, content, name=name)

    assert response.status_code == 200
    [error] = response.context["upload_form"].errors["file"]
    assert message in error
    assert 'id="id_file_error"' in response.content.decode()
    assert imported_files() == []


def test_a_file_with_a_header_and_no_rows_is_refused_by_the_worker_with_a_clear_message(
    signed_in, settings, mentee_form
):
    page = upload_and_read(signed_in, mentee_form.program, csv_bytes([]), name="header.csv")

    assert page.status_code == 200
    assert "The file has a header row but no applicants below it." in page.content.decode()
    assert page.context["reading"].status == "failed"
    assert imported_files() == []  # a file that cannot be imported is not kept


def test_a_file_over_10_mb_is_refused_before_it_is_read(signed_in, settings, mentee_form):
    big = csv_bytes(GOOD_ROWS) + b"x" * (10 * 1024 * 1024)

    response = upload(signed_in, mentee_form.program, big)

    assert "The largest file you can import is 10 MB" in response.context["upload_form"].errors["file"][0]


def test_a_100000_row_file_is_refused_without_reading_it_all(tmp_path):
    import tracemalloc

    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Förnamn;Efternamn;E-post\n")
        for number in range(100_000):
            handle.write(f"Person;Nummer{number};p{number}@example.org\n")
    assert path.stat().st_size < tables.MAX_BYTES  # so that the row limit, not the size, refuses it

    tracemalloc.start()
    with path.open("rb") as file, pytest.raises(tables.TableError, match="5\xa0000|5,000"):
        tables.read_table(file, tables.detect_kind(file))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert peak < 2 * 1024 * 1024, f"read {peak} bytes at once"


@pytest.mark.slow
def test_a_100000_row_excel_file_is_refused_too(signed_in, mentee_form, tmp_path):
    import tracemalloc

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Förnamn", "Efternamn", "E-post"])
    for number in range(100_000):
        sheet.append(["Person", f"Nummer{number}", f"p{number}@example.org"])
    path = tmp_path / "huge.xlsx"
    workbook.save(path)

    tracemalloc.start()
    with path.open("rb") as file, pytest.raises(tables.TableError, match="5\xa0000|5,000"):
        tables.read_table(file, tables.detect_kind(file))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"read {peak} bytes at once"  # the shared strings, not the rows

    page = upload_and_read(signed_in, mentee_form.program, path.read_bytes(), name="huge.xlsx")

    assert "more than 5" in page.context["reading"].error
    assert imported_files() == []


def test_an_excel_file_that_unpacks_to_too_much_is_refused(signed_in, mentee_form):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", " " * (tables.MAX_UNPACKED_BYTES + 1))

    response = upload(signed_in, mentee_form.program, buffer.getvalue(), name="bomb.xlsx")

    assert "too large" in response.context["upload_form"].errors["file"][0]


def test_the_template_files_import_as_they_are(signed_in, mentee_form):
    for ext in ("csv", "xlsx"):
        url = reverse("intake:import_template", args=[mentee_form.program.pk, ext]) + "?role=mentee"
        template = signed_in.get(url)
        assert template.status_code == 200
        assert "attachment" in template["Content-Disposition"]

        response = upload_and_import(signed_in, mentee_form.program, template.content, name=f"mall.{ext}")

        assert "Imported 1 application." in response.content.decode(), response.context["job"].problems
    example = Application.objects.first()
    assert (example.email, example.municipality, example.other_languages) == (
        "amira.haddad@example.org",
        "1480",
        [{"code": "ar", "level": "C2"}, {"code": "en", "level": "B2"}],
    )


def test_a_stored_file_is_deleted_after_a_day(signed_in, mentee_form):
    upload(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))
    assert len(imported_files()) == 1

    assert tables.purge_stale_uploads(now=timezone.now()) == 0
    assert (
        tables.purge_stale_uploads(now=timezone.now() + tables.STALE_AFTER + timezone.timedelta(minutes=1))
        == 1
    )
    assert imported_files() == []


def test_a_file_that_is_gone_sends_the_coordinator_back_to_upload(signed_in, mentee_form):
    url = reverse("intake:import_check", args=[mentee_form.program.pk, "0" * 32])

    response = signed_in.get(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("intake:import", args=[mentee_form.program.pk])
    assert "no longer here" in response.content.decode()


def test_another_programs_file_cannot_be_reached(outsider, other_program, signed_in, mentee_form):
    check_url = upload(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))["Location"]
    token = check_url.rstrip("/").rsplit("/", 1)[-1]
    signed_in.force_login(outsider)  # the same browser, now the outsider's session

    response = signed_in.get(reverse("intake:import_check", args=[other_program.pk, token]), follow=True)

    assert "no longer here" in response.content.decode()


def test_the_check_page_reads_the_file_not_the_database_per_row(
    signed_in, mentee_form, django_assert_num_queries
):
    check_url = upload(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS * 50))["Location"]
    # session, user, program, admin membership, program role, the worker's reading, form, questions,
    # translations, the audit event, form languages (translations), consent (version, texts)
    with django_assert_num_queries(13):
        response = signed_in.get(check_url)
    assert response.context["table"].row_count == 150
