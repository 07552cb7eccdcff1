"""Who gets what from the reports' pages (walked by tandem/lib/tests/test_permissions.py).

Everyone on the program reads the dashboard (figures, no names); outsiders from the other organisation
see nothing (404)."""

from __future__ import annotations

from tandem.lib.testing.access import PROGRAM_PAGE, Row, program_kwargs

ROWS = [
    Row("reports:dashboard", PROGRAM_PAGE, kwargs=program_kwargs),
]
