"""A small cohort for the cast's program: four accepted mentees and three accepted mentors.

With the default job-in-profession weights the engine pairs Amira–Eva (accountants in Göteborg),
Bashir–Johan (finance, Stockholm, in person) and Daniel–Sara (lawyers, online). Fatima wants to avoid
Eva's employer; Johan and Sara are taken, so she is left without a mentor.
"""

from __future__ import annotations

from itertools import count

from tandem.applications.models import Application
from tandem.pairs.models import MentorCapacity

_numbers = count(1)


def make_application(program, role: str, first_name: str, last_name: str, **facts) -> Application:
    number = next(_numbers)
    facts.setdefault("email", f"{first_name.lower()}.{number}@example.org")
    facts.setdefault("status", Application.Status.ACCEPTED)
    return Application.objects.create(
        program=program, role=role, first_name=first_name, last_name=last_name, **facts
    )


def make_mentor(program, first_name: str, last_name: str, *, capacity: int = 1, **facts) -> Application:
    mentor = make_application(program, "mentor", first_name, last_name, **facts)
    if capacity != 1:
        MentorCapacity.objects.create(mentor=mentor, capacity=capacity)
    return mentor


def build_cohort(program) -> dict[str, Application]:
    program.purpose_kind = "job_in_profession"
    program.state = "matching"
    program.save()
    mentees = {
        "amira": make_application(
            program,
            "mentee",
            "Amira",
            "Haddad",
            language="ar",
            occupation_wanted="2411",
            occupation_now="2411",
            swedish_level="B1",
            other_languages=[{"code": "ar", "level": "C2"}],
            municipality="1480",
            meeting_format="either",
            gender="woman",
            mentor_gender_wish="woman",
            birth_year=1990,
            experience_years=8,
            expectations="Arbeta som redovisningsekonom i Sverige",
        ),
        "bashir": make_application(
            program,
            "mentee",
            "Bashir",
            "Rahimi",
            language="sv",
            occupation_wanted="2412",
            swedish_level="B1",
            other_languages=[{"code": "fa", "level": "C2"}],
            municipality="0180",
            meeting_format="in_person",
            gender="man",
            birth_year=1985,
            experience_years=10,
            expectations="Finansiell rådgivning och bankyrket",
        ),
        "daniel": make_application(
            program,
            "mentee",
            "Daniel",
            "Tesfay",
            language="en",
            occupation_wanted="2611",
            swedish_level="A2",
            other_languages=[{"code": "ti", "level": "C2"}, {"code": "en", "level": "B2"}],
            municipality="1280",
            meeting_format="online",
            gender="man",
            birth_year=1992,
            expectations="Svensk affärsjuridik",
        ),
        "fatima": make_application(
            program,
            "mentee",
            "Fatima",
            "Warsame",
            language="sv",
            occupation_wanted="2411",
            swedish_level="B2",
            other_languages=[{"code": "so", "level": "C2"}],
            municipality="1480",
            meeting_format="either",
            gender="woman",
            exclusions="Revisorerna AB",
            expectations="Revision",
        ),
    }
    mentors = {
        "eva": make_mentor(
            program,
            "Eva",
            "Lind",
            language="sv",
            occupation_now="2411",
            swedish_level="C2",
            other_languages=[{"code": "en", "level": "C1"}],
            municipality="1480",
            meeting_format="either",
            gender="woman",
            birth_year=1970,
            experience_years=25,
            current_employer="Revisorerna AB",
            skills="Redovisning och revision",
        ),
        "johan": make_mentor(
            program,
            "Johan",
            "Berg",
            language="sv",
            occupation_now="2412",
            swedish_level="C2",
            municipality="0180",
            meeting_format="in_person",
            gender="man",
            birth_year=1968,
            experience_years=30,
            current_employer="Banken",
            skills="Finansiell rådgivning",
        ),
        "sara": make_mentor(
            program,
            "Sara",
            "Nilsson",
            language="en",
            occupation_now="2611",
            swedish_level="C2",
            other_languages=[{"code": "en", "level": "C2"}],
            municipality="1280",
            meeting_format="online",
            gender="woman",
            birth_year=1975,
            experience_years=20,
            skills="Affärsjuridik",
        ),
    }
    return {**mentees, **mentors}
