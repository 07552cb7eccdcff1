"""The programs list and starting a new program."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.factories import MembershipFactory, OrganisationFactory, ProgramFactory, UserFactory
from tandem.lib.testing.pages import EN, SV, field_error
from tandem.programs.models import Program, ProgramRole

pytestmark = pytest.mark.django_db


def test_the_list_groups_programs_by_state_in_one_query(client, admin, org, django_assert_num_queries):
    for n in range(12):
        ProgramFactory(organisation=org, name=f"Program {n}", state=list(Program.State.values)[n % 6])
    client.force_login(admin)
    # 1 session, 2 user, 3 the programs with their organisations, 4 organisations for "New program"
    with django_assert_num_queries(4):
        response = client.get(reverse("programs:list"), **EN)
    html = response.content.decode()
    assert html.count("<tr>") == 12 + 6  # a header row per state group
    assert html.index("Being set up") < html.index("Recruiting") < html.index("Evaluated")


def test_the_list_shows_only_what_the_person_may_see(client, coordinator, program, other_program):
    client.force_login(coordinator)
    html = client.get(reverse("programs:list")).content.decode()
    assert program.name in html
    assert other_program.name not in html
    assert "Fackförbundet Framåt" in html


def test_creating_a_program_makes_the_creator_its_coordinator(client, coordinator, org):
    client.force_login(coordinator)
    response = client.post(reverse("programs:create"), {"name": "Mentorskap för IT-folk"})
    program = Program.objects.get(name="Mentorskap för IT-folk")
    assert response["Location"] == reverse("programs:setup", kwargs={"pk": program.pk, "step": "purpose"})
    assert program.organisation == org
    assert program.state == Program.State.DRAFT
    role = ProgramRole.objects.get(program=program)
    assert (role.user, role.role, role.plans) == (coordinator, ProgramRole.Role.COORDINATOR, True)
    assert set(AuditEvent.objects.filter(program=program).values_list("action", flat=True)) == {
        "program.created",
        "program_role.added",
    }


def test_a_member_of_two_organisations_chooses_one(client, coordinator, org):
    second = OrganisationFactory(name="Andra förbundet")
    MembershipFactory(organisation=second, user=coordinator, is_admin=True)
    client.force_login(coordinator)
    assert 'name="organisation"' in client.get(reverse("programs:create")).content.decode()
    client.post(reverse("programs:create"), {"name": "Nytt", "organisation": second.pk})
    assert Program.objects.get(name="Nytt").organisation == second


def test_a_plain_member_may_not_start_a_program_there(client, coordinator, org):
    """Issue 12, item 8: any member (a viewer too) could start a program and become its coordinator."""
    second = OrganisationFactory(name="Andra förbundet")
    MembershipFactory(organisation=second, user=coordinator)
    client.force_login(coordinator)

    client.post(reverse("programs:create"), {"name": "Nytt", "organisation": second.pk})

    assert Program.objects.get(name="Nytt").organisation == org  # the only one offered


def test_a_viewer_may_not_start_a_program(client, viewer):
    client.force_login(viewer)

    assert client.get(reverse("programs:create")).status_code == 403
    assert client.post(reverse("programs:create"), {"name": "Nytt"}).status_code == 403
    assert not Program.objects.filter(name="Nytt").exists()


def test_nobody_starts_a_program_in_an_organisation_they_do_not_belong_to(client, coordinator, other_org):
    MembershipFactory(organisation=OrganisationFactory(), user=coordinator, is_admin=True)
    client.force_login(coordinator)
    response = client.post(reverse("programs:create"), {"name": "Nytt", "organisation": other_org.pk}, **EN)
    assert "Select a valid choice" in field_error(response, "id_organisation")
    assert not Program.objects.filter(name="Nytt").exists()


@pytest.mark.parametrize(
    ("headers", "message"), [(SV, "Detta fält måste fyllas i."), (EN, "This field is required.")]
)
def test_a_program_needs_a_name(client, coordinator, headers, message):
    client.force_login(coordinator)
    response = client.post(reverse("programs:create"), {"name": ""}, **headers)
    assert field_error(response, "id_name") == message


def test_a_read_only_viewer_sees_no_new_program_button_and_cannot_create_one(client, viewer, org):
    """Issue 13, item 7: a viewer only reads. Admins and coordinators may start a program (issue 12, 8)."""
    client.force_login(viewer)
    assert "New program" not in client.get(reverse("programs:list"), **EN).content.decode()
    assert client.get(reverse("programs:create"), **EN).status_code == 403
    assert client.post(reverse("programs:create"), {"name": "Nytt"}, **EN).status_code == 403
    assert not Program.objects.filter(name="Nytt").exists()


def test_a_plain_member_without_a_role_asks_an_admin_to_start_a_program(client, org):
    """Issue 12, item 8: starting a program makes one its coordinator, so a plain member may not."""
    colleague = UserFactory(email="ny@framat.example")
    MembershipFactory(organisation=org, user=colleague)
    client.force_login(colleague)
    assert "New program" not in client.get(reverse("programs:list"), **EN).content.decode()
    assert client.post(reverse("programs:create"), {"name": "Nytt"}, **EN).status_code == 403
