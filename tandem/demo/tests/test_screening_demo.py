"""The demo shows screening as a real program has it (demo walk): every web-form application keeps the
consent text the applicant agreed to, and the running program has a requirement profile, with must-haves
and weighted criteria, that every one of its applications was checked against."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.applications.models import Application
from tandem.applications.services import apply_evaluation
from tandem.demo.services import DEMO_DOMAIN, RUNNING_PROGRAM, load_demo
from tandem.lib.testing.pages import EN
from tandem.programs.models import Program
from tandem.requirements.models import Criterion

TODAY = date(2026, 11, 27)


@pytest.mark.slow
def test_web_applications_keep_their_consent_and_the_running_program_shows_its_screening(db, client):
    load_demo(today=TODAY)
    web = Application.objects.filter(channel=Application.Channel.WEB).select_related("consent")
    assert web.count() > 150
    assert not web.filter(consent__isnull=True).exists()
    assert not web.filter(consented_at__isnull=True).exists()
    arabic = web.filter(language="ar").first()
    assert arabic is not None and arabic.consent is not None and arabic.consent.language == "ar"

    program = Program.objects.get(name=RUNNING_PROGRAM)
    for role in ("mentee", "mentor"):
        kinds = set(
            Criterion.objects.filter(profile__program=program, profile__role=role).values_list(
                "importance", flat=True
            )
        )
        assert kinds == {"must", "should"}, role
    applications = Application.objects.filter(program=program)
    assert applications.count() == 50
    assert not applications.filter(requirement_score__isnull=True).exists()
    assert not applications.filter(passes_requirements__isnull=True).exists()
    assert len(set(applications.values_list("requirement_score", flat=True))) >= 3
    for application in applications:  # the facts filled in later (demo.profiles) left the screening true
        stored = (application.requirement_score, application.passes_requirements)
        apply_evaluation(application, today=TODAY, now=timezone.now(), answers={})
        assert (application.requirement_score, application.passes_requirements) == stored

    client.force_login(User.objects.get(email=f"samordnare@{DEMO_DOMAIN}"))
    html = client.get(reverse("screening:queue", kwargs={"pk": program.pk}), **EN).content.decode()
    assert "Meets all" in html
    mentee = applications.filter(role="mentee", language="sv").first()
    assert mentee is not None
    record = reverse("screening:record", kwargs={"pk": program.pk, "application_id": mentee.pk})
    html = client.get(record, **EN).content.decode()
    assert "No consent text is stored with this application." not in html
    assert mentee.consent is not None and "Agreed to the consent text version 1 (Swedish)" in html
