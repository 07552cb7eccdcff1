"""The demo's program in its matching phase: 40 accepted mentees and 30 accepted mentors, ready to match.

A newcomer can open the program's matching page, run the matching, adjust it and publish it at once.
The people are made up, from a fixed seed, so the demo is the same every time: economists and
accountants (SSYK 2411, 2412, 2413, 3313, with a few lawyers 2611 and nurses 2221) in Västra Götaland,
Stockholm and Skåne, speaking Swedish at various levels and Arabic, Persian, Tigrinya, Somali or English.
Applications are created directly as accepted, so no e-mail is sent.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from tandem.accounts.models import Organisation
from tandem.applications.models import Application
from tandem.applications.services import create_default_form
from tandem.demo.applying import record_sent_and_accepted, web_application
from tandem.pairs.models import MentorCapacity
from tandem.programs.models import Program, ProgramRole
from tandem.reference.choices import Role

PROGRAM_NAME = "Mentorskap för nyanlända ekonomer – höst 2026"
MENTEES = 40
MENTORS = 30
SEED = 2026

PLACES = {  # municipality code: weight; mostly Göteborg and its neighbours
    "1480": 10, "1481": 3, "1402": 2, "1401": 2, "1441": 2, "1490": 2, "1485": 1,
    "0180": 5, "0184": 2, "0126": 1,
    "1280": 4, "1281": 2, "1283": 1,
}  # fmt: skip
MENTEE_OCCUPATIONS = {"2411": 10, "2412": 6, "2413": 5, "3313": 8, "2611": 3, "2221": 2}
MENTOR_OCCUPATIONS = {"2411": 8, "2412": 6, "2413": 4, "3313": 6, "2611": 3, "2221": 2, "2419": 1}
EMPLOYERS = [
    "Skatteverket", "Volvo Cars", "SKF", "Göteborgs Stad", "PwC", "KPMG", "EY", "Grant Thornton",
    "Handelsbanken", "SEB", "Region Västra Götaland", "Region Skåne", "Ikea", "Ericsson",
]  # fmt: skip
MENTEE_NAMES = [
    tuple(person.split())
    for person in re.split(
        r",\s*",
        """
    Amira Haddad ar, Omar Al-Sayed ar, Rania Khalil ar, Yusuf Nasser ar,
    Layla Mansour ar, Karim Aziz ar, Nour Ibrahim ar, Samir Darwish ar,
    Hiba Saleh ar, Tariq Haddad ar, Maryam Rahimi fa, Reza Hosseini fa,
    Shirin Karimi fa, Dariush Moradi fa, Parisa Ahmadi fa, Farhad Jafari fa,
    Niloufar Sadeghi fa, Ali Rezaei fa, Semhar Tesfay ti, Yonas Gebremedhin ti,
    Helen Berhane ti, Dawit Tekle ti, Saba Kidane ti, Filmon Haile ti,
    Hodan Warsame so, Abdirahman Farah so, Fadumo Ali so, Mohamed Abdi so,
    Ayaan Hassan so, Liban Omar so, Olena Kovalenko uk, Andrii Shevchenko uk,
    Iryna Bondarenko uk, Priya Sharma hi, Arjun Patel hi, Mei Chen zh,
    Lucía García es, Carlos Mendoza es, Aylin Yılmaz tr, Emre Demir tr
