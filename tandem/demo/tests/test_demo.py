from datetime import date

from django.core.management import call_command
from django.db.models import Sum

from tandem.accounts.models import Membership, Organisation, User
from tandem.applications.models import StatusChange
from tandem.demo.services import DEMO_ORGANISATION, DEMO_PASSWORD, load_demo
from tandem.mfa.models import Exemption
from tandem.programs.finance import program_finances
from tandem.programs.models import Program, ProgramRole
from tandem.reports.models import ActualCost


def test_demo_has_a_program_in_every_early_state_with_partner_and_working_group(db):
    result = load_demo(today=date(2026, 11, 27))

    programs = Program.objects.filter(organisation=result.organisation)
    assert sorted(programs.values_list("state", flat=True)) == [
        "draft",
        "evaluated",  # last year's cohort, the running program's copy source (follow-up's comparison)
        "matching",
        "recruiting",
        "running",
    ]
    for program in programs:
        assert program.partners.count() == 1
        working_group = [role for role in program.roles.all() if role.in_working_group]
        assert len(working_group) == 3
        assert program.goals.exists() and program.budget_lines.exists() and program.funding_sources.exists()
    admin = User.objects.get(email=result.logins[0][1])
    assert admin.check_password(DEMO_PASSWORD)
    assert Membership.objects.get(user=admin).is_admin
    # Every step of an application's history names staff or is the applicant's own (the form they sent).
    changes = StatusChange.objects.filter(application__program__organisation=result.organisation)
    assert changes.exists() and not changes.filter(by__isnull=True, by_applicant=False).exists()
    assert not changes.filter(by_applicant=True).exclude(to_status__in=["received", "withdrawn"]).exists()
    assert not changes.filter(to_status="accepted", by__isnull=True).exists()
    # The running program's overview counts the costs the demo booked.
    running = programs.get(state="running")
    booked = ActualCost.objects.filter(budget_line__program=running).aggregate(total=Sum("amount"))["total"]
    assert booked > 0 and program_finances(running).actual_cost == booked


def test_loading_the_demo_twice_reuses_it(db, capsys):
    call_command("load_demo")
    call_command("load_demo")

    assert Organisation.objects.filter(name=DEMO_ORGANISATION).count() == 1
    assert Program.objects.count() == 5
    assert ProgramRole.objects.count() == 20
    assert "Reused" in capsys.readouterr().out


def test_the_demo_accounts_sign_in_with_the_printed_password_alone(db, client, capsys):
    """Issue 12: someone trying `make demo` is not stopped by a second factor (and is told so)."""
    call_command("load_demo")
    printed = capsys.readouterr().out
    assert "need no second factor" in printed
    admin = User.objects.get(email="admin@demo.tandem.invalid")
    assert Exemption.objects.filter(user=admin).exists()

    response = client.post("/accounts/login/", {"username": admin.email, "password": DEMO_PASSWORD})

    assert client.get(response["Location"]).status_code == 200
