from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """How often something happened for one key (an address, a hashed e-mail) in a fixed window.

    Kept in the database so that the check-and-count is atomic on every backend (see `throttle.py`)."""

    key = models.CharField(max_length=200, unique=True)
    window_ends = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