""".strip(),
    )
]
"""First name, last name and mother tongue of the 40 mentees."""
APPLICANT_LANGUAGES = {"ar": "ar", "en": "en"}  # others write in Swedish or English
GOALS = [
    "Jag vill arbeta som {title} i Sverige och förstå hur svensk redovisning och revision fungerar.",
    "Få ett kvalificerat jobb inom mitt yrke, bygga ett yrkesnätverk och öva på arbetsintervjuer.",
    "Lära mig svenska regler för bokföring, moms och årsredovisning och få min utländska examen värderad.",
    "Förstå den svenska arbetsmarknaden, skriva ett bra CV och hitta praktik inom ekonomi.",
    "I want to get back to my profession as {title} and learn the Swedish way of working.",
]
SKILLS = [
    "Lång erfarenhet som {title}, bokslut, revision och ekonomistyrning. Har handlett nyanställda.",
    "Arbetar med controlling, budget och prognoser. Intervjuar ofta kandidater och kan arbetsmarknaden.",
    "Specialist på moms, skatt och årsredovisning. Har själv kommit till Sverige som vuxen.",
    "Chef för en ekonomiavdelning; rekryterar och vet vad arbetsgivare letar efter i ett CV.",
    "Experienced {title}; I enjoy helping newcomers with networking and interviews.",
]


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _level(rng: random.Random, levels: Sequence[str], weights: Sequence[int]) -> str:
    return rng.choices(list(levels), weights=list(weights))[0]


@transaction.atomic
def load_matching_demo(
    organisation: Organisation,
    partner: Organisation,
    working_group: Sequence[tuple],
    *,
    today: date,
) -> Program:
    """The program in state "matching" with its accepted applicants. Reuses the program if it exists.

    ``working_group`` is a list of (user, ProgramRole role, {flags}) as in ``load_demo``.
    """
    from tandem.demo.services import DEMO_DOMAIN  # here, so that load_demo may import this module

    existing = Program.objects.filter(organisation=organisation, name=PROGRAM_NAME).first()
    if existing is not None:
        return existing
    program = Program.objects.create(
        organisation=organisation,
        name=PROGRAM_NAME,
        purpose=(
            "Nyanlända ekonomer, revisorer och controllers får en erfaren kollega som mentor, för att "
            "snabbare komma in i ett kvalificerat arbete i sitt yrke."
        ),
        purpose_kind=Program.Purpose.JOB_IN_PROFESSION,
        mentee_target_group="Arbetssökande med en utländsk ekonomiexamen och svenska på minst A2-nivå.",
        mentor_target_group="Ekonomer, revisorer och controllers med minst fem års erfarenhet i Sverige.",
        length_months=6,
        start_date=today + timedelta(weeks=3),
        target_mentees=MENTEES,
        target_mentors=MENTORS,
        state=Program.State.MATCHING,
    )
    program.partners.add(partner)
    for user, role, flags in working_group:
        ProgramRole.objects.create(program=program, user=user, role=role, **flags)
    now = timezone.make_aware(datetime.combine(today - timedelta(weeks=5), time(10)))
    forms = {role: create_default_form(program, role, now=now) for role in (Role.MENTEE, Role.MENTOR)}
    for form in forms.values():
        form.contact_email = f"mentorskap@{DEMO_DOMAIN}"
        form.save(update_fields=["contact_email"])

    rng = random.Random(SEED)
    fake = Faker("sv_SE")
    fake.seed_instance(SEED)
    mentors = [_mentor(rng, fake, program, forms[Role.MENTOR], n, DEMO_DOMAIN, now) for n in range(MENTORS)]
    mentor_names = [m.full_name for m in mentors]
    mentees = [
        _mentee(rng, program, forms[Role.MENTEE], n, DEMO_DOMAIN, now, mentor_names) for n in range(MENTEES)
    ]
    applications = Application.objects.bulk_create([*mentees, *mentors])
    # The applicants sent the form; the planning coordinator accepted them.
    decider = next(user for user, role, _flags in working_group if role == ProgramRole.Role.COORDINATOR)
    record_sent_and_accepted(applications, decider_id=decider.pk, at=now + timedelta(days=14))
    # Every fifth mentor takes two; the first offered three, and the coordinator made it two.
    first_mentor = next(a for a in applications if a.role == Role.MENTOR)
    MentorCapacity.objects.create(mentor=first_mentor, capacity=2)
    return program


def _mentee(
    rng: random.Random, program: Program, form, n: int, domain: str, now: datetime, mentor_names: list[str]
) -> Application:
    first, last, mother_tongue = MENTEE_NAMES[n % len(MENTEE_NAMES)]
    occupation = _pick(rng, MENTEE_OCCUPATIONS)
    languages = [{"code": mother_tongue, "level": "C2"}]
    if mother_tongue != "en" and rng.random() < 0.6:
        languages.append({"code": "en", "level": _level(rng, ("A2", "B1", "B2", "C1"), (1, 3, 4, 2))})
    gender = "woman" if first in _WOMEN else "man"
    exclusions = ""
    if n % 9 == 4:
        exclusions = rng.choice(EMPLOYERS)
    elif n % 13 == 6:
        exclusions = rng.choice(mentor_names)
    title = _title(occupation)
    return web_application(
        form,
        status=Application.Status.ACCEPTED,
        language=APPLICANT_LANGUAGES.get(mother_tongue, "sv"),
        at=now + timedelta(hours=n * 7),
        first_name=first,
        last_name=last,
        email=f"adept{n + 1:02d}@{domain}",
        birth_year=rng.randint(1978, 1998),
        gender=gender,
        employment_status="job_seeking",
        occupation_now=occupation if rng.random() < 0.7 else "",
        occupation_wanted=occupation,
        experience_years=rng.randint(2, 15),
        swedish_level=_level(rng, ("SFI_C", "SFI_D", "B1", "B2", "C1"), (1, 3, 4, 3, 1)),
        other_languages=languages,
        municipality=_pick(rng, PLACES),
        years_in_sweden=rng.randint(1, 5),
        meeting_format=_level(rng, ("either", "in_person", "online"), (6, 3, 1)),
        expectations=rng.choice(GOALS).format(title=title),
        motivation="Jag vill använda min utbildning och erfarenhet i Sverige.",
        mentor_gender_wish="woman" if gender == "woman" and n % 4 == 0 else ("any" if n % 3 else ""),
        exclusions=exclusions,
    )


def _mentor(
    rng: random.Random, fake: Faker, program: Program, form, n: int, domain: str, now: datetime
) -> Application:
    gender = "woman" if n % 2 == 0 else "man"
    first = fake.first_name_female() if gender == "woman" else fake.first_name_male()
    occupation = _pick(rng, MENTOR_OCCUPATIONS)
    languages = [{"code": "en", "level": _level(rng, ("B2", "C1", "C2"), (2, 4, 2))}]
    if n % 7 == 3:
        languages.append({"code": rng.choice(["ar", "fa", "so", "ti"]), "level": "C2"})
    return web_application(
        form,
        status=Application.Status.ACCEPTED,
        language="en" if n % 10 == 9 else "sv",
        at=now + timedelta(hours=n * 11),
        first_name=first,
        last_name=fake.last_name(),
        email=f"mentor{n + 1:02d}@{domain}",
        birth_year=rng.randint(1962, 1990),
        gender=gender,
        employment_status="employed",
        current_employer=rng.choice(EMPLOYERS),
        occupation_now=occupation,
        experience_years=rng.randint(6, 35),
        swedish_level="C2",
        other_languages=languages,
        municipality=_pick(rng, PLACES),
        meeting_format=_level(rng, ("either", "in_person", "online"), (6, 2, 2)),
        skills=rng.choice(SKILLS).format(title=_title(occupation)),
        about_me="Vill ge tillbaka och hjälpa nya kollegor in i yrket.",
        mentee_capacity=_mentee_capacity(n),
    )


def _mentee_capacity(n: int) -> int | None:
    """What mentor n answered: most one, every fifth two, the first three, and a few did not say."""
    if n == 0:
        return 3
    if n % 5 == 0:
        return 2
    return None if n % 10 == 7 else 1


_WOMEN = {
    "Amira", "Rania", "Layla", "Nour", "Hiba", "Maryam", "Shirin", "Parisa", "Niloufar", "Semhar", "Helen",
    "Saba", "Hodan", "Fadumo", "Ayaan", "Olena", "Iryna", "Priya", "Mei", "Lucía", "Aylin",
}  # fmt: skip


OCCUPATION_WORDS = {
    "2411": "revisor",
    "2412": "controller",
    "2413": "finansanalytiker",
    "3313": "redovisningsekonom",
    "2611": "advokat",
    "2221": "sjuksköterska",
    "2419": "ekonom",
}


def _title(code: str) -> str:
    """One person's occupation in plain words ("revisor"), for the free texts."""
    return OCCUPATION_WORDS.get(code, "ekonom")
