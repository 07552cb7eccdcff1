"""The adapter: accepted applications become the engine's plain data, one query per side."""

from datetime import timedelta

import pytest

from tandem.pairs.engine_input import load_cohort
from tandem.pairs.models import Pair
from tandem.pairs.services import preset_weights
from tandem.pairs.tests.people import make_application, make_mentor

pytestmark = pytest.mark.django_db

RULES = {"exclusions": True, "same_employer": True, "gender_wish": True, "meeting_format": False}


def test_the_pool_is_read_in_one_query_per_side(program, cohort, django_assert_num_queries):
    # 1 accepted mentees without a live pair, 2 accepted mentors with their free places
    with django_assert_num_queries(2):
        loaded = load_cohort(program, weights=preset_weights("job_in_profession"), rules=RULES)
    assert [m.id for m in loaded.mentees] == [
        str(cohort[k].pk) for k in ("amira", "bashir", "daniel", "fatima")
    ]
    assert [m.id for m in loaded.mentors] == [str(cohort[k].pk) for k in ("eva", "johan", "sara")]
    assert loaded.rules.meeting_format is False and loaded.rules.gender_wish is True
    assert loaded.weights["occupation"] == 5


def test_an_application_brings_its_facts_to_the_engine(program, cohort):
    loaded = load_cohort(program, weights=preset_weights("general"), rules=RULES)
    amira = next(m for m in loaded.mentees if m.id == str(cohort["amira"].pk))
    assert amira.occupation_wanted == "2411"
    assert amira.languages == {"sv": "B1", "ar": "C2"}
    assert amira.municipality == "1480"
    assert amira.mentor_gender_wish == "woman"
    assert amira.goals == "Arbeta som redovisningsekonom i Sverige"
    eva = next(m for m in loaded.mentors if m.id == str(cohort["eva"].pk))
    assert (eva.occupation, eva.employer, eva.capacity) == ("2411", "Revisorerna AB", 1)
    assert eva.expertise == "Redovisning och revision"
    assert amira.name == "" and eva.name == "", "the engine needs no names"


def test_sfi_courses_count_as_their_cefr_level(program):
    mentee = make_application(program, "mentee", "Lina", "Sabri", swedish_level="SFI_D")
    loaded = load_cohort(program, weights={}, rules=RULES)
    assert loaded.mentees[0].id == str(mentee.pk)
    assert loaded.mentees[0].languages == {"sv": "B1"}


def test_names_in_exclusions_become_the_other_persons_id(program):
    mentor = make_mentor(program, "Eva", "Lind", current_employer="Revisorerna AB")
    make_application(program, "mentee", "Omar", "Ali", exclusions="eva  lind; Banken AB\nKPMG")
    loaded = load_cohort(program, weights={}, rules=RULES)
    assert loaded.mentees[0].excluded == (str(mentor.pk), "Banken AB", "KPMG")


def test_people_in_a_live_pair_or_not_accepted_stay_out(program, cohort, now):
    make_application(program, "mentee", "Nora", "Karimi", status="received")
    make_mentor(program, "Olle", "Ek", status="withdrawn")
    Pair.objects.create(
        program=program, mentee=cohort["amira"], mentor=cohort["eva"], answer_deadline=now + timedelta(days=7)
    )
    Pair.objects.create(
        program=program,
        mentee=cohort["bashir"],
        mentor=cohort["johan"],
        status=Pair.Status.DECLINED,
        answer_deadline=now + timedelta(days=7),
    )
    loaded = load_cohort(program, weights={}, rules=RULES)
    assert {m.id for m in loaded.mentees} == {str(cohort[k].pk) for k in ("bashir", "daniel", "fatima")}
    assert {m.id for m in loaded.mentors} == {str(cohort[k].pk) for k in ("johan", "sara")}


def test_a_mentor_with_two_places_keeps_one_after_a_pair(program, now):
    mentor = make_mentor(program, "Karin", "Holm", capacity=2)
    mentee = make_application(program, "mentee", "Ali", "Hassan")
    make_application(program, "mentee", "Sami", "Yousef")
    Pair.objects.create(
        program=program, mentee=mentee, mentor=mentor, answer_deadline=now + timedelta(days=7)
    )
    loaded = load_cohort(program, weights={}, rules=RULES)
    assert [(m.id, m.capacity) for m in loaded.mentors] == [(str(mentor.pk), 1)]
    assert loaded.capacities == {str(mentor.pk): 1}


def test_other_programs_people_are_not_in_the_pool(program, other_program):
    make_application(other_program, "mentee", "Zara", "Osman")
    make_mentor(other_program, "Per", "Å")
    loaded = load_cohort(program, weights={}, rules=RULES)
    assert loaded.mentees == [] and loaded.mentors == []
