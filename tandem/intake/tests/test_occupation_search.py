"""The interview and paper-entry pages find an occupation with the public form's search, not a list of
every SSYK unit group."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application
from tandem.applications.services import create_default_form


@pytest.mark.django_db
def test_staff_entry_pages_use_the_search_instead_of_every_group(client, coordinator, program):
    create_default_form(program, "mentee", now=timezone.now())
    client.force_login(coordinator)
    url = reverse("intake:interview", kwargs={"pk": program.pk}) + "?role=mentee"
    page = client.get(url).content.decode()
    assert page.count('name="occupation_wanted"') == 0  # nothing to choose before a search
    assert 'name="occupation_wanted_query"' in page and '<option value="2411"' not in page
    response = client.post(
        url, {"occupation_wanted_query": "auditor", "search": "occupation_wanted", "first_name": "Amal"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="occupation_wanted" value="2411"' in page
    assert 'value="Amal"' in page  # what was typed stays
    assert not Application.objects.exists()
