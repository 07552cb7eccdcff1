from django.urls import reverse

from tandem.accounts.tests.helpers import in_english
from tandem.factories import MembershipFactory, OrganisationFactory, ProgramFactory
from tandem.programs.models import Program


def organisation_url(org) -> str:
    return reverse("organisations:detail", kwargs={"pk": org.pk})


def test_a_member_sees_the_organisations_programs_with_their_state(client, org, coordinator, program):
    ProgramFactory(organisation=org, name="Mentorskap för lärare", state=Program.State.RUNNING)
    in_english(client).force_login(coordinator)

    response = client.get(organisation_url(org))

    html = response.content.decode()
    assert "<h1>Fackförbundet Framåt</h1>" in html
    assert "Mentorskap för nyanlända ekonomer" in html and "Being set up" in html
    assert "Mentorskap för lärare" in html and "Running" in html
    assert reverse("organisations:people", kwargs={"pk": org.pk}) not in html  # no management links


def test_an_admin_also_gets_the_management_links(client, org, admin):
    client.force_login(admin)

    html = client.get(organisation_url(org)).content.decode()

    assert reverse("organisations:people", kwargs={"pk": org.pk}) in html
    assert reverse("accounts:invitations", kwargs={"pk": org.pk}) in html
    assert reverse("outbox:list") in html


def test_the_overview_lists_programs_co_run_as_a_partner(client, partner_org, partner_coordinator, program):
    in_english(client).force_login(partner_coordinator)

    response = client.get(organisation_url(partner_org))

    assert list(response.context["programs"]) == [program]
    assert "Partner program, run by Fackförbundet Framåt" in response.content.decode()


def test_the_overview_costs_the_same_queries_for_many_programs(
    client, org, admin, coordinator, viewer, program, django_assert_num_queries
):
    for _ in range(5):
        ProgramFactory(organisation=org)
    client.force_login(admin)

    # 1 session, 2 user, 3 membership and organisation (policy), 4 is the person an admin,
    # 5 programs with their organisation and the size of their working group
    with django_assert_num_queries(5):
        response = client.get(organisation_url(org))

    programs = list(response.context["programs"])
    assert len(programs) == 6
    assert {p.pk: p.working_group_size for p in programs}[program.pk] == 1  # the coordinator; not the viewer


def test_my_organisations_goes_straight_to_the_only_one(client, coordinator, org):
    client.force_login(coordinator)

    response = client.get(reverse("accounts:organisations"))

    assert response["Location"] == organisation_url(org)


def test_my_organisations_lists_several(client, coordinator, org):
    second = OrganisationFactory(name="Bryggan")
    MembershipFactory(organisation=second, user=coordinator, is_admin=True)
    client.force_login(coordinator)

    response = client.get(reverse("accounts:organisations"))

    assert [m.organisation for m in response.context["memberships"]] == [second, org]


def test_signed_in_people_find_their_organisation_in_the_navbar(client, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("programs:list")).content.decode()

    assert f'href="{reverse("accounts:organisations")}"' in html
    assert f'href="{reverse("accounts:me")}"' in html
