"""factory_boy factories for tests and the demo."""

from __future__ import annotations

import factory

from tandem.accounts.models import Membership, Organisation, User
from tandem.programs.models import Program, ProgramRole

PASSWORD = "correct horse battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    is_admin = False


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Mentorship program {n}")


class ProgramRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramRole

    program = factory.SubFactory(ProgramFactory)
    user = factory.SubFactory(UserFactory)
    role = ProgramRole.Role.COORDINATOR
