"""The coordinator writes the requirement profile: one structured form per kind of criterion."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import EN, SV, field_error, points_at_error, text
from tandem.requirements.models import Criterion, RequirementProfile
from tandem.screening.tests.factories import add_criterion

pytestmark = pytest.mark.django_db

MUST = {"importance": "must", "weight": "1"}


def add_url(program, role="mentee"):
    return reverse("requirements:add", kwargs={"pk": program.pk, "role": role})


def profile_url(program, role="mentee"):
    return reverse("requirements:profile", kwargs={"pk": program.pk, "role": role})


VALID = [
    (
        "employment_status",
        {"statuses": ["studying", "job_seeking"]},
        {"statuses": ["job_seeking", "studying"]},
    ),
    ("swedish_level", {"min_level": "SFI_D"}, {"min_level": "B1"}),
    ("language", {"code": "en", "min_level": "B2"}, {"code": "en", "min_level": "B2"}),
    (
        "occupation",
        {"codes": ["2411", "241"], "match_digits": "3"},
        {"codes": ["241", "2411"], "match_digits": 3},
    ),
    ("experience_years", {"min": "3"}, {"min": 3}),
    ("years_in_sweden", {"max": "5"}, {"min": None, "max": 5}),
    (
        "region",
        {"counties": ["14"], "municipalities": ["0180"]},
        {"counties": ["14"], "municipalities": ["0180"]},
    ),
    ("age_band", {"min": "25", "max": "64"}, {"min": 25, "max": 64}),
    ("meeting_format", {"formats": ["in_person"]}, {"formats": ["in_person"]}),
]


@pytest.mark.parametrize(("kind", "data", "stored"), VALID, ids=[row[0] for row in VALID])
def test_each_kind_of_criterion_is_added_from_its_own_form(client, coordinator, program, kind, data, stored):
    client.force_login(coordinator)
    assert client.get(add_url(program), {"kind": kind}, **EN).status_code == 200

    response = client.post(add_url(program), {"kind": kind, **MUST, **data}, **EN)

    assert response.status_code == 302
    criterion = Criterion.objects.get(profile__program=program, profile__role="mentee")
    assert (criterion.kind, criterion.importance, criterion.params) == (kind, "must", stored)


INVALID = [
    (
        "employment_status",
        {},
        "statuses",
        "Tick at least one employment status.",
        "Kryssa i minst en sysselsättning.",
    ),
    ("swedish_level", {}, "min_level", "Choose the lowest level of Swedish.", "Välj lägsta nivå i svenska."),
    ("language", {"min_level": "B2"}, "code", "Choose a language.", "Välj ett språk."),
    ("occupation", {}, "codes", "Choose at least one occupation.", "Välj minst ett yrke."),
    (
        "experience_years",
        {"min": "61"},
        "min",
        "Ensure this value is less than or equal to 60.",
        "Kontrollera att detta värde är mindre än eller lika med 60.",
    ),
    (
        "years_in_sweden",
        {"min": "10", "max": "5"},
        "max",
        "The highest value must not be lower than the lowest.",
        "Det högsta värdet får inte vara lägre än det lägsta.",
    ),
    (
        "region",
        {},
        "counties",
        "Choose at least one county or municipality.",
        "Välj minst ett län eller en kommun.",
    ),
    (
        "age_band",
        {"min": "70", "max": "30"},
        "max",
        "The highest age must not be lower than the lowest.",
        "Den högsta åldern får inte vara lägre än den lägsta.",
    ),
    (
        "meeting_format",
        {},
        "formats",
        "Tick at least one way of meeting.",
        "Kryssa i minst ett sätt att träffas.",
    ),
]


@pytest.mark.parametrize(
    ("kind", "data", "field", "english", "swedish"), INVALID, ids=[row[0] for row in INVALID]
)
def test_bad_settings_are_explained_next_to_the_field_in_swedish_and_english(
    client, coordinator, program, kind, data, field, english, swedish
):
    client.force_login(coordinator)
    for language, expected in ((EN, english), (SV, swedish)):
        response = client.post(add_url(program), {"kind": kind, **MUST, **data}, **language)

        assert response.status_code == 200
        assert field_error(response, f"id_{field}") == expected
        if field != "codes":  # no occupation chosen, no check box: see test_occupation_picker.py
            assert points_at_error(response, f"id_{field}")
    assert not RequirementProfile.objects.exists()


def test_a_weight_outside_one_to_ten_is_refused(client, coordinator, program):
    client.force_login(coordinator)
    data = {"kind": "experience_years", "importance": "should", "weight": "11", "min": "2"}
    response = client.post(add_url(program), data, **EN)
    assert field_error(response, "id_weight") == "Ensure this value is less than or equal to 10."


def test_the_profile_is_created_on_first_use_and_the_change_is_audited(client, coordinator, program):
    client.force_login(coordinator)
    assert "No criteria yet" in text(client.get(profile_url(program), **EN))
    assert not RequirementProfile.objects.exists()

    client.post(add_url(program), {"kind": "swedish_level", **MUST, "min_level": "B1"}, **EN)

    profile = RequirementProfile.objects.get(program=program, role="mentee")
    criterion = profile.criteria.get()
    event = AuditEvent.objects.get(action="requirement_profile.criterion_added")
    assert (event.actor, event.program, event.target_id) == (coordinator, program, str(criterion.pk))
    assert event.data == {
        "role": "mentee",
        "kind": "swedish_level",
        "importance": "must",
        "params": {"min_level": "B1"},
    }
    page = text(client.get(profile_url(program), **EN))
    assert "Swedish at least B1" in page


def test_a_criterion_is_changed_and_removed(client, coordinator, program):
    criterion = add_criterion(program, "mentee", "age_band", min=18, max=None)
    client.force_login(coordinator)
    edit = reverse(
        "requirements:edit", kwargs={"pk": program.pk, "role": "mentee", "criterion_id": criterion.pk}
    )
    assert 'value="18"' in client.get(edit, **EN).content.decode()

    client.post(
        edit, {"kind": "age_band", "importance": "should", "weight": "3", "min": "20", "max": "60"}, **EN
    )
    criterion.refresh_from_db()
    assert (criterion.importance, criterion.weight, criterion.params) == ("should", 3, {"min": 20, "max": 60})

    remove = reverse(
        "requirements:remove", kwargs={"pk": program.pk, "role": "mentee", "criterion_id": criterion.pk}
    )
    client.post(remove, **EN)
    assert not Criterion.objects.exists()
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "requirement_profile.criterion_changed",
        "requirement_profile.criterion_removed",
    ]


def test_a_criterion_of_another_program_or_role_is_not_found(client, coordinator, program, other_program):
    theirs = add_criterion(other_program, "mentee", "age_band", min=18)
    mentors = add_criterion(program, "mentor", "age_band", min=18)
    client.force_login(coordinator)
    for criterion in (theirs, mentors):
        url = reverse(
            "requirements:edit", kwargs={"pk": program.pk, "role": "mentee", "criterion_id": criterion.pk}
        )
        assert client.get(url).status_code == 404
    assert (
        client.get(reverse("requirements:profile", kwargs={"pk": program.pk, "role": "boss"})).status_code
        == 404
    )


def test_adding_without_a_kind_asks_for_the_kind_first(client, coordinator, program):
    client.force_login(coordinator)
    response = client.get(add_url(program), **EN)
    assert response.status_code == 200
    assert 'name="kind"' in response.content.decode()
    assert "Kind of criterion" in text(response)
