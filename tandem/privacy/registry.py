"""The registry of personal data: every app's `personal_data.DECLARATIONS`, gathered when Django starts.

The apps declare their models with the words of `tandem.reference.personal_data` and never import this
module; `load` imports each app's `personal_data` module (as Django's admin finds `admin.py`).
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import models

from tandem.reference.personal_data import DELETE_ROW, KEEP, TREATMENTS, Declaration

_declarations: dict[str, Declaration] = {}

# The kinds of field that may hold personal data: each must be declared one way or the other.
CHECKED_TYPES = (
    models.CharField,
    models.TextField,
    models.FileField,
    models.JSONField,
    models.DateField,  # dates of birth, of meetings …; DateTimeField is a subclass: left out below
    models.GenericIPAddressField,
    models.BinaryField,
)


def load() -> None:
    """Gather the declarations of every Tandem app (again, idempotent)."""
    _declarations.clear()
    for config in apps.get_app_configs():
        if not config.name.startswith("tandem."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.personal_data")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.personal_data":
                raise
            continue
        for declaration in module.DECLARATIONS:
            if declaration.model in _declarations:
                raise ValueError(f"{declaration.model} is declared twice")
            unknown = set(declaration.personal.values()) - set(TREATMENTS)
            if unknown:
                raise ValueError(f"{declaration.model}: unknown treatment {unknown}")
            if declaration.program_wide and set(declaration.personal.values()) - {DELETE_ROW, KEEP}:
                raise ValueError(f"{declaration.model}: program-wide rows can only be deleted")
            _declarations[declaration.model] = declaration


def declarations() -> list[Declaration]:
    return list(_declarations.values())


def declaration_for(model: type[models.Model]) -> Declaration | None:
    return _declarations.get(model._meta.label)


def model_of(declaration: Declaration) -> type[models.Model]:
    return apps.get_model(declaration.model)


def checked_fields(model: type[models.Model]) -> list[str]:
    """The fields of `model` that must be declared personal or not."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, CHECKED_TYPES)
        and not isinstance(field, models.DateTimeField)
        and not field.primary_key
        and not field.is_relation
    ]


def undeclared_fields() -> dict[str, list[str]]:
    """Model → its checked fields that no declaration names (what the registry test reports)."""
    missing: dict[str, list[str]] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("tandem."):
            continue
        declaration = _declarations.get(model._meta.label)
        named = set(declaration.personal) | set(declaration.not_personal) if declaration else set()
        left = [name for name in checked_fields(model) if name not in named]
        if left:
            missing[model._meta.label] = left
    return missing


def unknown_names() -> dict[str, list[str]]:
    """Declared fields that the model does not have (a typo or a removed field)."""
    unknown: dict[str, list[str]] = {}
    for label, declaration in _declarations.items():
        model = apps.get_model(label)
        names = {field.name for field in model._meta.concrete_fields}
        wrong = sorted((set(declaration.personal) | set(declaration.not_personal)) - names)
        if wrong:
            unknown[label] = wrong
    return unknown


def person_declarations() -> list[Declaration]:
    """Declarations of models tied to a person (or to everyone of a program), with fields that
    anonymising changes."""
    return [
        d
        for d in _declarations.values()
        if (d.person or d.by_email or d.program_wide) and any(t != KEEP for t in d.personal.values())
    ]


def exported_declarations() -> list[Declaration]:
    """Declarations of models tied to a person (for the export: also those kept as they are; not the
    program-wide ones, which hold other people too)."""
    return [d for d in _declarations.values() if d.person or d.by_email]
