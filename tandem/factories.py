"""factory_boy factories for tests and the demo.

`ApplicationFactory(program=program)` is a job-seeking economist in Göteborg who wants to work as an
accountant, stored directly (with its "received" step), as if the public form had taken it in; override
any fact.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import factory

from tandem.accounts.models import Membership, Organisation, User
from tandem.applications.models import Application, StatusChange
from tandem.programs.models import Program, ProgramRole
from tandem.reference.choices import Role

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


FIRST_NAMES = ["Amira", "Yonas", "Leyla", "Omar", "Sara", "Hamid", "Fatima", "Daniel", "Nour", "Erik"]
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    role = Role.MENTEE
    first_name = factory.Iterator(FIRST_NAMES)
    last_name = factory.Sequence(lambda n: f"Testsson{n:03d}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    language = "sv"
    submitted_at = factory.Sequence(lambda n: START + timedelta(minutes=n))
    employment_status = factory.LazyAttribute(
        lambda o: "job_seeking" if o.role == Role.MENTEE else "employed"
    )
    swedish_level = "B1"
    other_languages = factory.LazyFunction(lambda: [{"code": "ar", "level": "C2"}])
    occupation_now = "2411"
    occupation_wanted = factory.LazyAttribute(lambda o: "2411" if o.role == Role.MENTEE else "")
    experience_years = 5
    years_in_sweden = 3
    municipality = "1480"
    birth_year = 1988
    meeting_format = "either"
    motivation = "Jag vill komma in i mitt yrke i Sverige."

    @factory.post_generation
    def received(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            StatusChange.objects.create(
                application=obj, from_status="", to_status=Application.Status.RECEIVED, at=obj.submitted_at
            )
