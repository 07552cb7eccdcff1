"""Where uploaded CVs live: a folder outside the static and media web roots, with no URL.

Files are only ever sent by a view that has checked the person's access first (see `views_staff.py`).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="tandem.applications.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """`settings.PRIVATE_STORAGE_DIR`, read on every use (tests point it at a temporary folder)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(settings.PRIVATE_STORAGE_DIR)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view that checks access.")
