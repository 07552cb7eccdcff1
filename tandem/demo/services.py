"""A realistic demo, made with Faker sv_SE and a fixed seed so that it is the same every time.

The demo is found again by its organisation's name, which makes `load_demo` idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from faker import Faker

from tandem.accounts.models import Membership, Organisation, User
from tandem.demo.costs import book_demo_costs
from tandem.demo.followup import load_followup_demo
from tandem.demo.followup_last_year import load_last_year_demo
from tandem.demo.gatherings import load_gatherings_demo
from tandem.demo.health import load_health_demo
from tandem.demo.matching import load_matching_demo
from tandem.demo.mentoring import MentoringDemo, load_mentoring_demo
from tandem.demo.profiles import fill_profiles
from tandem.demo.recruitment import load_recruitment_demo
from tandem.mfa.models import Exemption
from tandem.programs.models import (
    BudgetLine,
    CommonMeeting,
    FundingSource,
    Goal,
    MeetingRule,
    Program,
    ProgramRole,
)

DEMO_ORGANISATION = "Fackförbundet Akademikerna Väst"
DEMO_PARTNER = "Göteborgs Stad – Arbetsmarknad och vuxenutbildning"
DEMO_PASSWORD = "tandem-demo-2026"
DEMO_DOMAIN = "demo.tandem.invalid"
RUNNING_PROGRAM = "Mentorskap för nyanlända ekonomer 2026"
SPENT = Decimal("0.45")  # the share of the budget a granted program has used so far


@dataclass
class DemoResult:
    organisation: Organisation
    created: bool
    logins: list[tuple[str, str]] = field(default_factory=list)
    space: MentoringDemo | None = None  # three participants of the running program, to try their space


def _person(fake: Faker, local: str, *, language: str = "sv") -> User:
    user, created = User.objects.get_or_create(
        email=f"{local}@{DEMO_DOMAIN}", defaults={"full_name": fake.name(), "language": language}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    # The printed password alone signs a demo account in: someone trying `make demo` is not stopped by
    # a second factor. Only the demo makes these exemptions (tandem/mfa/models.py).
    Exemption.objects.get_or_create(user=user, defaults={"reason": "demo account"})
    return user


@transaction.atomic
def load_demo(*, today: date | None = None) -> DemoResult:
    today = today or timezone.localdate()
    fake = Faker("sv_SE")
    fake.seed_instance(2026)
    existing = Organisation.objects.filter(name=DEMO_ORGANISATION).first()
    organisation = existing or Organisation.objects.create(name=DEMO_ORGANISATION)
    partner, _ = Organisation.objects.get_or_create(name=DEMO_PARTNER)

    admin = _person(fake, "admin")
    planner = _person(fake, "samordnare")
    runner = _person(fake, "projektledare", language="en")
    partner_person = _person(fake, "partner")
    viewer = _person(fake, "styrelse")
    for user, org, is_admin in [
        (admin, organisation, True),
        (planner, organisation, False),
        (runner, organisation, False),
        (viewer, organisation, False),
        (partner_person, partner, False),
    ]:
        Membership.objects.get_or_create(organisation=org, user=user, defaults={"is_admin": is_admin})

    logins = [
        ("organisation admin", admin.email),
        ("program coordinator", planner.email),
        ("coordinator (English UI)", runner.email),
        ("partner coordinator", partner_person.email),
        ("read-only viewer", viewer.email),
    ]
    if existing is not None:
        running = Program.objects.filter(organisation=organisation, name=RUNNING_PROGRAM).first()
        space = load_mentoring_demo(running, today=today) if running is not None else None
        if running is not None:
            load_health_demo(running, today=today, by=runner)
            load_last_year_demo(running, today=today, domain=DEMO_DOMAIN)
        return DemoResult(organisation, created=False, logins=logins, space=space)

    working_group: list[tuple[User, str, dict[str, bool]]] = [
        (planner, ProgramRole.Role.COORDINATOR, {"plans": True}),
        (runner, ProgramRole.Role.COORDINATOR, {"runs": True, "follows_up": True}),
        (partner_person, ProgramRole.Role.PARTNER_COORDINATOR, {"runs": True}),
        (viewer, ProgramRole.Role.VIEWER, {}),
    ]
    running = _program(
        organisation,
        name=RUNNING_PROGRAM,
        start=today - timedelta(weeks=14),
        length=9,
        state=Program.State.RUNNING,
        mentees=24,
        mentors=24,
    )
    draft = _program(
        organisation,
        name="Mentorskap för nyanlända ekonomer 2027",
        start=today + timedelta(weeks=20),
        length=6,
        state=Program.State.DRAFT,
        mentees=30,
        mentors=28,
    )
    for program in (running, draft):
        program.partners.add(partner)
        for user, role, flags in working_group:
            ProgramRole.objects.create(program=program, user=user, role=role, **flags)
    _goals(running)
    _goals(draft, only_first=True)
    _meeting_plan(running)
    _meeting_plan(draft)
    _financing(running, fake, granted=True, esf=True, dated=True)
    _financing(draft, fake, granted=False)
    recruiting = load_recruitment_demo(organisation, partner, working_group, today=today)
    matching = load_matching_demo(organisation, partner, working_group, today=today)
    for program in (recruiting, matching):
        if not program.goals.exists():
            _goals(program)
        if not program.meeting_rules.exists():
            _meeting_plan(program)
        if not program.budget_lines.exists():
            _financing(program, fake, granted=True)
    space = load_mentoring_demo(running, today=today, by=planner)
    load_health_demo(running, today=today, by=runner)
    load_followup_demo(running, today=today, coordinator=runner)
    load_last_year_demo(running, today=today, domain=DEMO_DOMAIN)
    load_gatherings_demo(running, today=today, by=runner)
    book_demo_costs(running, spent=SPENT, until=today - timedelta(days=1))
    fill_profiles(Program.objects.filter(organisation=organisation).order_by("pk"), on=today)
    return DemoResult(organisation, created=True, logins=logins, space=space)


def _program(
    organisation: Organisation, *, name: str, start: date, length: int, state: str, mentees: int, mentors: int
) -> Program:
    return Program.objects.create(
        organisation=organisation,
        name=name,
        purpose=(
            "Att hjälpa nyanlända ekonomer, revisorer och controllers att komma in i ett kvalificerat "
            "arbete i sitt yrke i Sverige, med stöd av en erfaren kollega som mentor."
        ),
        purpose_kind=Program.Purpose.JOB_IN_PROFESSION,
        mentee_target_group=(
            "Arbetssökande med en ekonomiexamen från ett annat land, som bott i Sverige högst fem år "
            "och har svenska på minst B1-nivå."
        ),
        mentor_target_group=(
            "Medlemmar som arbetar som ekonomer, revisorer eller controllers i Västra Götaland och har "
            "minst fem års erfarenhet i yrket."
        ),
        length_months=length,
        start_date=start,
        target_mentees=mentees,
        target_mentors=mentors,
        state=state,
    )


def _goals(program: Program, *, only_first: bool = False) -> None:
    goals = [
        (
            "Adepterna får ett kvalificerat arbete",
            "Andel adepter i kvalificerat arbete 6 månader efter avslut",
            Decimal("60"),
            Goal.Unit.PERCENT,
        ),
        (
            "Paren träffas regelbundet",
            "Andel par med minst sex egna träffar",
            Decimal("85"),
            Goal.Unit.PERCENT,
        ),
        (
            "Adepterna bygger ett yrkesnätverk",
            "Antal nya yrkeskontakter per adept",
            Decimal("5"),
            Goal.Unit.COUNT,
        ),
    ]
    for order, (description, indicator, target, unit) in enumerate(goals[:1] if only_first else goals):
        Goal.objects.create(
            program=program,
            description=description,
            indicator=indicator,
            target_value=target,
            unit=unit,
            order=order,
        )


def _meeting_plan(program: Program) -> None:
    MeetingRule.objects.create(
        program=program, from_month=1, to_month=2, every=2, unit=MeetingRule.Unit.WEEKS
    )
    MeetingRule.objects.create(program=program, from_month=3, every=1, unit=MeetingRule.Unit.MONTHS)
    assert program.length_months is not None  # every demo program has a length
    weeks = round(program.length_months * 52 / 12)
    for kind, week in [
        (CommonMeeting.Kind.KICKOFF, 0),
        (CommonMeeting.Kind.MIDPOINT, weeks // 2),
        (CommonMeeting.Kind.CLOSING, weeks),
    ]:
        CommonMeeting.objects.create(program=program, kind=kind, week_offset=week)


def _financing(
    program: Program, fake: Faker, *, granted: bool, esf: bool = False, dated: bool = False
) -> None:
    """The budget and its funding. `esf`: the ESF+ pays part, beside Allmänna Arvsfonden (so a
    coordinator can try the ESF report). `dated`: the spending is booked as dated actual costs
    (`demo.costs`, what the funder reports count) instead of the set-up wizard's undated figure."""
    lines = [
        (BudgetLine.CostItem.RECRUITMENT, Decimal("85000")),
        (BudgetLine.CostItem.MATCHING, Decimal("60000")),
        (BudgetLine.CostItem.COMMUNICATION, Decimal("45000")),
        (BudgetLine.CostItem.HANDBOOK, Decimal("15000")),
        (BudgetLine.CostItem.COMMON_MEETINGS, Decimal("38000")),
        (BudgetLine.CostItem.SUPPORT, Decimal("52000")),
        (BudgetLine.CostItem.EVALUATION, Decimal("30000")),
    ]
    for item, planned in lines:
        actual = (planned * SPENT).quantize(Decimal("1")) if granted and not dated else None
        BudgetLine.objects.create(
            program=program, cost_item=item, planned_amount=planned, actual_amount=actual
        )
    total = sum(planned for _, planned in lines)
    own = Decimal("75000")
    esf_amount = Decimal("100000") if esf else Decimal("0")
    FundingSource.objects.create(
        program=program,
        kind=FundingSource.Kind.OWN,
        name="Förbundets utvecklingsmedel",
        amount_applied=own,
        amount_granted=own,
        status=FundingSource.Status.GRANTED,
    )
    FundingSource.objects.create(
        program=program,
        kind=FundingSource.Kind.ARVSFONDEN,
        name="Allmänna Arvsfonden, projektstöd",
        amount_applied=total - own - esf_amount,
        amount_granted=(total - own - esf_amount) if granted else None,
        status=FundingSource.Status.GRANTED if granted else FundingSource.Status.APPLIED,
        reporting_deadline=(program.end_date or timezone.localdate()) + timedelta(days=60),
    )
    if esf:
        FundingSource.objects.create(
            program=program,
            kind=FundingSource.Kind.ESF,
            name="ESF+, Svenska ESF-rådet",
            amount_applied=esf_amount,
            amount_granted=esf_amount if granted else None,
            status=FundingSource.Status.GRANTED if granted else FundingSource.Status.APPLIED,
            # the ESF-rådet asks for a report each half year: the first due three months after the first half
            reporting_deadline=(program.start_date or timezone.localdate()) + timedelta(days=270),
        )
    FundingSource.objects.create(
        program=program,
        kind=FundingSource.Kind.FOUNDATION,
        name=f"Stiftelsen {fake.last_name()}s minnesfond",
        amount_applied=Decimal("40000"),
        amount_granted=None,
        status=FundingSource.Status.REJECTED if granted else FundingSource.Status.PLANNED,
    )
