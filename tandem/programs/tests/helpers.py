"""Build the POST data of a set-up page the way a browser sends it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tandem.programs.models import Program


def rows(prefix: str, new: list[dict[str, Any]] = (), existing: list[dict[str, Any]] = ()) -> dict[str, Any]:
    """A formset's fields: `existing` rows carry their "id"; `new` rows follow them."""
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(existing) + len(new)),
        f"{prefix}-INITIAL_FORMS": str(len(existing)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate([*existing, *new]):
        for name, value in row.items():
            if value is True:
                value = "on"
            if value is False or value is None:
                continue
            data[f"{prefix}-{index}-{name}"] = value
    return data


def step_url(program: Program, step: str) -> str:
    return reverse("programs:setup", kwargs={"pk": program.pk, "step": step})


def overview_url(program: Program) -> str:
    return reverse("programs:overview", kwargs={"pk": program.pk})


def described_by(response, field_id: str) -> bool:
    """The field itself points at its error text (screen readers read them together)."""
    html = response.content.decode()
    start = html.find(f'id="{field_id}"')
    tag = html[html.rfind("<", 0, start) : html.find(">", start)]
    return f"{field_id}_error" in tag and 'aria-invalid="true"' in tag
