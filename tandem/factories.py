"""factory_boy factories for tests and the demo.

`ApplicationFactory(program=program)` is a job-seeking economist in Göteborg who wants to work as an
accountant, stored directly (with its "received" step), as if the public form had taken it in; override
any fact. `build_applications` stores thousands of varied ones at once (bulk INSERTs), and `build_pairs`
publishes pairs between them, for the scale benchmark and the pagination tests.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import factory
from django.db import transaction

from tandem.accounts.models import Membership, Organisation, User
from tandem.applications.models import Application, StatusChange
from tandem.pairs.models import Pair
from tandem.programs.models import Program, ProgramRole
from tandem.reference.choices import EmploymentStatus, Gender, GenderWish, MeetingFormat, Role

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
                application=obj,
                from_status="",
                to_status=Application.Status.RECEIVED,
                by=obj.entered_by,
                by_applicant=obj.entered_by is None,
                at=obj.submitted_at,
            )


# --- Many applications at once --------------------------------------------------------------------

LAST_NAMES = ["Haddad", "Osei", "Berg", "Lind", "Ahmadi", "Tesfaye", "Nilsson", "Karimi", "Ek", "Yilmaz"]
MORE_FIRST_NAMES = ["Maria", "Johan", "Ali", "Hanna", "Reza", "Aisha", "Karin", "Mustafa", "Elin", "Samir"]
# SSYK 2012 unit groups newcomers often come from: accountants, developers, nurses, engineers, teachers…
OCCUPATIONS = ["2411", "2512", "2221", "2142", "2341", "2611", "3313", "2211", "2149", "5321"]
MUNICIPALITIES = ["0180", "1480", "1280", "0380", "1880", "0580", "2480", "1281", "0184", "1490"]
SWEDISH = ["A1", "A2", "B1", "B2", "C1", "C2", "SFI_B", "SFI_C", "SFI_D", ""]
LANGUAGES = ["ar", "en", "fa", "ti", "so", "uk", "es", "fr"]
LEVELS = ["A2", "B1", "B2", "C1", "C2"]
EMPLOYERS = ["Kodbolaget AB", "Region Skåne", "Göteborgs stad", "Revisionsbyrån AB", "Malmö stad", ""]


def application_rows(
    program: Program,
    role: str,
    count: int,
    *,
    status: str = Application.Status.ACCEPTED,
    seed: int = 0,
    start: datetime = START,
) -> list[Application]:
    """``count`` unsaved, varied applications of one role: names, occupations, languages, places and
    wishes drawn from a seeded random generator, so that the same seed gives the same cohort."""
    rng = random.Random(f"{seed}-{role}-{program.pk}")
    mentee = role == Role.MENTEE
    rows = []
    for n in range(count):
        occupation = rng.choice(OCCUPATIONS)
        spoken = rng.sample(LANGUAGES, rng.randint(0, 2))
        first = rng.choice(FIRST_NAMES + MORE_FIRST_NAMES)
        rows.append(
            Application(
                program=program,
                role=role,
                status=status,
                language=rng.choice(["sv", "sv", "en", "ar"]),
                submitted_at=start + timedelta(minutes=n),
                first_name=first,
                last_name=f"{rng.choice(LAST_NAMES)} {n:05d}",
                email=f"{role}{seed}-{n}@example.org",
                birth_year=rng.randint(1960, 2002),
                gender=rng.choice([Gender.WOMAN, Gender.MAN, Gender.WOMAN, ""]),
                employment_status=(
                    rng.choice([EmploymentStatus.JOB_SEEKING] * 4 + [EmploymentStatus.STUDYING, ""])
                    if mentee
                    else rng.choice([EmploymentStatus.EMPLOYED] * 4 + [EmploymentStatus.SELF_EMPLOYED])
                ),
                current_employer="" if mentee else rng.choice(EMPLOYERS),
                occupation_now=rng.choice([occupation, rng.choice(OCCUPATIONS), ""])
                if mentee
                else occupation,
                occupation_wanted=occupation if mentee else "",
                swedish_level=rng.choice(SWEDISH) if mentee else rng.choice(["C1", "C2", "C2"]),
                other_languages=(
                    None
                    if rng.random() < 0.05
                    else [{"code": code, "level": rng.choice(LEVELS)} for code in spoken]
                ),
                municipality=rng.choice(MUNICIPALITIES + [""]),
                years_in_sweden=rng.choice([None, 0, 1, 2, 3, 5, 8]) if mentee else rng.randint(5, 40),
                experience_years=rng.choice([None, 1, 3, 5, 10, 15]),
                meeting_format=rng.choice(list(MeetingFormat.values) + [""]),
                mentee_capacity=None if mentee else rng.choice([None, 1, 1, 2, 3]),
                mentor_gender_wish=rng.choice(list(GenderWish.values) + [""]) if mentee else "",
                motivation="Jag vill komma in i mitt yrke i Sverige." if mentee else "Jag vill hjälpa till.",
                expectations="Nätverk och arbete inom mitt yrke." if mentee else "",
                skills="" if mentee else "Rekrytering, svenska arbetsplatser, yrkesbevis.",
            )
        )
    return rows


@transaction.atomic
def build_applications(
    program: Program,
    *,
    mentees: int = 0,
    mentors: int = 0,
    status: str = Application.Status.ACCEPTED,
    seed: int = 0,
    batch_size: int = 500,
) -> list[Application]:
    """Store ``mentees`` + ``mentors`` varied applications with their "received" step in bulk INSERTs
    (thousands a second); the returned objects carry their ids."""
    rows = application_rows(program, Role.MENTEE, mentees, status=status, seed=seed) + application_rows(
        program, Role.MENTOR, mentors, status=status, seed=seed
    )
    stored = Application.objects.bulk_create(rows, batch_size=batch_size)
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                application=a,
                from_status="",
                to_status=Application.Status.RECEIVED,
                by=a.entered_by,
                by_applicant=a.entered_by is None,
                at=a.submitted_at,
            )
            for a in stored
        ],
        batch_size=batch_size,
    )
    return stored


@transaction.atomic
def build_pairs(
    program: Program,
    mentees: Sequence[Application],
    mentors: Sequence[Application],
    *,
    now: datetime = START,
    batch_size: int = 500,
):
    """Published pairs, waiting for answers, between ``mentees`` and ``mentors`` taken in turn (a mentor
    gets several mentees when there are fewer mentors); some already answered, some past the deadline."""
    rng = random.Random(program.pk)
    pairs = []
    for n, mentee in enumerate(mentees):
        answered = rng.random()
        pairs.append(
            Pair(
                program=program,
                mentee=mentee,
                mentor=mentors[n % len(mentors)],
                score=round(rng.uniform(30, 95), 2),
                published_at=now,
                answer_deadline=now + timedelta(days=rng.choice([-1, 7])),
                mentee_answer=Pair.Answer.ACCEPT if answered < 0.5 else "",
                mentee_answered_at=now if answered < 0.5 else None,
                mentor_answer=Pair.Answer.ACCEPT if answered < 0.3 else "",
                mentor_answered_at=now if answered < 0.3 else None,
                status=Pair.Status.ACTIVE if answered < 0.3 else Pair.Status.AWAITING,
            )
        )
    return Pair.objects.bulk_create(pairs, batch_size=batch_size)
