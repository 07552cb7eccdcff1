"""CV uploads: the type is read from the content (never the name), the size is capped, and the file
is stored under a random name in private storage. The name the applicant gave is only kept, cleaned,
for showing and for the download's file name."""

from __future__ import annotations

import contextlib
import errno
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


# How long a CV uploaded into a draft may wait for its "Send" before the clean-up deletes it (a
# session lives 12 hours after its last change; a draft whose CV was deleted is sent without it).
UNSENT_CV_HOURS = 12


class StorageFull(Exception):
    """The disk (or the quota of the disk) is full: the file was not stored, and nothing of it is left."""


def store_cv(file: IO[bytes], kind: str) -> str:
    """Save an uploaded CV under a new random name; the stored name (e.g. "cv/3f…a1.pdf").

    Raises `StorageFull` when the disk is full, after removing whatever part of the file was written."""
    name = f"{CV_FOLDER}/{secrets.token_hex(16)}.{kind}"
    file.seek(0)
    storage = PrivateStorage()
    try:
        return storage.save(name, file)
    except OSError as error:
        with contextlib.suppress(OSError):
            storage.delete(name)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFull from error
        raise


def stored_cv_exists(name: str) -> bool:
    return is_stored_cv_name(name) and PrivateStorage().exists(name)


def _unattached_cvs(storage: PrivateStorage):
    """(name, size, modified) of every stored CV that no application holds."""
    from tandem.applications.models import Application

    folder = os.path.join(storage.location, CV_FOLDER)
    if not os.path.isdir(folder):
        return
    kept = set(Application.objects.exclude(cv="").values_list("cv", flat=True))
    with os.scandir(folder) as entries:
        for entry in entries:
            name = f"{CV_FOLDER}/{entry.name}"
            if name in kept or not is_stored_cv_name(name):
                continue
            try:
                info = entry.stat()
            except FileNotFoundError:  # deleted meanwhile
                continue
            yield name, info.st_size, info.st_mtime


def unsent_cv_bytes() -> int:
    """How much room the CVs of drafts not (yet) sent take: the total quota counts against this."""
    return sum(size for _name, size, _modified in _unattached_cvs(PrivateStorage()))


def is_stored_cv_name(name: str) -> bool:
    """A name `store_cv` could have made (so a value from a session can be trusted as a path)."""
    return bool(re.fullmatch(rf"{CV_FOLDER}/[0-9a-f]{{32}}\.(pdf|docx|odt)", name or ""))


def delete_cv(name: str) -> None:
    if is_stored_cv_name(name):
        PrivateStorage().delete(name)


def purge_abandoned_cvs(*, now: datetime, older_than: timedelta = timedelta(hours=UNSENT_CV_HOURS)) -> int:
    """Delete CVs uploaded into drafts that were never sent. Returns how many were deleted."""
    storage = PrivateStorage()
    deleted = 0
    for name, _size, modified in list(_unattached_cvs(storage)):
        if modified < (now - older_than).timestamp():
            storage.delete(name)
            deleted += 1
    return deleted
