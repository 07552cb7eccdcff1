"""What a demo walkthrough found: copying a demo program keeps its money and requirement profiles."""

from datetime import date

from tandem.applications.models import ApplicationForm
from tandem.demo.recruitment import PROGRAM_NAME
from tandem.demo.services import load_demo
from tandem.programs.finance import program_finances
from tandem.programs.models import Program, ProgramRole
from tandem.programs.readiness import open_items
from tandem.requirements.models import Criterion


def test_copying_the_recruiting_program_keeps_its_money_and_profiles(db, client):
    load_demo(today=date(2026, 11, 27))
    source = Program.objects.get(name=PROGRAM_NAME)
    coordinator = source.roles.filter(role=ProgramRole.Role.COORDINATOR).first().user
    client.force_login(coordinator)

    page = client.get(f"/programs/{source.pk}/copy/")
    assert page.status_code == 200
    response = client.post(f"/programs/{source.pk}/copy/", {"name": "Kopia", "start_date": "2027-09-01"})
    assert response.status_code == 302
    copy = Program.objects.get(name="Kopia")

    before, after = program_finances(source), program_finances(copy)
    assert after.planned_budget == before.planned_budget
    assert after.funding_applied == before.funding_applied
    assert after.own_share_percent == before.own_share_percent

    def criteria(program):
        rows = Criterion.objects.filter(profile__program=program)
        return sorted(rows.values_list("profile__role", "kind", "importance", "weight", "params"), key=str)

    assert criteria(copy) == criteria(source)
    assert "no_requirement_profile" not in [item.code for item in open_items(copy)]

    # The forms' intro and "who can apply" in every applicant language, in the source and in the copy.
    for program in (source, copy):
        for form in ApplicationForm.objects.filter(program=program).select_related("program"):
            for language in ("en", "ar", "sv-easyread"):
                assert form.intro_in(language)[1] == language, (form.role, language)
                assert form.target_group_in(language)[1] == language, (form.role, language)


def test_the_running_program_has_real_common_meetings_and_pairs_from_its_start(db, client):
    from django.utils import timezone

    from tandem.demo.services import RUNNING_PROGRAM
    from tandem.gatherings import services as gatherings
    from tandem.mentoring.models import Mentorship

    now = timezone.make_aware(timezone.datetime(2026, 11, 27, 12))
    load_demo(today=now.date())
    running = Program.objects.get(name=RUNNING_PROGRAM)
    kickoff, midpoint = running.gatherings.filter(kind__in=["kickoff", "midpoint"]).order_by("starts_at")
    assert kickoff.is_over(now) and gatherings.counts_for(kickoff).attended > 10
    figures = gatherings.counts_for(midpoint)
    assert not midpoint.is_over(now) and midpoint.place and figures.invited > 40 and figures.yes > 0
    assert not Mentorship.objects.filter(pair__program=running, started_on__lt=running.start_date).exists()

    client.force_login(running.roles.filter(role=ProgramRole.Role.COORDINATOR).first().user)
    listing = client.get(f"/programs/{running.pk}/meetings/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Inga gemensamma träffar" not in listing and midpoint.title in listing
