"""Reasons render in Swedish and English; every code the engine can produce has a rendering."""

from __future__ import annotations

import pytest

from tandem.matching.explain import REASON_CODES, describe, summarize
from tandem.matching.model import CriterionResult, MenteeResult, Reason

EXAMPLES = [
    Reason("occupation_match", {"level": 4, "code": "2411", "via": "wanted"}),
    Reason("occupation_match", {"level": 2, "code": "22", "via": "earlier"}),
    Reason("occupation_different", {"mentee": "2411", "mentor": "5120"}),
    Reason("occupation_unknown", {"side": "mentor"}),
    Reason("goals_shared_words", {"words": ["redovisning", "revision"], "similarity": 0.4}),
    Reason("goals_similar_wording", {"similarity": 0.1}),
    Reason("goals_no_overlap"),
    Reason("goals_unknown", {"side": "both"}),
    Reason("language_shared", {"language": "ar", "mentee_level": "C1", "mentor_level": "B2"}),
    Reason("language_shared", {"language": "xx", "mentee_level": "A1", "mentor_level": "B2"}),
    Reason("language_none"),
    Reason("language_unknown", {"side": "mentee"}),
    Reason("place_same_municipality", {"municipality": "1480"}),
    Reason("place_distance", {"km": 12, "county": "Stockholms län"}),
    Reason("place_distance", {"km": 398, "county": None}),
    Reason("place_online"),
    Reason("place_unknown", {"side": "mentor"}),
    Reason("format_compatible", {"format": "either"}),
    Reason("format_compatible", {"format": "online"}),
    Reason("format_conflict", {"mentee": "in_person", "mentor": "online"}),
    Reason("format_unknown", {"side": "both"}),
    Reason("wish_gender", {"wish": "woman", "gender": "woman"}),
    Reason("wish_gender", {"wish": "man", "gender": None}),
    Reason("wish_age", {"wish": "older", "years_older": -3}),
    Reason("wish_age", {"wish": "similar", "years_older": None}),
    Reason("wish_none"),
    Reason("experience_gap", {"years": 8, "basis": "experience"}),
    Reason("experience_gap", {"years": 0, "basis": "age"}),
    Reason("experience_unknown"),
    Reason("locked"),
    Reason("unmatched_no_mentors"),
    Reason(
        "unmatched_all_excluded", {"candidates": 4, "rule": "meeting_format", "rules": {"meeting_format": 4}}
    ),
    Reason("unmatched_all_excluded", {"candidates": 2, "rule": "mentee_exclusions", "rules": {}}),
    Reason(
        "unmatched_all_excluded", {"candidates": 3, "rule": None, "rules": {"gender_wish": 2, "forbidden": 1}}
    ),
    Reason("unmatched_capacity", {"candidates": 5, "occupation": "2611", "occupation_candidates": 2}),
    Reason("unmatched_capacity", {"candidates": 1, "occupation": "2611", "occupation_candidates": 0}),
    Reason("unmatched_capacity", {"candidates": 5, "occupation": None, "occupation_candidates": 0}),
    Reason("unmatched_no_pairs", {"listed": 0}),
    Reason("unmatched_no_pairs", {"listed": 3}),
    Reason("pair_excluded", {"rules": ["same_employer"]}),
    Reason("pair_excluded", {"rules": ["forbidden", "mentor_exclusions", "gender_wish"]}),
]


def test_every_code_has_an_example():
    assert {r.code for r in EXAMPLES} == REASON_CODES


@pytest.mark.parametrize("reason", EXAMPLES, ids=lambda r: r.code)
def test_renders_in_both_languages(reason):
    swedish, english = describe(reason, "sv"), describe(reason, "en")
    assert swedish and english
    assert "{" not in swedish + english


