"""Applications for screening tests, stored directly (the public form has its own tests).

`ApplicationFactory(program=program)` is a job-seeking economist in Göteborg who wants to work as an
accountant; override any fact. `screen(program, role)` stores the evaluation against the program's
current requirement profile, as the public form does on arrival.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import factory
from django.utils import timezone

from tandem.applications.models import Application, StatusChange
from tandem.factories import ProgramFactory
from tandem.reference.choices import Role
from tandem.requirements.models import Criterion, RequirementProfile
from tandem.requirements.services import reevaluate_role

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


def add_criterion(
    program, role: str, kind: str, importance: str = "must", weight: int = 1, **params
) -> Criterion:
    profile, _created = RequirementProfile.objects.get_or_create(program=program, role=role)
    criterion = Criterion(profile=profile, kind=kind, importance=importance, weight=weight, params=params)
    criterion.full_clean()
    criterion.save()
    return criterion


def screen(program, role: str = Role.MENTEE) -> None:
    reevaluate_role(program, role, now=timezone.now())
