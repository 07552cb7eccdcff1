"""The public CV upload under attack (issue 12, item 1): 20 fresh sessions × 5 MB filled the disk, and a
full disk answered 500 and left half-written files. Uploads are limited per address and per session
before anything is stored, unsent uploads share a quota and are deleted soon, and a full disk gives a
clear page in the applicant's language."""

from __future__ import annotations

import errno
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.utils import timezone

from tandem.applications.storage import PrivateStorage
from tandem.applications.tests.documents import PDF
from tandem.applications.tests.helpers import step_url
from tandem.applications.uploads import purge_abandoned_cvs

BIG = PDF + b"0" * (200 * 1024)  # large enough to be seen as a file before the body is read


def upload(client, form, content: bytes = PDF, lang: str = "en", **extra):
    return client.post(step_url(form, "cv", lang), {"cv": SimpleUploadedFile("cv.pdf", content)}, **extra)


def stored(private_files: Path) -> list[Path]:
    folder = private_files / "cv"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_one_session_may_upload_only_so_many_files(client, mentee_form, private_files, settings):
    settings.CV_UPLOADS_PER_SESSION = 2
    assert upload(client, mentee_form).status_code == 302
    assert upload(client, mentee_form).status_code == 302
    kept = client.session["tandem_applications"][str(mentee_form.pk)]["cv"]

    refused = upload(client, mentee_form)

    assert refused.status_code == 429
    assert "we cannot take this file now. Please try again in an hour." in refused.content.decode()
    assert client.session["tandem_applications"][str(mentee_form.pk)]["cv"] == kept
    assert stored(private_files) == [private_files / kept["name"]]


def test_fresh_sessions_from_one_address_are_limited_too(client, mentee_form, private_files, settings):
    settings.CV_UPLOAD_RATE_LIMIT = 2
    answers = [upload(client.__class__(), mentee_form).status_code for _ in range(4)]

    assert answers == [302, 302, 429, 429]
    assert len(stored(private_files)) == 2


def test_a_large_upload_over_the_limit_is_refused_before_its_body_is_read(
    client, mentee_form, private_files, settings, monkeypatch
):
    settings.CV_UPLOADS_PER_SESSION = 1
    assert upload(client, mentee_form, BIG).status_code == 302
    read = []
    real_load = HttpRequest._load_post_and_files
    monkeypatch.setattr(HttpRequest, "_load_post_and_files", lambda self: read.append(1) or real_load(self))

    refused = upload(client, mentee_form, BIG)

    assert refused.status_code == 429
    assert read == []
    assert len(stored(private_files)) == 1


def test_unsent_uploads_share_a_total_quota(client, mentee_form, private_files, settings):
    settings.CV_UNSENT_QUOTA_MB = 1
    half = PDF + b"0" * (600 * 1024)
    assert upload(client.__class__(), mentee_form, half).status_code == 302

    refused = upload(client.__class__(), mentee_form, half)

    assert refused.status_code == 503
    assert "We cannot store files at the moment." in refused.content.decode()
    assert len(stored(private_files)) == 1


def test_a_full_disk_gives_a_clear_page_in_the_applicants_language_and_leaves_no_partial_file(
    client, mentee_form, private_files, monkeypatch
):
    def disk_full(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(10))  # half-written when the disk ran full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(PrivateStorage, "_save", disk_full)

    response = upload(client, mentee_form, lang="ar")

    assert response.status_code == 503
    page = response.content.decode()
    assert 'lang="ar"' in page
    assert "لا يمكننا حفظ الملفات" in page
    assert stored(private_files) == []
    assert "cv" not in (client.session.get("tandem_applications") or {}).get(str(mentee_form.pk), {})


def test_unsent_uploads_are_deleted_within_hours_not_days(client, mentee_form, private_files):
    upload(client, mentee_form)
    now = timezone.now()

    assert purge_abandoned_cvs(now=now + timedelta(hours=11)) == 0
    assert purge_abandoned_cvs(now=now + timedelta(hours=13)) == 1
    assert stored(private_files) == []
