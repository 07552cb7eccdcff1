"""CV uploads: the type is read from the content (never the name), the size is capped, and the file
is stored under a random name in private storage. The name the applicant gave is only kept, cleaned,
for showing and for the download's file name."""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
import zipfile
from datetime import datetime, timedelta
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.applications.storage import PrivateStorage

MAX_CV_BYTES = 5 * 1024 * 1024
CV_FOLDER = "cv"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

TOO_LARGE = _("The file is %(size)s MB. The largest file you can send is 5 MB.")
WRONG_TYPE = _(
    "This file is not a PDF, Word (DOCX) or OpenDocument (ODT) document. "
    "Save your CV in one of these formats and try again."
)


def detect_document_kind(file: IO[bytes]) -> str | None:
    """ "pdf", "docx" or "odt" from the file's content, or None for anything else."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            small_mimetype = "mimetype" in names and archive.getinfo("mimetype").file_size < 100
            if small_mimetype and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names and any(name.startswith("word/") for name in names):
                return "docx"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    finally:
        file.seek(0)
    return None


def check_cv(upload):
    """The one check of an uploaded CV, for the public form and for a CV that came with a paper form: at
    most 5 MB, and a PDF, DOCX or ODT by its content. Marks the upload with its `document_kind` and a
    `clean_name`; None when nothing was uploaded."""
    if not upload:
        return None
    if upload.size > MAX_CV_BYTES:
        raise ValidationError(
            TOO_LARGE, params={"size": f"{upload.size / 1024 / 1024:.1f}"}, code="too_large"
        )
    kind = detect_document_kind(upload)
    if kind is None:
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    upload.document_kind = kind
    upload.clean_name = clean_file_name(upload.name, kind)
    return upload


def clean_file_name(name: str, kind: str) -> str:
    """A name safe to show and to offer as a download: no folders, no control characters, short."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = re.sub(r"[^\w.\- ()]+", "_", name).strip(" ._")
    stem = os.path.splitext(name)[0][:80].strip(" ._") or "cv"
    return f"{stem}.{kind}"


def store_cv(file: IO[bytes], kind: str) -> str:
    """Save an uploaded CV under a new random name; the stored name (e.g. "cv/3f…a1.pdf")."""
    name = f"{CV_FOLDER}/{secrets.token_hex(16)}.{kind}"
    file.seek(0)
    return PrivateStorage().save(name, file)


def is_stored_cv_name(name: str) -> bool:
    """A name `store_cv` could have made (so a value from a session can be trusted as a path)."""
    return bool(re.fullmatch(rf"{CV_FOLDER}/[0-9a-f]{{32}}\.(pdf|docx|odt)", name or ""))


def delete_cv(name: str) -> None:
    if is_stored_cv_name(name):
        PrivateStorage().delete(name)


def purge_abandoned_cvs(*, now: datetime, older_than: timedelta = timedelta(days=2)) -> int:
    """Delete CVs uploaded into drafts that were never sent. Returns how many were deleted."""
    from tandem.applications.models import Application

    storage = PrivateStorage()
    if not storage.exists(CV_FOLDER):
        return 0
    _dirs, files = storage.listdir(CV_FOLDER)
    kept = set(Application.objects.exclude(cv="").values_list("cv", flat=True))
    deleted = 0
    for file_name in files:
        name = f"{CV_FOLDER}/{file_name}"
        if name in kept or not is_stored_cv_name(name):
            continue
        if storage.get_modified_time(name) < now - older_than:
            storage.delete(name)
            deleted += 1
    return deleted
