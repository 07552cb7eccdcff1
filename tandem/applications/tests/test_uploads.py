"""CV uploads: the type is read from the content, the size is capped, the name never reaches the disk,
and only staff who may see the program can download the file."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.applications.models import Application
from tandem.applications.tests.documents import EXE, PDF, docx, multipart, odt, plain_zip
from tandem.applications.tests.helpers import fill_pages, send, step_url
from tandem.applications.uploads import clean_file_name, purge_abandoned_cvs
from tandem.audit.models import AuditEvent


def upload(client, form, name: str, content: bytes, lang: str = "en"):
    return client.post(step_url(form, "cv", lang), {"cv": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("cv.pdf", PDF, "pdf"),
        ("cv.docx", docx(), "docx"),
        ("cv.odt", odt(), "odt"),
        ("CV utan ändelse", PDF, "pdf"),
    ],
)
def test_a_pdf_docx_or_odt_is_accepted_by_its_content(
    client, mentee_form, private_files, name, content, kind
):
    response = upload(client, mentee_form, name, content)
    assert response.status_code == 302
    stored = client.session["tandem_applications"][str(mentee_form.pk)]["cv"]
    assert re.fullmatch(rf"cv/[0-9a-f]{{32}}\.{kind}", stored["name"])  # a random name, the type by content
    assert (private_files / stored["name"]).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [("cv.pdf", EXE), ("cv.docx", plain_zip()), ("cv.pdf", b"just text, not a document")],
)
def test_anything_else_is_refused_whatever_its_name(client, mentee_form, private_files, name, content):
    response = upload(client, mentee_form, name, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This file is not a PDF, Word (DOCX) or OpenDocument (ODT) document." in page
    assert 'id="id_cv_error"' in page
    assert not (private_files / "cv").exists()


def test_a_file_over_5_mb_is_refused_with_its_size(client, mentee_form, private_files):
    response = upload(client, mentee_form, "cv.pdf", PDF + b"0" * (6 * 1024 * 1024))
    assert response.status_code == 200
    assert "The file is 6.0 MB. The largest file you can send is 5 MB." in response.content.decode()
    assert not (private_files / "cv").exists()


def test_the_size_message_comes_in_the_applicants_language(client, mentee_form):
    response = upload(client, mentee_form, "cv.pdf", PDF + b"0" * (6 * 1024 * 1024), lang="ar")
    assert "أكبر حجم يمكنك إرساله هو 5 ميغابايت" in response.content.decode()


def test_a_file_name_with_folders_is_refused_when_it_is_not_a_document(client, mentee_form, private_files):
    body, content_type = multipart({}, "cv", "../../etc/passwd.pdf", b"root:x:0:0:root:/root:/bin/bash\n")
    response = client.generic("POST", step_url(mentee_form, "cv", "en"), body, content_type=content_type)
    assert response.status_code == 200
    assert "This file is not a PDF" in response.content.decode()
    assert not (private_files / "cv").exists()


def test_a_file_name_with_folders_never_reaches_the_disk(client, mentee_form, private_files, tmp_path):
    body, content_type = multipart({}, "cv", "../../etc/passwd.pdf", PDF)
    response = client.generic("POST", step_url(mentee_form, "cv", "en"), body, content_type=content_type)
    assert response.status_code == 302
    stored = client.session["tandem_applications"][str(mentee_form.pk)]["cv"]
    assert stored["original"] == "passwd.pdf"
    assert (private_files / stored["name"]).resolve().is_relative_to(private_files.resolve())
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\cv.docx", "cv.docx"),
        ("Mitt CV – Åsa.pdf", "Mitt CV _ Åsa.pdf"),
        ("سيرتي الذاتية.pdf", "سيرتي الذاتية.pdf"),
        ("<script>.exe", "script.pdf"),
        ("....", "cv.pdf"),
    ],
)
def test_the_shown_file_name_is_cleaned(given, expected):
    assert clean_file_name(given, expected.rsplit(".", 1)[1]) == expected


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_cv_page_says_no_file_was_added_in_a_fresh_session(client, mentee_form, lang):
    page = client.get(step_url(mentee_form, "cv", lang)).content.decode()
    assert "Du har lagt till filen" not in page
    assert "لقد أضفت الملف" not in page
    assert 'name="remove_cv"' not in page


def test_the_cv_page_names_the_file_that_was_added(client, mentee_form):
    upload(client, mentee_form, "Amira CV.pdf", PDF)
    page = client.get(step_url(mentee_form, "cv", "en")).content.decode()
    assert "You have added the file Amira CV.pdf. You can choose another file to replace it." in page
    assert 'name="remove_cv"' in page


def test_replacing_a_cv_deletes_the_first_file(client, mentee_form, private_files):
    upload(client, mentee_form, "first.pdf", PDF)
    first = client.session["tandem_applications"][str(mentee_form.pk)]["cv"]["name"]
    upload(client, mentee_form, "second.docx", docx())
    second = client.session["tandem_applications"][str(mentee_form.pk)]["cv"]["name"]
    assert not (private_files / first).exists()
    assert (private_files / second).exists()


def test_files_uploaded_but_never_sent_are_purged(client, mentee_form, private_files):
    from datetime import timedelta

    from django.utils import timezone

    upload(client, mentee_form, "left.pdf", PDF)
    assert purge_abandoned_cvs(now=timezone.now()) == 0  # still fresh
    assert purge_abandoned_cvs(now=timezone.now() + timedelta(days=3)) == 1
    assert list((private_files / "cv").iterdir()) == []


# --- Downloading ---------------------------------------------------------------------------------


@pytest.fixture
def application_with_cv(client, mentee_form):
    fill_pages(client, mentee_form, {**_answers(), "cv": {"cv": SimpleUploadedFile("Amira CV.pdf", PDF)}})
    send(client, mentee_form)
    client.logout()
    return Application.objects.get()


def _answers():
    from tandem.applications.tests.helpers import MENTEE_ANSWERS

    return dict(MENTEE_ANSWERS)


def test_staff_of_the_program_download_the_cv_under_its_cleaned_name(
    client, application_with_cv, coordinator
):
    client.force_login(coordinator)
    response = client.get(reverse("applications:cv", args=[application_with_cv.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Amira CV.pdf"'
    event = AuditEvent.objects.get(action="application.cv_downloaded")
    assert event.actor == coordinator and event.data == {}


@pytest.mark.parametrize("person", ["admin", "partner_coordinator"])
def test_everyone_who_works_with_the_applicants_may_download(client, application_with_cv, cast, person):
    client.force_login(cast[person])
    assert client.get(reverse("applications:cv", args=[application_with_cv.pk])).status_code == 200


def test_a_viewer_may_not_download_a_cv(client, application_with_cv, viewer):
    """Issue 12, item 8: viewers downloaded CVs."""
    client.force_login(viewer)
    assert client.get(reverse("applications:cv", args=[application_with_cv.pk])).status_code == 403


def test_a_coordinator_of_another_program_gets_not_found(client, application_with_cv, outsider):
    client.force_login(outsider)
    assert client.get(reverse("applications:cv", args=[application_with_cv.pk])).status_code == 404


def test_an_anonymous_visitor_gets_not_found(client, application_with_cv):
    assert client.get(reverse("applications:cv", args=[application_with_cv.pk])).status_code == 404


def test_the_cv_is_stored_outside_the_web_roots(settings, application_with_cv, private_files):
    from pathlib import Path

    path = Path(application_with_cv.cv.path).resolve()
    assert path.is_relative_to(private_files.resolve())
    assert not path.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    with pytest.raises(ValueError):
        application_with_cv.cv.url  # noqa: B018  (no URL of its own)
