"""The host's purpose, goals and financing (issue 13, item 7): a partner coordinator reads them and changes
them only when the host's coordinators or admins allow it on the working-group step (audited)."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tandem import policy
from tandem.audit.models import AuditEvent
from tandem.factories import ProgramRoleFactory, UserFactory
from tandem.lib.testing.pages import EN, SV
from tandem.programs.models import BudgetLine, Program, ProgramRole
from tandem.programs.services import copy_program
from tandem.programs.tests.helpers import rows, step_url
from tandem.programs.tests.test_step_organisation import group

pytestmark = pytest.mark.django_db

PURPOSE = {
    "purpose": "Ändrat av partnern.",
    "purpose_kind": "network",
    **rows("goals"),
    "goto": "purpose",
}
FINANCING = {
    **rows("budget", new=[{"cost_item": "recruitment", "planned_amount": "1000"}]),
    **rows("funding"),
    "goto": "financing",
}


def allow_partners(program: Program) -> None:
    Program.objects.filter(pk=program.pk).update(partners_edit_setup=True)
    program.refresh_from_db()


def access_of(user, program: Program) -> policy.ProgramAccess:
    request = RequestFactory().get("/")
    request.user = user
    return policy.access_program(request, program.pk, policy.Access.VIEW)


# --- The rule ----------------------------------------------------------------------------------------


def test_who_may_edit_the_hosts_setup(program, admin, coordinator, partner_coordinator, viewer, outsider):
    assert policy.may_edit_program_setup(admin, program)
    assert policy.may_edit_program_setup(coordinator, program)
    assert not policy.may_edit_program_setup(partner_coordinator, program)
    assert not policy.may_edit_program_setup(viewer, program)
    assert not policy.may_edit_program_setup(outsider, program)

    allow_partners(program)
    assert policy.may_edit_program_setup(partner_coordinator, program)
    assert not policy.may_edit_program_setup(viewer, program)  # a viewer edits nothing, allowed or not
    assert not policy.may_edit_program_setup(outsider, program)


def test_the_access_says_who_speaks_for_the_host(program, admin, coordinator, partner_coordinator, viewer):
    cast = (admin, coordinator, partner_coordinator, viewer)
    assert [access_of(user, program).is_host for user in cast] == [True, True, False, False]
    partner = access_of(partner_coordinator, program)
    assert partner.can_edit and not partner.can_edit_setup
    assert partner.may_change_setup(hosts_own=False) and not partner.may_change_setup(hosts_own=True)


def test_the_rule_costs_no_query_of_its_own(program, partner_coordinator, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = partner_coordinator
    with django_assert_num_queries(3):  # the program, admin or not, the role with its grant
        access = policy.access_program(request, program.pk, policy.Access.VIEW)
    with django_assert_num_queries(0):
        assert not access.can_edit_setup


# --- The pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["purpose", "financing"])
def test_a_partner_coordinator_reads_the_hosts_steps_with_the_reason(
    client, partner_coordinator, program, step
):
    client.force_login(partner_coordinator)
    response = client.get(step_url(program, step), **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "decided by Fackförbundet Framåt, the organisation that runs the program" in html
    assert "Save and continue" not in html and "Save and go to the overview" not in html
    assert "disabled" in html


def test_a_partner_coordinator_still_changes_the_other_steps(client, partner_coordinator, program):
    client.force_login(partner_coordinator)
    html = client.get(step_url(program, "target-groups"), **EN).content.decode()
    assert "decided by" not in html and "Save and continue" in html
    response = client.post(
        step_url(program, "target-groups"),
        {"mentee_target_group": "Ekonomer", "mentor_target_group": "Revisorer", "goto": "ambition"},
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.mentee_target_group == "Ekonomer"


def test_a_partner_coordinators_purpose_is_refused_with_the_reason(client, partner_coordinator, program):
    client.force_login(partner_coordinator)
    response = client.post(step_url(program, "purpose"), PURPOSE, **SV)
    assert response.status_code == 403
    assert "Inget sparades" in response.content.decode()
    program.refresh_from_db()
    assert program.purpose != "Ändrat av partnern."


def test_a_partner_coordinators_financing_is_refused(client, partner_coordinator, program):
    client.force_login(partner_coordinator)
    assert client.post(step_url(program, "financing"), FINANCING).status_code == 403
    assert not program.budget_lines.exists()


def test_allowed_the_partner_coordinator_changes_purpose_and_financing(client, partner_coordinator, program):
    allow_partners(program)
    client.force_login(partner_coordinator)
    assert "decided by" not in client.get(step_url(program, "purpose"), **EN).content.decode()
    assert client.post(step_url(program, "purpose"), PURPOSE).status_code == 302
    assert client.post(step_url(program, "financing"), FINANCING).status_code == 302
    program.refresh_from_db()
    assert program.purpose == "Ändrat av partnern."
    assert list(program.budget_lines.values_list("planned_amount", flat=True)) == [Decimal("1000")]


def test_the_costs_page_books_for_the_host_only(client, partner_coordinator, coordinator, program):
    line = BudgetLine.objects.create(program=program, cost_item="other", planned_amount=1000)
    url = reverse("reports:costs", kwargs={"pk": program.pk})
    cost = {"budget_line": line.pk, "spent_on": "2026-03-01", "amount": "1200", "funder_share": "0"}

    client.force_login(partner_coordinator)
    html = client.get(url, **EN).content.decode()
    assert "you can read the booked costs but not book any" in html and "Book the cost" not in html
    refused = client.post(url, cost, **EN)
    assert refused.status_code == 403 and "Nothing was booked" in refused.content.decode()
    assert not line.actual_costs.exists()

    allow_partners(program)
    assert client.post(url, cost).status_code == 302
    assert line.actual_costs.count() == 1


# --- The host's switch -------------------------------------------------------------------------------


def test_the_coordinator_allows_the_partners_and_it_is_audited(client, coordinator, program):
    client.force_login(coordinator)
    html = client.get(step_url(program, "organisation"), **EN).content.decode()
    assert "Partner coordinators may change the purpose, goals and financing" in html

    client.post(step_url(program, "organisation"), {**group(program), "partners_edit_setup": "on"})
    program.refresh_from_db()
    assert program.partners_edit_setup
    event = AuditEvent.objects.get(action="program.partners_edit_setup_changed")
    assert (event.actor, event.program, event.data) == (coordinator, program, {"to": True})

    client.post(step_url(program, "organisation"), group(program))  # saved again unchanged: not logged
    client.post(step_url(program, "organisation"), group(program))
    program.refresh_from_db()
    assert not program.partners_edit_setup
    changes = AuditEvent.objects.filter(action="program.partners_edit_setup_changed").order_by("pk")
    assert [event.data for event in changes] == [{"to": True}, {"to": False}]


def test_a_partner_coordinator_cannot_allow_themselves(client, coordinator, partner_coordinator, program):
    client.force_login(partner_coordinator)
    html = client.get(step_url(program, "organisation")).content.decode()
    assert 'name="partners_edit_setup"' in html and "disabled" in html

    response = client.post(step_url(program, "organisation"), {**group(program), "partners_edit_setup": "on"})
    assert response.status_code == 302  # the rest of the working group is theirs to save
    program.refresh_from_db()
    assert not program.partners_edit_setup
    assert not AuditEvent.objects.filter(action="program.partners_edit_setup_changed").exists()


def test_a_partner_coordinator_allowed_does_not_take_it_back(
    client, coordinator, partner_coordinator, program
):
    allow_partners(program)
    client.force_login(partner_coordinator)
    response = client.post(step_url(program, "organisation"), group(program))  # the box unticked
    assert response.status_code == 302
    program.refresh_from_db()  # the host's value stays
    assert program.partners_edit_setup


def test_an_admin_who_is_no_coordinator_decides_too(client, admin, coordinator, program):
    client.force_login(admin)
    response = client.post(step_url(program, "organisation"), {**group(program), "partners_edit_setup": "on"})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.partners_edit_setup


def test_the_copy_keeps_the_hosts_decision(program, coordinator):
    from django.utils import timezone

    allow_partners(program)
    copy = copy_program(program, name="Nästa omgång", start_date=None, by=coordinator, now=timezone.now())
    assert copy.partners_edit_setup


def test_a_second_partner_organisations_coordinator_follows_the_same_rule(program, org):
    from tandem.factories import MembershipFactory, OrganisationFactory

    second = OrganisationFactory(name="Lunds kommun")
    program.partners.add(second)
    person = UserFactory()
    MembershipFactory(organisation=second, user=person)
    ProgramRoleFactory(program=program, user=person, role=ProgramRole.Role.PARTNER_COORDINATOR)
    assert not policy.may_edit_program_setup(person, program)
    allow_partners(program)
    assert policy.may_edit_program_setup(person, program)


# --- The working group: a partner coordinator changes their own organisation's people ---------------


def test_a_partner_coordinator_changes_only_their_own_organisations_people(
    client, coordinator, partner_coordinator, viewer, program, partner_org
):
    from tandem.accounts.models import Organisation
    from tandem.factories import MembershipFactory

    pia = UserFactory(full_name="Pia Partner")
    MembershipFactory(organisation=partner_org, user=pia)
    client.force_login(partner_coordinator)
    data = group(
        program,
        partners=[],
        new_partner="Stiftelsen Bro",
        changes={viewer.pk: {"DELETE": True}, coordinator.pk: {"role": "viewer"}},
        add={"user": pia.pk, "role": "viewer"},
    )
    response = client.post(step_url(program, "organisation"), data)
    assert response.status_code == 302
    roles = dict(program.roles.values_list("user_id", "role"))
    assert roles[coordinator.pk] == "coordinator" and roles[viewer.pk] == "viewer"  # the host's people
    assert roles[pia.pk] == "viewer"  # their own colleague
    assert list(program.partners.all()) == [partner_org]
    assert not Organisation.objects.filter(name="Stiftelsen Bro").exists()
    assert not AuditEvent.objects.filter(action__in=["program_role.removed", "program_role.changed"]).exists()

    response = client.post(
        step_url(program, "organisation"), group(program, changes={pia.pk: {"DELETE": True}})
    )
    assert response.status_code == 302
    assert not program.roles.filter(user=pia).exists()


def test_a_partner_coordinator_cannot_add_the_hosts_people(client, partner_coordinator, program, org):
    from tandem.factories import MembershipFactory

    host_colleague = UserFactory(full_name="Hanna Host")
    MembershipFactory(organisation=org, user=host_colleague)
    client.force_login(partner_coordinator)
    page = client.get(step_url(program, "organisation"), **EN).content.decode()
    assert "Hanna Host" not in page
    assert "you add and change the people of your own organisation" in page
    response = client.post(
        step_url(program, "organisation"),
        group(program, add={"user": host_colleague.pk, "role": "viewer"}),
        **EN,
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not program.roles.filter(user=host_colleague).exists()


def test_the_host_still_changes_everyone(client, coordinator, partner_coordinator, program):
    client.force_login(coordinator)
    html = client.get(step_url(program, "organisation"), **EN).content.decode()
    assert "you add and change the people of your own organisation" not in html
    response = client.post(
        step_url(program, "organisation"),
        group(program, changes={partner_coordinator.pk: {"role": "viewer"}}),
    )
    assert response.status_code == 302
    assert program.roles.get(user=partner_coordinator).role == "viewer"
