"""While editing, the coordinator sees how many current applicants would pass; saving checks them again."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications import rechecks
from tandem.applications.models import Application
from tandem.factories import ApplicationFactory
from tandem.jobs.models import Job
from tandem.jobs.services import run_job
from tandem.lib.testing.pages import EN, SV, shown_messages, text
from tandem.requirements import services
from tandem.requirements.evaluation import CriterionSpec
from tandem.requirements.models import Criterion
from tandem.requirements.readiness import requirement_profile_check
from tandem.screening.tests.factories import add_criterion

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicants(program):
    """Three current mentees (born 1960, 1988, 1999) and one who withdrew."""
    return [
        ApplicationFactory(program=program, birth_year=1960, swedish_level="C1"),
        ApplicationFactory(program=program, birth_year=1988, swedish_level="B1"),
        ApplicationFactory(program=program, birth_year=1999, swedish_level="SFI_C"),
        ApplicationFactory(program=program, birth_year=1990, status="withdrawn"),
        ApplicationFactory(program=program, role="mentor", birth_year=1950),
    ]


def preview_url(program, role="mentee"):
    return reverse("requirements:preview", kwargs={"pk": program.pk, "role": role})


def test_the_preview_counts_current_applicants_with_the_unsaved_criterion(
    client, coordinator, program, applicants
):
    client.force_login(coordinator)
    data = {"kind": "age_band", "importance": "must", "weight": "1", "max": "60"}

    response = client.post(preview_url(program), data, HTTP_HX_REQUEST="true", **EN)

    assert response.status_code == 200
    assert "2 of 3 current applicants would pass" in text(response)
    assert "<html" not in response.content.decode()  # a fragment for htmx to swap in
    assert not Criterion.objects.exists()


def test_the_preview_is_in_swedish_for_a_swedish_coordinator(client, coordinator, program, applicants):
    client.force_login(coordinator)
    data = {"kind": "swedish_level", "importance": "must", "weight": "1", "min_level": "B1"}
    assert "2 av 3 nuvarande sökande skulle gå vidare" in text(client.post(preview_url(program), data, **SV))


def test_the_preview_replaces_the_criterion_being_edited(client, coordinator, program, applicants):
    criterion = add_criterion(program, "mentee", "age_band", max=30)
    client.force_login(coordinator)
    data = {"kind": "age_band", "importance": "must", "weight": "1", "max": "70", "criterion": criterion.pk}
    assert "3 of 3 current applicants would pass" in text(client.post(preview_url(program), data, **EN))


def test_an_incomplete_form_asks_to_be_filled_in(client, coordinator, program, applicants):
    client.force_login(coordinator)
    data = {"kind": "employment_status", "importance": "must", "weight": "1"}
    response = client.post(preview_url(program), data, **EN)
    assert "Fill in the criterion to see how many applicants would pass" in text(response)


def test_without_javascript_the_preview_button_shows_the_count_and_saves_nothing(
    client, coordinator, program, applicants
):
    client.force_login(coordinator)
    url = reverse("requirements:add", kwargs={"pk": program.pk, "role": "mentee"})
    data = {"kind": "age_band", "importance": "must", "weight": "1", "min": "30", "action": "preview"}

    response = client.post(url, data, **EN)

    assert response.status_code == 200
    page = text(response)
    assert "2 of 3 current applicants would pass" in page  # born 1960 and 1988
    assert "As saved now: 3 of 3 current applicants pass." in page
    assert 'value="30"' in response.content.decode()  # the form keeps what was typed
    assert not Criterion.objects.exists()


def test_the_count_is_one_query_for_the_applications(program, applicants, django_assert_num_queries):
    criteria = [CriterionSpec(kind="swedish_level", importance="must", params={"min_level": "B1"})]
    with django_assert_num_queries(1):  # the role's current applications, with their facts only
        count = services.count_passing(program, "mentee", criteria, today=timezone.localdate())
    assert count == services.PassCount(passing=2, total=3, needs_check=0)


def test_saving_checks_the_roles_applications_again(client, coordinator, program, applicants):
    client.force_login(coordinator)
    url = reverse("requirements:add", kwargs={"pk": program.pk, "role": "mentee"})

    response = client.post(
        url, {"kind": "swedish_level", "importance": "must", "weight": "1", "min_level": "B1"}, **EN
    )

    assert shown_messages(client.get(response["Location"])) == [
        "The profile is saved and 4 applications were checked again."
    ]
    by_level = {a.swedish_level: a for a in Application.objects.filter(program=program, role="mentee")}
    assert by_level["C1"].passes_requirements is True
    assert by_level["B1"].passes_requirements is True
    failed = by_level["SFI_C"]
    assert failed.passes_requirements is False
    assert failed.requirement_flags[0]["kind"] == "swedish_level"
    assert failed.requirement_score == 100
    assert failed.evaluated_at is not None
    mentor = Application.objects.get(program=program, role="mentor")
    assert mentor.passes_requirements is None  # another role's profile


def test_removing_the_last_criterion_lets_everyone_pass_again(client, coordinator, program, applicants):
    criterion = add_criterion(program, "mentee", "swedish_level", min_level="C1")
    rechecks.reevaluate_role(program, "mentee", now=timezone.now())
    assert Application.objects.filter(program=program, role="mentee", passes_requirements=False).count() == 3
    client.force_login(coordinator)

    client.post(
        reverse(
            "requirements:remove", kwargs={"pk": program.pk, "role": "mentee", "criterion_id": criterion.pk}
        )
    )

    assert set(
        Application.objects.filter(program=program, role="mentee").values_list(
            "passes_requirements", flat=True
        )
    ) == {True}


def test_many_applications_are_checked_again_by_the_worker(
    client, coordinator, program, applicants, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(rechecks, "REEVALUATE_INLINE_MAX", 2)
    client.force_login(coordinator)
    url = reverse("requirements:add", kwargs={"pk": program.pk, "role": "mentee"})
    data = {"kind": "age_band", "importance": "must", "weight": "1", "max": "60"}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, data, **EN)

    assert len(callbacks) == 1  # the job is queued once the change is committed; in tests huey runs it now
    job = Job.objects.get(kind="requirements.reevaluate")
    assert response["Location"] == reverse("jobs:job", kwargs={"pk": program.pk, "job": job.pk})
    page = client.get(response["Location"], **EN)
    assert shown_messages(page) == [
        "The profile is saved. 4 applications are being checked again; this takes a moment."
    ]
    assert "4 applications were checked against the profile." in text(page)
    old = Application.objects.get(program=program, birth_year=1960)
    assert old.passes_requirements is False


def test_a_second_change_while_the_check_waits_joins_it(
    client, coordinator, program, applicants, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(rechecks, "REEVALUATE_INLINE_MAX", 2)
    client.force_login(coordinator)
    url = reverse("requirements:add", kwargs={"pk": program.pk, "role": "mentee"})
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = client.post(url, {"kind": "age_band", "importance": "must", "weight": "1", "max": "70"})
        # A second change while the first job waits finds that job: it reads the profile when it starts.
        second = client.post(url, {"kind": "age_band", "importance": "must", "weight": "1", "max": "60"})
    assert first["Location"] == second["Location"]
    for callback in queued:
        callback()
    assert Job.objects.get().status == "done"
    assert Application.objects.get(program=program, birth_year=1960).passes_requirements is False


def test_a_change_made_while_the_worker_checks_sends_it_round_again(
    client, coordinator, program, applicants, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(rechecks, "REEVALUATE_INLINE_MAX", 2)
    client.force_login(coordinator)
    url = reverse("requirements:add", kwargs={"pk": program.pk, "role": "mentee"})
    with django_capture_on_commit_callbacks(execute=False):
        client.post(url, {"kind": "age_band", "importance": "must", "weight": "1", "max": "70"})
    real, rounds = rechecks.reevaluate_role, []

    def changed_meanwhile(*args, **kwargs):
        rounds.append(1)
        checked = real(*args, **kwargs)
        if len(rounds) == 1:  # the coordinator tightens the criterion while the first round runs
            Criterion.objects.filter(profile__program=program).update(params={"max": 60})
        return checked

    monkeypatch.setattr(rechecks, "reevaluate_role", changed_meanwhile)
    run_job(Job.objects.get().pk)
    assert len(rounds) == 2
    assert Application.objects.get(program=program, birth_year=1960).passes_requirements is False


def test_recruitment_cannot_open_without_both_profiles(program):
    item = requirement_profile_check(program)
    assert (item.code, item.blocking) == ("no_requirement_profile", True)
    assert item.link == reverse("requirements:profile", kwargs={"pk": program.pk, "role": "mentee"})

    add_criterion(program, "mentee", "swedish_level", min_level="B1")
    add_criterion(program, "mentor", "experience_years", importance="should", min=5)
    item = requirement_profile_check(program)
    assert item.link.endswith("/requirements/mentor/")  # a should-criterion screens nobody out

    add_criterion(program, "mentor", "experience_years", min=3)
    assert requirement_profile_check(program) is None
