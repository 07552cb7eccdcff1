import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import Membership
from tandem.accounts.services import LastAdminError, revoke_admin
from tandem.accounts.tests.helpers import in_english
from tandem.audit.models import AuditEvent
from tandem.factories import MembershipFactory, ProgramFactory, ProgramRoleFactory, UserFactory
from tandem.programs.models import ProgramRole
from tandem.programs.services import remove_member


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return in_english(client)


def membership_of(user, org) -> Membership:
    return Membership.objects.get(user=user, organisation=org)


def people_url(org) -> str:
    return reverse("organisations:people", kwargs={"pk": org.pk})


def action_url(name: str, membership: Membership) -> str:
    return reverse(name, kwargs={"pk": membership.organisation_id, "membership_pk": membership.pk})


def test_the_people_page_shows_members_admin_flags_and_program_roles_in_five_queries(
    admin_client, org, admin, coordinator, viewer, partner_coordinator, program, django_assert_num_queries
):
    second_program = ProgramFactory(organisation=org, name="Mentorskap för sjuksköterskor")
    ProgramRoleFactory(program=second_program, user=viewer, role=ProgramRole.Role.COORDINATOR)
    for _ in range(5):  # more members cost no more queries
        MembershipFactory(organisation=org)

    # 1 session, 2 user, 3 the admin's membership and organisation (policy),
    # 4 members with their users, 5 their program roles with the programs
    with django_assert_num_queries(5):
        response = admin_client.get(people_url(org))

    rows = {
        membership.user: [role.program.name for role in roles]
        for membership, roles in response.context["rows"]
    }
    assert rows[coordinator] == [program.name]
    assert sorted(rows[viewer]) == sorted([program.name, second_program.name])
    assert rows[admin] == []
    assert partner_coordinator not in rows
    html = response.content.decode()
    assert "Program coordinator: Mentorskap för nyanlända ekonomer" in html
    assert "Read-only viewer: Mentorskap för nyanlända ekonomer" in html


def test_a_partner_organisations_people_page_shows_roles_in_programs_it_co_runs(
    client, partner_org, partner_coordinator, program
):
    partner_admin = UserFactory()
    MembershipFactory(organisation=partner_org, user=partner_admin, is_admin=True)
    client.force_login(partner_admin)

    response = client.get(people_url(partner_org))

    rows = {membership.user: roles for membership, roles in response.context["rows"]}
    assert [role.program for role in rows[partner_coordinator]] == [program]


def test_an_admin_makes_a_colleague_admin_and_takes_it_back(admin_client, org, admin, coordinator):
    membership = membership_of(coordinator, org)

    granted = admin_client.post(action_url("accounts:membership_grant_admin", membership))
    membership.refresh_from_db()
    assert granted.status_code == 302 and membership.is_admin

    admin_client.post(action_url("accounts:membership_revoke_admin", membership))
    membership.refresh_from_db()
    assert not membership.is_admin

    events = AuditEvent.objects.order_by("id")
    assert [event.action for event in events] == ["membership.admin_granted", "membership.admin_revoked"]
    assert all(event.actor == admin and event.organisation == org for event in events)
    assert all(event.data == {"user_id": coordinator.pk} for event in events)


def test_the_last_admin_cannot_take_away_their_own_admin(admin_client, org, admin):
    response = admin_client.post(
        action_url("accounts:membership_revoke_admin", membership_of(admin, org)), follow=True
    )

    assert membership_of(admin, org).is_admin
    assert "must keep at least one admin" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_with_a_second_admin_an_admin_can_step_down(admin_client, org, admin, coordinator):
    membership_of(coordinator, org)
    Membership.objects.filter(user=coordinator).update(is_admin=True)

    response = admin_client.post(action_url("accounts:membership_revoke_admin", membership_of(admin, org)))

    assert not membership_of(admin, org).is_admin
    assert response["Location"] == reverse("organisations:detail", kwargs={"pk": org.pk})


def test_the_last_admin_cannot_be_removed(admin_client, org, admin):
    admin_client.post(action_url("organisations:membership_remove", membership_of(admin, org)))

    assert membership_of(admin, org)
    with pytest.raises(LastAdminError):
        remove_member(membership_of(admin, org), by=admin, now=timezone.now())
    with pytest.raises(LastAdminError):
        revoke_admin(membership_of(admin, org), by=admin, now=timezone.now())


def test_removing_a_member_asks_first_and_lists_the_roles_that_go(admin_client, org, coordinator, program):
    response = admin_client.get(
        action_url("organisations:membership_remove", membership_of(coordinator, org))
    )

    assert response.status_code == 200
    assert [role.program for role in response.context["roles"]] == [program]
    assert Membership.objects.filter(user=coordinator, organisation=org).exists()


def test_removing_a_member_removes_their_program_roles_in_the_organisations_programs(
    admin_client, org, admin, coordinator, program, other_program
):
    elsewhere = ProgramRoleFactory(program=other_program, user=coordinator, role=ProgramRole.Role.VIEWER)
    role_id = ProgramRole.objects.get(user=coordinator, program=program).pk

    response = admin_client.post(
        action_url("organisations:membership_remove", membership_of(coordinator, org))
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(user=coordinator, organisation=org).exists()
    assert list(ProgramRole.objects.filter(user=coordinator)) == [elsewhere]
    event = AuditEvent.objects.get(action="membership.removed")
    assert event.data == {"user_id": coordinator.pk, "was_admin": False, "program_role_ids": [role_id]}


def test_a_partner_leaving_their_organisation_loses_the_roles_it_gave_them(
    client, partner_org, partner_coordinator, program
):
    partner_admin = UserFactory()
    MembershipFactory(organisation=partner_org, user=partner_admin, is_admin=True)
    client.force_login(partner_admin)

    client.post(
        action_url("organisations:membership_remove", membership_of(partner_coordinator, partner_org))
    )

    assert not ProgramRole.objects.filter(user=partner_coordinator).exists()


def test_a_person_keeps_roles_that_another_of_their_organisations_gives_them(
    client, org, partner_org, partner_coordinator, program
):
    """Per also works for the organisation that runs the program: leaving the partner changes nothing."""
    MembershipFactory(organisation=org, user=partner_coordinator)
    partner_admin = UserFactory()
    MembershipFactory(organisation=partner_org, user=partner_admin, is_admin=True)

    remove_member(membership_of(partner_coordinator, partner_org), by=partner_admin, now=timezone.now())

    assert ProgramRole.objects.filter(user=partner_coordinator, program=program).exists()


def test_an_admin_cannot_change_members_of_another_organisation(client, outsider, org, coordinator):
    client.force_login(outsider)
    membership = membership_of(coordinator, org)
    url = reverse(
        "accounts:membership_grant_admin",
        kwargs={"pk": outsider.memberships.get().organisation_id, "membership_pk": membership.pk},
    )

    assert client.post(url).status_code == 404
    membership.refresh_from_db()
    assert not membership.is_admin
