"""Retention in time: nothing is anonymised early, everything on time, figures stay, a re-run does nothing."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from tandem.applications.models import Application, StatusChange
from tandem.audit.services import log_action
from tandem.mentoring.models import MeetingLog, Mentorship
from tandem.mentoring.tests.people import two_pairs
from tandem.pairs.tests.people import make_application
from tandem.privacy import retention, tasks
from tandem.privacy.models import Anonymised, RemovalLog
from tandem.programs.models import Program

DECIDED = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.get_default_timezone())
CLOSED = datetime(2026, 6, 30, 12, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def cohort(program):
    """Two running pairs, a rejected and a withdrawn applicant (decided on 15 January 2026), and the
    program closed on 30 June 2026."""
    with time_machine.travel(DECIDED - timedelta(days=30), tick=False):
        mentorships = two_pairs(program, now=timezone.now())
    rejected = make_application(program, "mentee", "Rita", "Nej", status="rejected", gender="woman")
    withdrawn = make_application(program, "mentor", "Walter", "Drog", status="withdrawn", gender="man")
    for application in (rejected, withdrawn):
        StatusChange.objects.create(
            application=application, from_status="received", to_status=application.status, at=DECIDED
        )
    program.state = Program.State.CLOSED
    program.save()
    log_action("program.state_changed", program=program, target=program, data={"to": "closed"}, now=CLOSED)
    MeetingLog.objects.create(
        mentorship=mentorships["a"],
        held_on=DECIDED.date(),
        minutes=45,
        shared_note="Bra möte",
        created_at=DECIDED,
    )
    return {"rejected": rejected, "withdrawn": withdrawn, "mentorships": mentorships}


def figures(program) -> tuple:
    """What reports count: applications by role, status and gender; mentorships; meetings and minutes."""
    applications = Counter(
        Application.objects.filter(program=program).values_list("role", "status", "gender")
    )
    return (
        applications,
        Mentorship.objects.filter(pair__program=program).count(),
        sorted(
            MeetingLog.objects.filter(mentorship__pair__program=program).values_list("minutes", flat=True)
        ),
    )


def run_at(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        tasks.nightly_retention.call_local()


def test_rejected_and_withdrawn_go_six_months_after_the_decision_participants_24_after_the_close(
    program, cohort
):
    before = figures(program)

    run_at(DECIDED + timedelta(days=180))  # 14 July: not yet six months
    assert not Anonymised.objects.exists()

    run_at(DECIDED + timedelta(days=182))  # 16 July: six months and a day
    done = set(Anonymised.objects.values_list("application__first_name", flat=True))
    assert Anonymised.objects.count() == 2 and done == {"[anonymised]"}
    cohort["rejected"].refresh_from_db()
    assert cohort["rejected"].last_name == "" and cohort["rejected"].email == ""
    assert Application.objects.filter(first_name="Amira").exists()
    assert figures(program) == before
    logged = dict(RemovalLog.objects.filter(program=program).values_list("kind", "count"))
    assert logged == {"rejected": 1, "withdrawn": 1}

    run_at(DECIDED + timedelta(days=183))  # again: nothing more
    assert Anonymised.objects.count() == 2
    assert RemovalLog.objects.filter(program=program).count() == 2

    run_at(CLOSED + timedelta(days=365 * 2 - 1))  # 29 June 2028: not yet 24 months
    assert Anonymised.objects.count() == 2

    run_at(CLOSED + timedelta(days=365 * 2 + 1))  # 1 July 2028
    assert Anonymised.objects.count() == Application.objects.filter(program=program).count() == 6
    assert not Application.objects.filter(program=program).exclude(first_name="[anonymised]").exists()
    assert figures(program) == before
    assert MeetingLog.objects.get().shared_note == ""


def test_an_extended_case_is_kept_until_its_date(program, cohort, coordinator):
    rejected = cohort["rejected"]
    with time_machine.travel(DECIDED + timedelta(days=170), tick=False):
        retention.extend_case(
            rejected,
            until=(DECIDED + timedelta(days=230)).date(),
            reason="Överklagande",
            by=coordinator,
            now=timezone.now(),
        )

    run_at(DECIDED + timedelta(days=200))
    assert set(Anonymised.objects.values_list("application", flat=True)) == {cohort["withdrawn"].pk}
    run_at(DECIDED + timedelta(days=231))
    assert Anonymised.objects.filter(application=rejected).exists()


def test_the_coordinator_sees_what_goes_in_the_next_30_days(client, program, cohort, coordinator):
    client.force_login(coordinator)
    with time_machine.travel(DECIDED + timedelta(days=160), tick=False):
        response = client.get(f"/privacy/programs/{program.pk}/retention/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rita" in html and "Walter" in html and "Amira" not in html


def test_the_list_takes_a_fixed_number_of_queries(
    client, program, cohort, coordinator, django_assert_max_num_queries
):
    for number in range(30):
        person = make_application(program, "mentee", f"Nr{number}", "Nej", status="rejected")
        StatusChange.objects.create(application=person, to_status="rejected", at=DECIDED)
    client.force_login(coordinator)
    # session, user, program, admin? and role (access), admin? and coordinator? (privacy), the policy
    # (created here: 4 with its savepoint), when it closed, the page's rows, the audit event, the log
    with time_machine.travel(DECIDED + timedelta(days=170), tick=False), django_assert_max_num_queries(15):
        response = client.get(f"/privacy/programs/{program.pk}/retention/")
    assert response.status_code == 200


def test_a_changed_period_goes_into_the_consent_text(client, program, coordinator):
    from tandem.applications.services import create_default_form, current_consent

    form = create_default_form(program, "mentee", by=coordinator, now=timezone.now())
    assert "6 months" in current_consent(form, "en").text or "6 mån" in current_consent(form, "sv").text
    client.force_login(coordinator)

    response = client.post(
        f"/privacy/programs/{program.pk}/retention/", {"rejected": 3, "withdrawn": 3, "participants": 12}
    )

    assert response.status_code == 302
    for language in ("sv", "en", "ar"):
        text = current_consent(form, language).text
        assert "3" in text and "12" in text, language
    english = current_consent(form, "en").text
    assert "for 3 months" in english and "for 6 months" not in english and "12 months" in english
    assert retention.policy_for(program).participant_months == 12


def test_a_bad_period_is_refused_in_the_form(client, program, coordinator):
    client.force_login(coordinator)
    response = client.post(
        f"/privacy/programs/{program.pk}/retention/", {"rejected": 0, "withdrawn": 6, "participants": ""}
    )
    assert response.status_code == 200
    assert 'id="id_rejected_error"' in response.content.decode()
    assert retention.policy_for(program).rejected_months == 6


def test_working_data_goes_after_two_days(program):
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store["draft"] = {"first_name": "Amal"}
    store.set_expiry(60)
    store.create()
    run_at(timezone.now() + timedelta(days=3))
    assert not SessionStore().exists(store.session_key)
    assert RemovalLog.objects.get(program=None, kind="sessions").count == 1


def test_a_consent_text_from_before_gets_a_version_that_states_the_periods(program, coordinator):
    from tandem.applications.models import ConsentText
    from tandem.applications.services import create_default_form, current_consent

    form = create_default_form(program, "mentee", by=coordinator, now=timezone.now())
    ConsentText.objects.filter(form=form).update(text="Jag samtycker.")  # as a form made before privacy

    run_at(timezone.now())
    run_at(timezone.now())  # once is enough

    languages = ConsentText.objects.filter(form=form, version=2).count()
    assert languages >= 3  # every language the form is set up in (sv, easy-read, en, ar)
    assert ConsentText.objects.filter(form=form, version=1, text="Jag samtycker.").count() == languages
    assert set(ConsentText.objects.filter(form=form).values_list("version", flat=True)) == {1, 2}
    assert "Hur länge vi sparar" in current_consent(form, "sv").text
    assert "How long we keep it" in current_consent(form, "en").text


def test_the_arabic_periods_take_the_plural_their_number_needs(program, coordinator, client):
    from tandem.privacy.consent import consent_addition

    text = consent_addition(program, "ar")
    assert "لمدة 6 أشهر بعد ذلك" in text and "لمدة 24 شهرًا بعد انتهاء" in text and "6 شهرًا" not in text
    assert "i 6 månader efter det" in consent_addition(program, "sv")
    client.force_login(coordinator)
    client.post(
        f"/privacy/programs/{program.pk}/retention/", {"rejected": 1, "withdrawn": 1, "participants": 2}
    )
    text = consent_addition(program, "ar")
    assert "لمدة شهر واحد بعد ذلك" in text and "لمدة شهرين بعد انتهاء" in text
    assert "for 1 month after that" in consent_addition(program, "en")


def test_a_consent_text_in_the_earlier_wording_gets_the_new_sentence_once(program, coordinator):
    from tandem.applications.models import ConsentText
    from tandem.applications.services import create_default_form, current_consent
    from tandem.privacy.consent import consent_addition, earlier_addition

    form = create_default_form(program, "mentee", by=coordinator, now=timezone.now())
    for row in ConsentText.objects.filter(form=form):  # as stored before the periods had their plurals
        current = consent_addition(program, row.language)
        row.text = row.text.replace(current, earlier_addition(program, row.language))
        row.save()
    arabic = current_consent(form, "ar").text
    assert "6 شهرًا" in arabic

    run_at(timezone.now())
    run_at(timezone.now())  # once is enough

    arabic = current_consent(form, "ar").text
    assert "6 أشهر" in arabic and "6 شهرًا" not in arabic and arabic.count("مدة الاحتفاظ") == 1
    assert set(ConsentText.objects.filter(form=form).values_list("version", flat=True)) == {1, 2}
    assert current_consent(form, "sv").text.count("Hur länge vi sparar") == 1
