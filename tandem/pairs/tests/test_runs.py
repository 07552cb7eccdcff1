"""Running the matching: settings, the proposal with its reasons, and re-runs that keep locks and forbids."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import EN, SV
from tandem.matching.criteria import CRITERIA
from tandem.pairs import services
from tandem.pairs.models import MatchingRun, MatchingSettings, MentorCapacity, PairConstraint

pytestmark = pytest.mark.django_db


def matching_url(program):
    return reverse("pairs:matching", kwargs={"pk": program.pk})


def proposal_url(run):
    return reverse("pairs:proposal", kwargs={"pk": run.program_id, "run": run.number})


def pairs_of(run) -> dict[str, str]:
    return {
        p.mentee.first_name: p.mentor.first_name
        for p in run.proposed_pairs.select_related("mentee", "mentor")
    }


def settings_post(**changes):
    data = {
        "preset": "job_in_profession",
        **{f"weight_{name}": "1" for name in CRITERIA},
        "rule_exclusions": "on",
        "rule_same_employer": "on",
        "rule_gender_wish": "on",
        "rule_meeting_format": "on",
        "answer_days": "7",
        "reminder_days": "2",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_settings_start_from_the_preset_of_the_programs_aim(client, coordinator, program):
    program.purpose_kind = "language"
    program.save()
    client.force_login(coordinator)
    html = client.get(matching_url(program), **EN).content.decode()
    assert 'name="weight_language" value="4"' in html
    assert not MatchingSettings.objects.exists(), "looking saves nothing"


def test_a_coordinator_saves_weights_and_hard_rules(client, coordinator, program, now):
    client.force_login(coordinator)
    response = client.post(
        matching_url(program),
        settings_post(weight_occupation="3.5", rule_gender_wish=None, answer_days="10", reminder_days="3"),
    )
    assert response.status_code == 302
    saved = MatchingSettings.objects.get(program=program)
    assert saved.weights["occupation"] == 3.5
    assert saved.rules == {
        "exclusions": True,
        "same_employer": True,
        "gender_wish": False,
        "meeting_format": True,
    }
    assert (saved.answer_days, saved.reminder_days) == (10, 3)
    event = AuditEvent.objects.get(action="matching.settings_changed")
    assert event.data["rules"]["gender_wish"] is False and event.actor == coordinator


def test_applying_a_preset_puts_its_weights_in_place(client, coordinator, program):
    client.force_login(coordinator)
    client.post(matching_url(program), settings_post(preset="network", apply_preset="1"))
    assert MatchingSettings.objects.get(program=program).weights["goals"] == 3


@pytest.mark.parametrize(
    ("headers", "changes", "field", "message"),
    [
        (EN, {"reminder_days": "7"}, "id_reminder_days", "The reminder must come before the deadline."),
        (SV, {"reminder_days": "7"}, "id_reminder_days", "Påminnelsen måste komma före svarsdagen."),
        (
            EN,
            {f"weight_{name}": "0" for name in CRITERIA},
            "id_weight_occupation",
            "At least one criterion needs a weight above 0.",
        ),
        (EN, {"weight_goals": "-1"}, "id_weight_goals", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_bad_settings_are_explained_next_to_the_field_and_nothing_changes(
    client, coordinator, program, headers, changes, field, message, now
):
    client.force_login(coordinator)
    services.save_settings(
        program,
        preset="general",
        weights={"occupation": 2},
        rules={},
        answer_days=7,
        reminder_days=2,
        by=coordinator,
        now=now,
    )
    response = client.post(matching_url(program), settings_post(**changes), **headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="{field}_error"' in html and message in html
    assert f'aria-describedby="{field}_error' in html
    assert MatchingSettings.objects.get(program=program).weights == {"occupation": 2}


def test_a_run_proposes_pairs_with_scores_and_reasons(client, coordinator, program, cohort):
    client.force_login(coordinator)
    response = client.post(reverse("pairs:run_start", kwargs={"pk": program.pk}))
    run = MatchingRun.objects.get(program=program)
    assert response["Location"] == proposal_url(run)
    assert run.status == "done" and (run.matched_count, run.mentee_count, run.mentor_count) == (3, 4, 3)
    assert pairs_of(run) == {"Amira": "Eva", "Bashir": "Johan", "Daniel": "Sara"}
    assert run.used_settings["preset"] == "job_in_profession"
    event = AuditEvent.objects.get(action="matching.run")
    assert event.data == {"run": 1} and event.actor == coordinator

    html = client.get(proposal_url(run), **EN).content.decode()
    assert "3 of 4 mentees" in html
    assert "same occupation: Accountants (2411)" in html
    assert "both in Stockholm" in html
    assert (
        "no mentor in occupation Accountants (2411) may be paired with this mentee, and the 2 other allowed "
        "mentors have no place left" in html
    )
    html = client.get(proposal_url(run), **SV).content.decode()
    assert "samma yrke: Revisorer m.fl. (2411)" in html
    assert "båda i Stockholm" in html


def test_the_proposal_sorts_and_filters(client, coordinator, program, cohort, now):
    run = services.start_run(program, by=coordinator, now=now)
    client.force_login(coordinator)

    def mentees_shown(query: str) -> list[str]:
        html = client.get(f"{proposal_url(run)}?{query}", **EN).content.decode()
        table = html.split('id="proposal"')[1].split("</table>")[0]
        return [name for name in ("Amira", "Bashir", "Daniel") if name in table and table.index(name) >= 0]

    def order(query: str) -> list[str]:
        html = client.get(f"{proposal_url(run)}?{query}", **EN).content.decode()
        table = html.split('id="proposal"')[1].split("</table>")[0]
        return sorted(
            ["Amira", "Bashir", "Daniel"], key=lambda n: table.find(f">{n} ") if f">{n} " in table else 10**6
        )

    assert order("sort=mentee") == ["Amira", "Bashir", "Daniel"]
    assert order("sort=score") == ["Amira", "Daniel", "Bashir"]
    assert order("sort=score_desc") == ["Bashir", "Daniel", "Amira"]
    assert order("sort=mentor") == ["Amira", "Bashir", "Daniel"]  # Eva, Johan, Sara
    assert mentees_shown("below=90") == ["Amira"]
    assert mentees_shown("occupation=2611") == ["Daniel"]


def test_a_rerun_keeps_locks_and_respects_forbids(client, coordinator, program, cohort, now):
    first = services.start_run(program, by=coordinator, now=now)
    proposed = {p.mentee.first_name: p for p in first.proposed_pairs.select_related("mentee")}
    client.force_login(coordinator)
    lock_url = reverse("pairs:lock", kwargs={"pk": program.pk, "run": 1, "proposed": proposed["Daniel"].pk})
    forbid_url = reverse(
        "pairs:forbid", kwargs={"pk": program.pk, "run": 1, "proposed": proposed["Bashir"].pk}
    )
    assert client.post(lock_url).status_code == 302
    assert client.post(forbid_url).status_code == 302
    assert AuditEvent.objects.filter(action__in=["pair.locked", "pair.forbidden"]).count() == 2
    assert AuditEvent.objects.get(action="pair.forbidden").data == {
        "run": first.pk,
        "mentee": cohort["bashir"].pk,
        "mentor": cohort["johan"].pk,
    }

    client.post(reverse("pairs:run_start", kwargs={"pk": program.pk}))
    second = MatchingRun.objects.get(program=program, number=2)
    pairs = pairs_of(second)
    assert pairs["Daniel"] == "Sara", "the lock is kept"
    assert pairs.get("Bashir") != "Johan", "the forbidden pair is not proposed again"
    assert pairs.get("Fatima") == "Johan", "Johan's place goes to someone else"
    html = client.get(proposal_url(second), **EN).content.decode()
    assert "Locked" in html
    assert 'id="forbidden-pairs"' in html and "Bashir Rahimi" in html


def test_a_forbid_can_be_taken_back(client, coordinator, program, cohort, now):
    constraint = PairConstraint.objects.create(
        program=program, mentee=cohort["bashir"], mentor=cohort["johan"], kind="forbid"
    )
    client.force_login(coordinator)
    client.post(reverse("pairs:allow", kwargs={"pk": program.pk, "constraint": constraint.pk}))
    assert not PairConstraint.objects.exists()
    assert AuditEvent.objects.filter(action="pair.allowed").exists()


def test_a_mentor_who_takes_two_mentees_gets_two(client, coordinator, program, cohort, now):
    client.force_login(coordinator)
    url = reverse("pairs:capacities", kwargs={"pk": program.pk})
    data = {f"capacity_{cohort[k].pk}": "1" for k in ("eva", "johan", "sara")}
    response = client.post(url, {**data, f"capacity_{cohort['johan'].pk}": "11"}, **EN)
    assert "Ensure this value is less than or equal to 10." in response.content.decode()
    assert not MentorCapacity.objects.exists()

    client.post(url, {**data, f"capacity_{cohort['johan'].pk}": "2"})
    assert MentorCapacity.objects.get(mentor=cohort["johan"]).capacity == 2
    run = services.start_run(program, by=coordinator, now=now)
    assert run.matched_count == 4
    assert pairs_of(run)["Fatima"] == "Johan"


def test_without_mentees_there_is_nothing_to_run(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(reverse("pairs:run_start", kwargs={"pk": program.pk}), follow=True, **EN)
    assert "There are no accepted mentees without a pair to match." in response.content.decode()
    assert not MatchingRun.objects.exists()


def test_a_large_run_goes_to_the_worker_and_the_page_waits(
    client, coordinator, program, cohort, now, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "INLINE_LIMIT", 2)
    with django_capture_on_commit_callbacks() as callbacks:
        run = services.start_run(program, by=coordinator, now=now)
    assert run.status == "running"
    client.force_login(coordinator)
    html = client.get(proposal_url(run), **EN).content.decode()
    assert "Matching is running…" in html and 'hx-trigger="every 2s"' in html
    waiting = client.get(proposal_url(run), HTTP_HX_REQUEST="true", **EN)
    assert 'id="run-status"' in waiting.content.decode() and "<html" not in waiting.content.decode()

    for callback in callbacks:
        callback()  # the worker (immediate in tests) runs the match
    run.refresh_from_db()
    assert run.status == "done" and run.matched_count == 3
    done = client.get(proposal_url(run), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_a_run_the_engine_refuses_is_marked_failed(client, coordinator, program, cohort, now, monkeypatch):
    def refuse(*args, **kwargs):
        raise ValueError("mentor 7 has more locked mentees than capacity")

    monkeypatch.setattr(services, "match", refuse)
    run = services.start_run(program, by=coordinator, now=now)
    assert (run.status, run.error) == ("failed", "engine_refused")
    client.force_login(coordinator)
    html = client.get(proposal_url(run), **EN).content.decode()
    assert "This run could not be completed." in html


def test_the_matching_page_reads_a_fixed_number_of_queries(
    client, coordinator, program, cohort, now, django_assert_num_queries
):
    services.start_run(program, by=coordinator, now=now)
    for mentee in ("amira", "bashir", "daniel"):
        PairConstraint.objects.create(
            program=program, mentee=cohort[mentee], mentor=cohort["sara"], kind="forbid"
        )
    client.force_login(coordinator)
    # 1 session, 2 user, 3 program, 4 admin membership, 5 program role, 6 matching settings,
    # 7 accepted per role, 8 mentors' free places, 9 mentees without a pair, 10 live pairs,
    # 11 runs with who started them, 12 locks and forbids with both people, 13 the forms' gender
    # questions, 14 the accepted people's gender and wishes (the gender rule's notes)
    with django_assert_num_queries(14):
        html = client.get(matching_url(program), **EN).content.decode()
    assert "4 mentees without a pair" in html and "3 mentors with a free place" in html
    assert html.count("Allow again") == 3
