from datetime import date
from decimal import Decimal

import pytest

from tandem.programs.models import BudgetLine, CommonMeeting, FundingSource, Goal, MeetingRule
from tandem.requirements.models import Criterion, RequirementProfile


@pytest.fixture
def ready_program(program, coordinator, partner_coordinator):
    """The cast's program with every set-up step filled in: nothing blocks recruitment."""
    program.purpose = "Nyanlända ekonomer ska komma in i sitt yrke."
    program.mentee_target_group = "Nyanlända ekonomer som söker arbete"
    program.mentor_target_group = "Ekonomer som arbetar i Sverige"
    program.length_months = 6
    program.start_date = date(2027, 2, 1)
    program.target_mentees = 10
    program.target_mentors = 10
    program.save()
    Goal.objects.create(
        program=program,
        description="Adepter i kvalificerat arbete",
        indicator="Andel adepter i kvalificerat arbete 6 månader efter slutet",
        target_value=Decimal("60"),
        unit="percent",
    )
    MeetingRule.objects.create(program=program, from_month=1, to_month=2, every=2, unit="weeks")
    MeetingRule.objects.create(program=program, from_month=3, every=1, unit="months")
    CommonMeeting.objects.create(program=program, kind="kickoff", week_offset=0)
    CommonMeeting.objects.create(program=program, kind="closing", week_offset=26)
    BudgetLine.objects.create(program=program, cost_item="recruitment", planned_amount=Decimal("100000"))
    FundingSource.objects.create(
        program=program, kind="own", amount_granted=Decimal("20000"), status="granted"
    )
    FundingSource.objects.create(
        program=program,
        kind="arvsfonden",
        name="Arvsfonden 2027",
        amount_applied=Decimal("90000"),
        amount_granted=Decimal("80000"),
        status="granted",
        reporting_deadline=date(2027, 12, 31),
    )
    for role in ("mentee", "mentor"):
        profile = RequirementProfile.objects.create(program=program, role=role)
        Criterion.objects.create(
            profile=profile, kind="swedish_level", importance="must", params={"min_level": "B1"}
        )
    return program
