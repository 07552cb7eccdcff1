"""Wizard step 4: the working group and the partner organisations."""

import pytest

from tandem.accounts.models import Organisation
from tandem.audit.models import AuditEvent
from tandem.factories import MembershipFactory, UserFactory
from tandem.lib.testing.pages import EN, SV, field_error
from tandem.programs.models import ProgramRole
from tandem.programs.tests.helpers import rows, step_url

pytestmark = pytest.mark.django_db


def role_rows(program, changes=None):
    changes = changes or {}
    existing = []
    for role in program.roles.order_by("role", "user__full_name"):
        row = {
            "id": role.pk,
            "role": role.role,
            "plans": role.plans,
            "runs": role.runs,
            "follows_up": role.follows_up,
        }
        row.update(changes.get(role.user_id, {}))
        existing.append(row)
    return rows("roles", existing=existing)


def group(program, *, partners=None, add=None, changes=None, new_partner=""):
    data = {**role_rows(program, changes), "new_partner": new_partner}
    partner_ids = [p.pk for p in program.partners.all()] if partners is None else partners
    if partner_ids:
        data["partners"] = [str(pk) for pk in partner_ids]
    for name, value in (add or {}).items():
        data[f"add-{name}"] = "on" if value is True else value
    return data


@pytest.fixture
def colleague(org):
    user = UserFactory(full_name="Cecilia Kollega")
    MembershipFactory(organisation=org, user=user)
    return user


def test_adding_a_colleague_as_coordinator_is_audited(client, coordinator, program, colleague):
    client.force_login(coordinator)
    html = client.get(step_url(program, "organisation")).content.decode()
    assert "Cecilia Kollega" in html

    response = client.post(
        step_url(program, "organisation"),
        group(program, add={"user": colleague.pk, "role": "coordinator", "runs": True}),
    )
    assert response.status_code == 302
    role = ProgramRole.objects.get(program=program, user=colleague)
    assert (role.role, role.runs, role.plans) == ("coordinator", True, False)
    event = AuditEvent.objects.get(action="program_role.added")
    assert event.data == {"user_id": colleague.pk, "role": "coordinator"}
    assert event.actor == coordinator


def test_a_partner_and_then_its_coordinator(client, coordinator, org, partner_org):
    from tandem.factories import ProgramFactory

    program = ProgramFactory(organisation=org)
    ProgramRole.objects.create(program=program, user=coordinator, role="coordinator")
    partner_person = UserFactory(full_name="Pia Partner")
    MembershipFactory(organisation=partner_org, user=partner_person)
    client.force_login(coordinator)

    assert "Pia Partner" not in client.get(step_url(program, "organisation")).content.decode()
    client.post(step_url(program, "organisation"), group(program, partners=[partner_org.pk]))
    assert list(program.partners.all()) == [partner_org]
    assert AuditEvent.objects.get(action="program.partner_added").data == {"organisation_id": partner_org.pk}

    assert "Pia Partner" in client.get(step_url(program, "organisation")).content.decode()
    client.post(
        step_url(program, "organisation"),
        group(program, add={"user": partner_person.pk, "role": "partner_coordinator", "runs": True}),
    )
    assert program.roles.get(user=partner_person).role == "partner_coordinator"


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (SV, "En samordnare hos samarbetspartner måste vara medlem i någon av samarbetspartnerna."),
        (EN, "A partner coordinator must be a member of one of the partner organisations."),
    ],
)
def test_a_partner_coordinator_must_come_from_a_partner(
    client, coordinator, program, colleague, headers, message
):
    client.force_login(coordinator)
    response = client.post(
        step_url(program, "organisation"),
        group(program, add={"user": colleague.pk, "role": "partner_coordinator"}, new_partner="Ny partner"),
        **headers,
    )
    assert field_error(response, "id_add-role") == message
    assert not program.roles.filter(user=colleague).exists()
    assert not Organisation.objects.filter(name="Ny partner").exists()


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (SV, "En programsamordnare måste vara medlem i Fackförbundet Framåt."),
        (EN, "A coordinator must be a member of Fackförbundet Framåt."),
    ],
)
def test_a_coordinator_must_come_from_the_owning_organisation(
    client, coordinator, program, partner_coordinator, headers, message
):
    client.force_login(coordinator)
    index = list(program.roles.order_by("role", "user__full_name").values_list("user_id", flat=True)).index(
        partner_coordinator.pk
    )
    response = client.post(
        step_url(program, "organisation"),
        group(program, changes={partner_coordinator.pk: {"role": "coordinator"}}),
        **headers,
    )
    assert field_error(response, f"id_roles-{index}-role") == message
    assert program.roles.get(user=partner_coordinator).role == "partner_coordinator"


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (SV, "Programmet behöver minst en programsamordnare. Lägg till en annan först."),
        (EN, "The program needs at least one coordinator. Add another one first."),
    ],
)
def test_the_last_coordinator_cannot_be_removed(client, coordinator, program, viewer, headers, message):
    client.force_login(coordinator)
    response = client.post(
        step_url(program, "organisation"),
        group(program, changes={coordinator.pk: {"DELETE": True}, viewer.pk: {"DELETE": True}}),
        **headers,
    )
    assert field_error(response, "id_roles-0-DELETE") == message
    assert program.roles.filter(user__in=[coordinator, viewer]).count() == 2
    assert not AuditEvent.objects.exists()


def test_removing_a_person_and_changing_a_role_are_audited(
    client, coordinator, program, viewer, partner_coordinator
):
    client.force_login(coordinator)
    client.post(
        step_url(program, "organisation"),
        group(program, changes={viewer.pk: {"DELETE": True}, partner_coordinator.pk: {"role": "viewer"}}),
    )
    assert not program.roles.filter(user=viewer).exists()
    assert program.roles.get(user=partner_coordinator).role == "viewer"
    removed = AuditEvent.objects.get(action="program_role.removed")
    changed = AuditEvent.objects.get(action="program_role.changed")
    assert removed.data == {"user_id": viewer.pk, "role": "viewer"}
    assert changed.data == {"user_id": partner_coordinator.pk, "from": "partner_coordinator", "to": "viewer"}


def test_a_new_partner_organisation_by_name(client, coordinator, program):
    client.force_login(coordinator)
    client.post(step_url(program, "organisation"), group(program, new_partner="Stiftelsen Bro"))
    assert program.partners.filter(name="Stiftelsen Bro").exists()


def test_removing_a_partner_whose_coordinator_stays_is_refused(
    client, coordinator, program, partner_coordinator
):
    client.force_login(coordinator)
    response = client.post(step_url(program, "organisation"), group(program, partners=[]), **EN)
    assert response.status_code == 200
    assert "must be a member of one of the partner organisations" in response.content.decode()
    assert program.partners.count() == 1


def test_the_owner_cannot_be_its_own_partner(client, coordinator, program, org):
    client.force_login(coordinator)
    response = client.post(step_url(program, "organisation"), group(program, partners=[org.pk]), **EN)
    assert "Select a valid choice" in field_error(response, "id_partners")


def test_partner_choices_never_show_other_tenants(client, coordinator, program, other_org, partner_org):
    client.force_login(coordinator)
    page = client.get(step_url(program, "organisation"), **EN).content.decode()
    assert partner_org.name in page
    assert other_org.name not in page

    response = client.post(step_url(program, "organisation"), group(program, partners=[other_org.pk]), **EN)
    assert "Select a valid choice" in field_error(response, "id_partners")
    assert not program.partners.filter(pk=other_org.pk).exists()
