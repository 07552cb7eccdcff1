"""Fixtures for recruitment: published forms for the cast's program, and a clean slate per test."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from tandem.applications.services import create_default_form


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """CVs go to a temporary private folder, and rate-limit counts start at zero."""
    settings.PRIVATE_STORAGE_DIR = tmp_path / "private"
    cache.clear()
    yield settings.PRIVATE_STORAGE_DIR
    cache.clear()


def open_recruitment(program):
    """The public form takes applications only while its program is recruiting."""
    program.state = program.State.RECRUITING
    program.save(update_fields=["state"])


@pytest.fixture
def mentee_form(program):
    open_recruitment(program)
    form = create_default_form(program, "mentee", now=timezone.now())
    form.is_published = True
    form.contact_email = "mentorskap@framat.example"
    form.save()
    return form


@pytest.fixture
def mentor_form(program):
    open_recruitment(program)
    form = create_default_form(program, "mentor", now=timezone.now())
    form.is_published = True
    form.contact_email = "mentorskap@framat.example"
    form.save()
    return form
