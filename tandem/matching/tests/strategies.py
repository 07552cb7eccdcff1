"""Hypothesis strategies: small cohorts drawn from few values, so that rules and ties collide often."""

from __future__ import annotations

from hypothesis import strategies as st

from tandem.matching.model import CEFR_LEVELS, Mentee, Mentor

OCCUPATIONS = [None, "2411", "2412", "241", "24", "2", "2221", "2512", "5120", "3313"]
MUNICIPALITIES = [None, "0180", "0184", "0380", "1480", "1280", "2584"]
FORMATS = [None, "in_person", "online", "either"]
GENDERS = [None, "woman", "man", "other"]
EMPLOYERS = [None, "Volvo", "Region Skåne", "ICA"]
TEXTS = [
    "",
    "revision och redovisning, auktoriserad revisor",
    "Jag vill bli revisor",
    "software developer, python",
    "nursing licence in Sweden",
    "och att",
]

languages = st.dictionaries(st.sampled_from(["sv", "en", "ar"]), st.sampled_from(CEFR_LEVELS), max_size=2)
birth_years = st.none() | st.integers(1955, 2002)
experience = st.none() | st.integers(0, 30)


@st.composite
def cohorts(draw, max_mentees: int = 8, max_mentors: int = 6, min_mentees: int = 1, min_mentors: int = 1):
    n = draw(st.integers(min_mentees, max_mentees))
    m = draw(st.integers(min_mentors, max_mentors))
    tokens = [f"m{j}" for j in range(m)] + ["volvo", "ICA"]
    mentees = [
        Mentee(
            id=f"a{i}",
            occupation_wanted=draw(st.sampled_from(OCCUPATIONS)),
            occupation_earlier=draw(st.sampled_from(OCCUPATIONS)),
            languages=draw(languages),
            municipality=draw(st.sampled_from(MUNICIPALITIES)),
            meeting_format=draw(st.sampled_from(FORMATS)),
            goals=draw(st.sampled_from(TEXTS)),
            gender=draw(st.sampled_from(GENDERS)),
            mentor_gender_wish=draw(st.sampled_from([None, "any", "woman", "man"])),
            mentor_age_wish=draw(st.sampled_from([None, "any", "older", "similar"])),
            birth_year=draw(birth_years),
            experience_years=draw(experience),
            employer=draw(st.sampled_from(EMPLOYERS)),
            excluded=tuple(draw(st.lists(st.sampled_from(tokens), max_size=2))),
        )
        for i in range(n)
    ]
    mentee_tokens = [f"a{i}" for i in range(n)] + ["region skåne"]
    mentors = [
        Mentor(
            id=f"m{j}",
            occupation=draw(st.sampled_from(OCCUPATIONS)),
            languages=draw(languages),
            municipality=draw(st.sampled_from(MUNICIPALITIES)),
            meeting_format=draw(st.sampled_from(FORMATS)),
            expertise=draw(st.sampled_from(TEXTS)),
            capacity=draw(st.integers(1, 3)),
            gender=draw(st.sampled_from(GENDERS)),
            birth_year=draw(birth_years),
            experience_years=draw(experience),
            employer=draw(st.sampled_from(EMPLOYERS)),
            excluded=tuple(draw(st.lists(st.sampled_from(mentee_tokens), max_size=1))),
        )
        for j in range(m)
    ]
    return mentees, mentors
