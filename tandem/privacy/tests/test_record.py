"""The record of processing: per program what is collected, why, for how long and who can see it."""

from __future__ import annotations

from django.utils import timezone

from tandem.applications.services import create_default_form
from tandem.factories import ProgramFactory


def test_the_admin_prints_what_each_program_collects_why_how_long_and_who_sees_it(
    client, admin, program, coordinator, viewer, django_assert_max_num_queries
):
    create_default_form(program, "mentee", by=coordinator, now=timezone.now())
    create_default_form(program, "mentor", by=coordinator, now=timezone.now())
    for _other in range(3):  # more programs do not mean more queries
        create_default_form(ProgramFactory(organisation=program.organisation), "mentee", now=timezone.now())
    client.force_login(admin)

    # session, user, membership (admin?), programs, their forms, questions, translations, roles with
    # their users, the retention policies, the admins
    with django_assert_max_num_queries(11):
        response = client.get(f"/privacy/organisations/{program.organisation.pk}/record/")

    html = response.content.decode()
    assert response.status_code == 200
    assert program.name in html
    assert "E-postadress" in html or "e-post" in html.lower()  # a question of the form, in Swedish
    assert "24 månader" in html and "6 månader" in html
    assert coordinator.full_name in html and viewer.full_name in html
    assert "för att välja deltagare" in html.lower()  # why (from the registry)
    assert "privacy/print.css" in html
