"""A read-only viewer sees figures and pseudonymised lists, no records or CVs, unless a coordinator grants
more (issue 12, item 8): the grant is a tick on the viewer's row of the working group (audited); with it
the viewer reads records and CVs and the names on lists, and still changes and exports nothing."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tandem import policy
from tandem.audit.models import AuditEvent
from tandem.factories import ApplicationFactory
from tandem.lib.testing.pages import EN
from tandem.programs.models import ProgramRole
from tandem.programs.tests.helpers import step_url
from tandem.programs.tests.test_step_organisation import group

pytestmark = pytest.mark.django_db


def grant(program, viewer) -> None:
    ProgramRole.objects.filter(program=program, user=viewer).update(sees_people=True)


def access_of(user, program) -> policy.ProgramAccess:
    request = RequestFactory().get("/")
    request.user = user
    return policy.access_program(request, program.pk, policy.Access.VIEW)


def viewer_row(program, viewer) -> int:
    return list(program.roles.order_by("role", "user__full_name").values_list("user_id", flat=True)).index(
        viewer.pk
    )


# --- The rule ----------------------------------------------------------------------------------------


def test_who_sees_people(program, admin, coordinator, partner_coordinator, viewer):
    seen = [access_of(user, program).can_see_people for user in (admin, coordinator, partner_coordinator)]
    assert seen == [True, True, True]
    assert not access_of(viewer, program).can_see_people
    grant(program, viewer)
    granted = access_of(viewer, program)
    assert granted.can_see_people
    assert not granted.can_edit and not granted.can_edit_setup
    assert not granted.sees_special_categories  # never for a viewer, granted or not


def test_the_grant_is_read_with_the_role(program, viewer, django_assert_num_queries):
    grant(program, viewer)
    request = RequestFactory().get("/")
    request.user = viewer
    with django_assert_num_queries(3):  # the program, admin or not, the role with its grant
        access = policy.access_program(request, program.pk, policy.Access.VIEW)
    assert access.can_see_people


def test_a_grant_on_another_program_does_not_count(program, viewer, org):
    from tandem.factories import ProgramFactory, ProgramRoleFactory

    elsewhere = ProgramFactory(organisation=org)
    ProgramRoleFactory(program=elsewhere, user=viewer, role=ProgramRole.Role.VIEWER, sees_people=True)
    assert not access_of(viewer, program).can_see_people
    assert access_of(viewer, elsewhere).can_see_people


# --- Granting it -------------------------------------------------------------------------------------


def test_a_coordinator_grants_and_takes_back_and_both_are_audited(client, coordinator, program, viewer):
    client.force_login(coordinator)
    html = client.get(step_url(program, "organisation"), **EN).content.decode()
    assert "May read the records and CVs of applicants and participants" in html
    row = viewer_row(program, viewer)

    changes = {viewer.pk: {"sees_people": True}}
    assert client.post(step_url(program, "organisation"), group(program, changes=changes)).status_code == 302
    assert program.roles.get(user=viewer).sees_people
    event = AuditEvent.objects.get(action="program_role.people_granted")
    assert (event.actor, event.program, event.data) == (coordinator, program, {"user_id": viewer.pk})
    assert event.target_id == str(program.roles.get(user=viewer).pk)

    html = client.get(step_url(program, "organisation")).content.decode()
    assert f'name="roles-{row}-sees_people"' in html and "checked" in html

    client.post(step_url(program, "organisation"), group(program))
    assert not program.roles.get(user=viewer).sees_people
    assert AuditEvent.objects.filter(action="program_role.people_revoked").count() == 1
    assert AuditEvent.objects.filter(action="program_role.people_granted").count() == 1


def test_the_tick_is_offered_on_viewers_rows_only(client, coordinator, program, viewer, partner_coordinator):
    client.force_login(coordinator)
    html = client.get(step_url(program, "organisation")).content.decode()
    assert f'name="roles-{viewer_row(program, viewer)}-sees_people"' in html
    assert f'name="roles-{viewer_row(program, partner_coordinator)}-sees_people"' not in html


def test_a_partner_coordinator_cannot_grant(client, coordinator, partner_coordinator, program, viewer):
    client.force_login(partner_coordinator)
    response = client.post(
        step_url(program, "organisation"), group(program, changes={viewer.pk: {"sees_people": True}})
    )
    assert response.status_code == 302
    assert not program.roles.get(user=viewer).sees_people
    assert not AuditEvent.objects.filter(action="program_role.people_granted").exists()


def test_a_partner_coordinator_does_not_take_a_grant_away(
    client, coordinator, partner_coordinator, program, viewer
):
    grant(program, viewer)
    client.force_login(partner_coordinator)
    response = client.post(step_url(program, "organisation"), group(program))  # the tick is disabled for them
    assert response.status_code == 302
    assert program.roles.get(user=viewer).sees_people


def test_a_viewer_made_coordinator_loses_the_grant(client, admin, program, viewer):
    grant(program, viewer)
    client.force_login(admin)
    changes = {viewer.pk: {"role": "coordinator", "sees_people": True}}
    assert client.post(step_url(program, "organisation"), group(program, changes=changes)).status_code == 302
    role = program.roles.get(user=viewer)
    assert (role.role, role.sees_people) == ("coordinator", False)  # a coordinator sees people anyway
    assert AuditEvent.objects.filter(action="program_role.people_revoked").exists()


def test_the_copy_leaves_the_grant_behind(program, coordinator, viewer):
    from django.utils import timezone

    from tandem.programs.services import copy_program

    grant(program, viewer)
    copy = copy_program(program, name="Nästa omgång", start_date=None, by=coordinator, now=timezone.now())
    assert copy.roles.get(user=viewer).role == "viewer"
    assert not copy.roles.get(user=viewer).sees_people


# --- What the granted viewer gets --------------------------------------------------------------------


def test_the_granted_viewer_reads_records_and_names_but_changes_nothing(client, program, viewer):
    application = ApplicationFactory(program=program, first_name="Amira", last_name="Haddad")
    record = reverse("screening:record", kwargs={"pk": program.pk, "application_id": application.pk})
    queue = reverse("screening:queue", kwargs={"pk": program.pk})
    client.force_login(viewer)
    assert client.get(record).status_code == 403
    assert "Haddad" not in client.get(queue).content.decode()

    grant(program, viewer)
    page = client.get(record, **EN)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Haddad" in html
    assert "Erase on request" not in html and 'name="reason"' not in html
    assert AuditEvent.objects.filter(action="application.viewed", actor=viewer).exists()
    assert "Haddad" in client.get(queue).content.decode()
    changed = reverse("screening:change_status", kwargs={"pk": program.pk, "application_id": application.pk})
    assert client.post(changed, {"to": "accepted", "reason": "Bra"}).status_code == 403
    assert client.get(reverse("reports:exports", kwargs={"pk": program.pk})).status_code == 403
