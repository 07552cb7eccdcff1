from collections import Counter
from datetime import date

import pytest

from tandem.applications.models import Application
from tandem.demo.recruitment import PROGRAM_NAME, load_recruitment_demo
from tandem.demo.services import load_demo
from tandem.intake.models import InterviewRecord
from tandem.programs.models import Program


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.PRIVATE_STORAGE_DIR = tmp_path / "private"
    result = load_demo(today=date(2026, 11, 27))
    program = Program.objects.get(organisation=result.organisation, state="running")
    partner = program.partners.get()
    working_group = [(role.user, role.role, {}) for role in program.roles.select_related("user")]
    return result.organisation, partner, working_group


def test_the_demo_has_a_recruiting_program_with_applications_from_every_channel(demo):
    organisation, partner, working_group = demo

    program = load_recruitment_demo(organisation, partner, working_group, today=date(2026, 11, 27))

    assert program.state == "recruiting" and program.name == PROGRAM_NAME
    applications = Application.objects.filter(program=program)
    assert 55 <= applications.count() <= 65
    assert {form.role for form in program.application_forms.filter(is_published=True)} == {"mentor", "mentee"}
    for role in ("mentor", "mentee"):
        assert set(applications.filter(role=role).values_list("channel", flat=True)) == {
            "web",
            "paper",
            "interview",
            "import",
        }
    assert set(applications.values_list("language", flat=True)) == {"sv", "en", "ar"}
    passing = Counter(applications.values_list("passes_requirements", flat=True))
    assert passing[True] >= 10 and passing[False] >= 5 and passing[None] == 0
    assert applications.filter(duplicate_of__isnull=False).exists()
    assert (
        InterviewRecord.objects.filter(application__program=program).count()
        == applications.filter(channel="interview").count()
    )


def test_loading_the_recruitment_demo_twice_reuses_it(demo):
    organisation, partner, working_group = demo
    first = load_recruitment_demo(organisation, partner, working_group, today=date(2026, 11, 27))

    before = Application.objects.count()
    again = load_recruitment_demo(organisation, partner, working_group, today=date(2026, 11, 27))

    assert again == first
    assert Application.objects.count() == before
