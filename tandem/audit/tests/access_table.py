"""Who gets which status on the audit log's pages (walked by tandem/lib/tests/test_permissions.py).

Only `org`'s admin searches its log; its plain members (coordinator, viewer) get 403; the partner
coordinator and the outsider belong to other organisations (404). A report without a person and dates
is a form with its errors (200); its spreadsheet then answers 400.
"""

from __future__ import annotations

from typing import Any

from tandem.lib.testing.access import Row, statuses

ORG_ADMIN_PAGE = statuses(admin=200, coordinator=403, partner_coordinator=404, viewer=403, outsider=404)
ORG_ADMIN_BAD_REQUEST = statuses(
    admin=400, coordinator=403, partner_coordinator=404, viewer=403, outsider=404
)
REPORT = "whom=Amira&since=2026-01-01&until=2026-12-31"


def org_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["org"].pk}


ROWS = [
    Row("audit:search", ORG_ADMIN_PAGE, kwargs=org_kwargs),
    Row("audit:search", ORG_ADMIN_PAGE, kwargs=org_kwargs, query="whom=Amira&action=application.viewed"),
    Row("audit:report", ORG_ADMIN_PAGE, kwargs=org_kwargs),
    Row("audit:report", ORG_ADMIN_PAGE, kwargs=org_kwargs, query=REPORT),
    Row("audit:report_xlsx", ORG_ADMIN_PAGE, kwargs=org_kwargs, query=REPORT),
    Row("audit:report_xlsx", ORG_ADMIN_BAD_REQUEST, kwargs=org_kwargs),
]
