"""Figures that apps above reports add to the dashboard. (Follow-up sits below reports, so the dashboard
reads its public functions directly; this hook is for apps that cannot be imported from here.)

An app hands a provider to `provide` from its `AppConfig.ready()`. A provider gets the program and returns
a `ProvidedTable` (a heading and rows of label and value) or None when it has nothing to show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tandem.programs.models import Program


@dataclass(frozen=True)
class ProvidedTable:
    heading: str
    columns: tuple[str, str]
    rows: list[tuple[str, str]]


Provider = Callable[["Program"], "ProvidedTable | None"]
_providers: list[Provider] = []


def provide(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def tables_for(program: Program) -> list[ProvidedTable]:
    tables = (provider(program) for provider in _providers)
    return [table for table in tables if table is not None]
