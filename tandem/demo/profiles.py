"""The facts a funder's breakdowns read (gender, year of birth, employment status, municipality, years in
Sweden), filled in for every application of the demo's programs that left them blank.

Realistic for the demo's union in Västra Götaland: most people live in Göteborg or a municipality around
it, a few elsewhere in Sweden; mentees are mostly newly arrived (at most three years in Sweden) and looking
for a job, mentors mostly employed and long settled. Gender follows the first name where Faker sv_SE knows
it. Made from a fixed seed, in one bulk update per program: the same every time.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date

from faker.providers.person.sv_SE import Provider as SwedishNames

from tandem.applications.models import Application
from tandem.programs.models import Program
from tandem.reference.choices import EmploymentStatus, Gender, Role
from tandem.reference.data import municipalities

SEED = 2026
FIELDS = ["gender", "birth_year", "employment_status", "municipality", "years_in_sweden"]
HOME_COUNTY = "14"  # Västra Götalands län
GOTEBORG = "1480"
WOMEN = {
    "aisha", "amal", "amina", "elif", "farida", "fatima", "hanna", "hiba", "layla", "leila", "maryam",
    "nour", "noor", "priya", "rana", "sara", "selam", "yasmin", "zainab", "zeynep", "olena", "iryna",
}  # fmt: skip
MEN = {"ismail", "nour-eddin", "reza", "tariq", "yusuf", "omar", "samir", "carlos", "kerem", "dawit"}


def guess_gender(first_name: str, rng: random.Random) -> str:
    """The gender a first name suggests (Faker sv_SE's name lists, then a short list of the demo's
    other names); a name nobody knows gets one at random, now and then "other"."""
    name = first_name.strip().split(" ")[0]
    lowered = name.lower()
    if name in SwedishNames.first_names_female or lowered in WOMEN:
        return Gender.WOMAN
    if name in SwedishNames.first_names_male or lowered in MEN:
        return Gender.MAN
    return rng.choices([Gender.WOMAN, Gender.MAN, Gender.OTHER], weights=[48, 48, 4])[0]


def _municipality(rng: random.Random, home: list[str], elsewhere: list[str]) -> str:
    roll = rng.random()
    if roll < 0.45:
        return GOTEBORG
    if roll < 0.9:
        return rng.choice(home)
    return rng.choice(elsewhere)


def profile(role: str, first_name: str, rng: random.Random, *, on: date) -> dict[str, object]:
    """The five facts of one demo person, by role."""
    codes = sorted(municipalities())
    home = [c for c in codes if municipalities()[c].county_code == HOME_COUNTY and c != GOTEBORG]
    elsewhere = [c for c in codes if municipalities()[c].county_code != HOME_COUNTY]
    if role == Role.MENTEE:
        age = rng.randint(24, 52)
        years = rng.choices([0, 1, 2, 3, 4, 5, 7], weights=[5, 25, 25, 20, 12, 8, 5])[0]
        employment = rng.choices(
            [
                EmploymentStatus.JOB_SEEKING,
                EmploymentStatus.STUDYING,
                EmploymentStatus.EMPLOYED,
                EmploymentStatus.OTHER,
            ],
            weights=[65, 15, 15, 5],
        )[0]
    else:
        age = rng.randint(32, 64)
        born_abroad = rng.random() < 0.2
        years = rng.randint(12, 30) if born_abroad else age
        employment = rng.choices(
            [EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED], weights=[88, 12]
        )[0]
    return {
        "gender": guess_gender(first_name, rng),
        "birth_year": on.year - age,
        "employment_status": employment,
        "municipality": _municipality(rng, home, elsewhere),
        "years_in_sweden": min(years, 100),
    }


def fill_profiles(programs: Iterable[Program], *, on: date) -> int:
    """Fill the blank facts of the programs' applications (one read, one bulk update per program);
    a fact an application already states is kept. Returns the number of applications changed."""
    changed = 0
    for program in programs:
        rng = random.Random(f"{SEED}-{program.name}")
        applications = list(Application.objects.filter(program=program).order_by("pk"))
        for application in applications:
            facts = profile(application.role, application.first_name, rng, on=on)
            for name, value in facts.items():
                if getattr(application, name) in (None, ""):
                    setattr(application, name, value)
        Application.objects.bulk_update(applications, FIELDS, batch_size=500)
        changed += len(applications)
    return changed