@pytest.mark.parametrize(
    ("reason", "sv", "en"),
    [
        (EXAMPLES[0], "samma yrke: Revisorer m.fl. (2411)", "same occupation: Accountants (2411)"),
        (EXAMPLES[8], "båda talar arabiska (C1/B2)", "both speak Arabic (C1/B2)"),
        (
            EXAMPLES[13],
            "12 km ifrån varandra (båda i Stockholms län)",
            "12 km apart (both in Stockholms län)",
        ),
        (EXAMPLES[12], "båda i Göteborg", "both in Göteborg"),
        (
            EXAMPLES[31],
            "alla kandidater utesluts av regeln om mötesform",
            "all candidates excluded by the meeting-format rule",
        ),
        (EXAMPLES[32], "utesluten av adeptens egna undantag", "excluded by the mentee's own exclusions"),
        (
            EXAMPLES[34],
            "ingen mentor inom Advokater (2611) har plats kvar: 2 mentorer var möjliga, men alla hade fullt",
            "no mentor in occupation Lawyers (2611) has a place left: 2 mentors were possible, but none had"
            " a place left",
        ),
        (EXAMPLES[-2], "utesluts av regeln om samma arbetsgivare", "excluded by the same-employer rule"),
        (
            EXAMPLES[-1],
            "utesluts av samordnarens spärrade par, mentorns egna undantag och regeln om önskat kön",
            "excluded by the coordinator's forbidden pairs, the mentor's own exclusions and the gender-wish"
            " rule",
        ),
    ],
)
def test_phrases(reason, sv, en):
    assert describe(reason, "sv") == sv
    assert describe(reason, "en") == en


@pytest.mark.parametrize(
    ("years", "sv", "en"),
    [
        (25, "mentorn har 25 år mer erfarenhet", "the mentor has 25 years more experience"),
        (1, "mentorn har 1 år mer erfarenhet", "the mentor has 1 year more experience"),
        (-3, "mentorn har 3 år mindre erfarenhet", "the mentor has 3 years less experience"),
    ],
)
def test_experience_gap_in_years(years, sv, en):
    reason = Reason("experience_gap", {"years": years, "basis": "experience"})
    assert describe(reason, "sv") == sv
    assert describe(reason, "en") == en


def test_a_single_possible_mentor_who_is_full():
    reason = Reason("unmatched_capacity", {"occupation": "2611", "occupation_candidates": 1, "candidates": 3})
    assert (
        describe(reason, "sv")
        == "ingen mentor inom Advokater (2611) har plats kvar: 1 mentor var möjlig, men hade fullt"
    )
    assert describe(reason, "en").endswith(": 1 mentor was possible, but had no place left")


def test_unknown_language_code_falls_back_to_the_code():
    assert describe(EXAMPLES[9], "en") == "both speak xx (A1/B2)"


def test_bad_lang_is_refused():
    with pytest.raises(ValueError):
        describe(EXAMPLES[0], "de")


def test_summary_puts_the_biggest_contributions_first_and_skips_empty_wishes():
    breakdown = (
        CriterionResult("place", 1.0, 0.2, (EXAMPLES[14],)),
        CriterionResult("wishes", 1.0, None, (Reason("wish_none"),)),
        CriterionResult("occupation", 3.0, 1.0, (EXAMPLES[0],)),
    )
    result = MenteeResult("a", "m", 80.0, True, breakdown, None, ())
    assert (
        summarize(result, "en")
        == "locked by the coordinator; same occupation: Accountants (2411); 398 km apart"
    )


@pytest.mark.parametrize(
    ("params", "sv", "en"),
    [
        (
            {"occupation": "2611", "occupation_candidates": 0, "candidates": 2},
            "ingen mentor inom Advokater (2611) får paras med adepten, och de 2 andra tillåtna "
            "mentorerna har redan fullt",
            "no mentor in occupation Lawyers (2611) may be paired with this mentee, and the 2 other allowed "
            "mentors have no place left",
        ),
        (
            {"candidates": 1},
            "den enda mentor som får paras med adepten har redan fullt",
            "the only mentor who may be paired with this mentee has no place left",
        ),
        (
            {"candidates": 3},
            "alla 3 mentorer som får paras med adepten har redan fullt",
            "all 3 mentors who may be paired with this mentee have no place left",
        ),
    ],
)
def test_every_mentor_allowed_is_full_said_of_people(params, sv, en):
    """Not "mentorn är full": of a person, Swedish "full" means drunk."""
    reason = Reason("unmatched_capacity", params)
    assert describe(reason, "sv") == sv
    assert describe(reason, "en") == en
