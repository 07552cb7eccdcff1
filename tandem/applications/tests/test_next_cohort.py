"""The copy for the next cohort carries the recruitment set-up, and offers the waitlisted applicants of the
earlier program a place, by e-mail, never moving them silently (issue 13, item 4)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Answer, Application, ApplicationForm, ConsentText, PlaceOffer
from tandem.applications.services import Submission, current_consent, submit_application
from tandem.applications.tests.conftest import open_recruitment
from tandem.applications.tests.helpers import TOKENS
from tandem.applications.tests.test_public_form import custom
from tandem.audit.models import AuditEvent
from tandem.outbox.models import OutboxMessage
from tandem.pairs.models import MatchingSettings
from tandem.programs.services import copy_program
from tandem.requirements.models import Criterion, RequirementProfile
from tandem.screening.models import DecisionTemplate


def next_cohort(program, coordinator):
    return copy_program(program, name="Omgång 2", start_date=None, by=coordinator, now=timezone.now())


def test_the_copy_carries_forms_profiles_decision_texts_and_matching_settings(
    program, coordinator, mentee_form
):
    licence = custom(
        mentee_form,
        "single_choice",
        "Har du svensk legitimation?",
        choices=["Ja", "Nej"],
        translations={"en": ("Do you hold a Swedish licence?", ["Yes", "No"])},
    )
    profile = RequirementProfile.objects.create(program=program, role="mentee")
    level = {"min": "B1"}
    Criterion.objects.create(profile=profile, kind="swedish_level", importance="must", params=level)
    DecisionTemplate.objects.create(
        program=program, kind="accepted", language="sv", subject="Välkommen", body="Hej"
    )
    MatchingSettings.objects.create(
        program=program, preset="job_in_profession", weights={"occupation": 7}, answer_days=10
    )

    copy = next_cohort(program, coordinator)

    form = ApplicationForm.objects.get(program=copy, role="mentee")
    assert not form.is_published and form.contact_email == mentee_form.contact_email
    copied = form.questions.get(copied_from=licence)
    assert {t.language: t.label for t in copied.translations.all()} == {
        "sv": "Har du svensk legitimation?",
        "en": "Do you hold a Swedish licence?",
    }
    assert form.questions.filter(removed_at__isnull=True).count() == mentee_form.questions.count()
    assert set(ConsentText.objects.filter(form=form).values_list("language", flat=True)) == set(
        ConsentText.objects.filter(form=mentee_form).values_list("language", flat=True)
    )
    criterion = Criterion.objects.get(profile__program=copy)
    assert (criterion.kind, criterion.importance, criterion.params) == ("swedish_level", "must", level)
    assert DecisionTemplate.objects.get(program=copy).subject == "Välkommen"
    settings = MatchingSettings.objects.get(program=copy)
    assert (settings.weights, settings.answer_days) == ({"occupation": 7}, 10)


def waitlisted_applicant(form, licence, language="ar"):
    application = submit_application(
        form,
        Submission(
            language=language,
            values={
                "first_name": "Amal",
                "last_name": "Said",
                "email": "amal@example.org",
                "occupation_wanted": "2221",
                "experience_years": 6,
            },
            answers={licence.pk: "Ja"},
            consent=current_consent(form, language),
        ),
        token=TOKENS["waitlisted"],
        now=timezone.now(),
    )
    Application.objects.filter(pk=application.pk).update(status=Application.Status.WAITLISTED)
    return Application.objects.get(pk=application.pk)


def open_copy(copy):
    open_recruitment(copy)
    ApplicationForm.objects.filter(program=copy).update(is_published=True)


def test_the_waitlisted_are_offered_a_place_by_e_mail_and_accept_with_a_fresh_consent(
    client, program, coordinator, mentee_form
):
    licence = custom(mentee_form, "single_choice", "Legitimation?", choices=["Ja", "Nej"])
    old = waitlisted_applicant(mentee_form, licence)
    copy = next_cohort(program, coordinator)
    open_copy(copy)
    client.force_login(coordinator)
    OutboxMessage.objects.all().delete()

    response = client.post(reverse("applications:place_offers", kwargs={"pk": copy.pk}))

    assert response.status_code == 302
    offer = PlaceOffer.objects.get()
    email = OutboxMessage.objects.get(kind="applications/emails/place_offer")
    assert email.to == ["amal@example.org"] and '<html lang="ar"' in email.body_html
    assert f"/apply/offer/{offer.token}/" in email.body_text
    assert AuditEvent.objects.get(action="program.places_offered").data["offers"] == 1
    old.refresh_from_db()
    assert old.status == "waitlisted"  # nothing moved until they answer

    applicant = client.__class__()
    url = reverse("apply:offer", args=[offer.token])
    page = applicant.get(url).content.decode()
    new_consent = current_consent(ApplicationForm.objects.get(program=copy, role="mentee"), "ar")
    assert '<html lang="ar"' in page and new_consent.text.split("\n")[0][:40] in page
    assert "<bdi>Amal</bdi>" in page and f"<bdi>{program.name}</bdi>" in page  # isolated in Arabic
    assert '<div class="border rounded p-3 mb-3">' in page  # the Arabic consent: the page's direction
    refused = applicant.post(url, {})
    assert refused.status_code == 400 and 'id="id_consent_error"' in refused.content.decode()
    assert not Application.objects.filter(program=copy).exists()

    assert applicant.post(url, {"consent": "yes"}).status_code == 302
    applicant.post(url, {"consent": "yes"})  # a second click makes no second application

    new = Application.objects.get(program=copy)
    assert (new.first_name, new.email, new.occupation_wanted, new.experience_years) == (
        "Amal",
        "amal@example.org",
        "2221",
        6,
    )
    assert new.consent == new_consent and new.language == "ar" and new.status == "received"
    assert Answer.objects.get(application=new).value == "Ja"
    assert "TDM" in applicant.get(url).content.decode()  # the page now shows the reference number
    old.refresh_from_db()
    assert old.status == "waitlisted"


def test_no_offers_before_the_copy_recruits(client, program, coordinator, mentee_form):
    licence = custom(mentee_form, "short_text", "Legitimation?")
    waitlisted_applicant(mentee_form, licence, language="sv")
    copy = next_cohort(program, coordinator)
    client.cookies["django_language"] = "en"
    client.force_login(coordinator)

    response = client.post(reverse("applications:place_offers", kwargs={"pk": copy.pk}), follow=True)

    assert "Open recruitment and publish the form first" in response.content.decode()
    assert not PlaceOffer.objects.exists()
    assert not OutboxMessage.objects.filter(kind="applications/emails/place_offer").exists()


def test_the_offer_page_counts_the_waitlisted_once(client, program, coordinator, mentee_form):
    licence = custom(mentee_form, "short_text", "Legitimation?")
    waitlisted_applicant(mentee_form, licence, language="sv")
    copy = next_cohort(program, coordinator)
    open_copy(copy)
    client.cookies["django_language"] = "en"
    client.force_login(coordinator)
    url = reverse("applications:place_offers", kwargs={"pk": copy.pk})

    assert "Offer a place to 1 person" in client.get(url).content.decode()
    client.post(url)
    client.post(url)

    assert PlaceOffer.objects.count() == 1


def test_many_offers_are_made_by_the_worker_with_the_progress_page(
    client, program, coordinator, mentee_form, monkeypatch
):
    from tandem.applications import offers_job
    from tandem.jobs.models import Job
    from tandem.lib.testing.jobs import post_and_run

    monkeypatch.setattr(offers_job, "INLINE_LIMIT", 1)
    monkeypatch.setattr(offers_job, "CHUNK", 2)
    licence = custom(mentee_form, "short_text", "Legitimation?")
    for number in range(3):
        TOKENS.pop("waitlisted", None)
        application = waitlisted_applicant(mentee_form, licence, language="sv")
        Application.objects.filter(pk=application.pk).update(email=f"p{number}@example.org")
    copy = next_cohort(program, coordinator)
    open_copy(copy)
    client.cookies["django_language"] = "en"
    client.force_login(coordinator)

    response = post_and_run(client, reverse("applications:place_offers", kwargs={"pk": copy.pk}))

    job = Job.objects.get(kind="applications.place_offers")
    assert response["Location"] == reverse("jobs:job", kwargs={"pk": copy.pk, "job": job.pk})
    assert job.status == Job.Status.DONE and job.result == {"offers": 3}
    assert PlaceOffer.objects.filter(program=copy).count() == 3
    assert OutboxMessage.objects.filter(kind="applications/emails/place_offer").count() == 3
    assert "3 offers are on their way." in client.get(response["Location"]).content.decode()
