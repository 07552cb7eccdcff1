"""The organisation's settings: the sender of its e-mails and its accessibility statement."""

from __future__ import annotations

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from tandem.accounts.contact import STATEMENT_TEXT_CHANGED
from tandem.accounts.tests.helpers import in_english
from tandem.applications.models import ApplicationForm
from tandem.audit.models import AuditEvent
from tandem.outbox.emails import send_templated_email
from tandem.outbox.services import deliver_due, queue_email


def settings_url(org) -> str:
    return reverse("accounts:organisation_settings", kwargs={"pk": org.pk})


def test_the_admin_sets_the_sender_and_the_change_is_audited_without_the_values(client, org, admin):
    in_english(client).force_login(admin)

    response = client.post(
        settings_url(org),
        {"email_sender_name": "Framåt mentorskap", "reply_to_email": "mentor@framat.example"},
    )

    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.email_sender_name, org.reply_to_email) == ("Framåt mentorskap", "mentor@framat.example")
    event = AuditEvent.objects.get(action="organisation.settings_changed")
    assert event.data == {"fields": ["email_sender_name", "reply_to_email"]}
    assert "mentor@framat.example" not in str(event.data)


def test_a_bad_reply_to_address_is_refused_next_to_the_field_and_nothing_is_saved(client, org, admin):
    in_english(client).force_login(admin)

    response = client.post(
        settings_url(org), {"email_sender_name": "Framåt", "reply_to_email": "not an address"}
    )

    assert response.status_code == 200
    assert 'id="id_reply_to_email_error"' in response.content.decode()
    org.refresh_from_db()
    assert org.email_sender_name == ""


def test_every_e_mail_for_a_program_is_sent_in_the_organisations_name_with_its_reply_to(org, program):
    org.email_sender_name, org.reply_to_email = "Fackförbundet Framåt – mentorskap", "mentor@framat.example"
    org.save()

    message = send_templated_email(
        "accounts/emails/invitation",
        to="amal@example.org",
        context={
            "organisation": org,
            "invited_by": "Eva",
            "accept_url": "https://t.example/x",
            "expires_at": None,
        },
        language="sv",
        program=program,
    )

    assert message.from_email == '"Fackförbundet Framåt – mentorskap" <tandem@localhost>'
    assert message.reply_to == ["mentor@framat.example"]


def test_without_a_sender_name_the_organisations_name_is_the_sender_and_it_reaches_smtp(org, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    queue_email(to=["amal@example.org"], subject="Hej", text="Hej", organisation=org)

    deliver_due(now=datetime.datetime.now(tz=datetime.UTC))

    sent = mail.outbox[0].message()
    assert "Fackf" in sent["From"] and "<tandem@localhost>" in sent["From"]
    assert "Reply-To" not in sent


def test_the_accessibility_statement_follows_diggs_structure_with_the_organisations_contact(client, org):
    org.accessibility_email, org.accessibility_phone = "tillganglighet@framat.example", "08-123 45 67"
    org.accessibility_reviewed_on = datetime.date(2026, 11, 30)
    org.save()

    html = client.get(
        reverse("accessibility_organisation", kwargs={"pk": org.pk, "lang": "sv"})
    ).content.decode()

    assert '<html lang="sv"' in html
    for heading in (
        "Tillgänglighetsredogörelse",
        "Hur tillgängliga är sidorna?",
        "Rapportera brister",
        "Tillsyn",
        "Hur vi testat sidorna",
    ):
        assert heading in html
    assert "mailto:tillganglighet@framat.example" in html and "08-123 45 67" in html
    assert "https://www.digg.se/anmal-bristande-tillganglighet" in html
    assert "30 november 2026" in html


def test_the_statement_is_in_arabic_and_english_and_falls_back_to_swedish(client, org):
    arabic = client.get(reverse("accessibility_organisation", kwargs={"pk": org.pk, "lang": "ar"}))
    english = client.get(reverse("accessibility_organisation", kwargs={"pk": org.pk, "lang": "en"}))
    persian = client.get(reverse("accessibility_organisation", kwargs={"pk": org.pk, "lang": "fa"}))

    assert (
        '<html lang="ar" dir="rtl"' in arabic.content.decode()
        and "بيان إمكانية الوصول" in arabic.content.decode()
    )
    assert "Accessibility statement" in english.content.decode()
    assert persian.status_code == 302 and persian["Location"].endswith(f"/accessibility/{org.pk}/sv/")


def test_without_an_own_address_the_statement_gives_the_reply_to_address(client, org):
    org.reply_to_email = "mentor@framat.example"
    org.save()

    html = client.get(
        reverse("accessibility_organisation", kwargs={"pk": org.pk, "lang": "en"})
    ).content.decode()

    assert "mailto:mentor@framat.example" in html


def test_public_pages_link_their_organisations_statement_and_error_pages_tandems(client, org, program):
    from tandem.applications.services import create_default_form
    from tandem.applications.tests.conftest import open_recruitment

    open_recruitment(program)
    form = create_default_form(program, "mentee", now=datetime.datetime.now(tz=datetime.UTC))
    form.is_published = True
    form.save()

    landing = client.get(reverse("apply:landing", kwargs={"slug": form.slug, "lang": "ar"})).content.decode()
    missing = client.get("/apply/no-such-form/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'href="/accessibility/{org.pk}/ar/"' in landing and "بيان إمكانية الوصول" in landing
    assert 'href="/accessibility/en/"' in missing


def test_without_any_contact_setting_the_statement_reads_well_and_has_a_review_date(client, org):
    swedish = client.get(reverse("accessibility_organisation", kwargs={"pk": org.pk, "lang": "sv"}))
    arabic = client.get(reverse("accessibility_organisation", kwargs={"pk": org.pk, "lang": "ar"}))

    swedish_html, arabic_html = swedish.content.decode(), arabic.content.decode()
    assert "svarar du på ett e-postmeddelande" not in swedish_html
    assert "Kontakta <bdi>Fackförbundet Framåt</bdi>, som driver ditt program." in swedish_html
    assert "3 december 2026" in swedish_html
    with translation.override("ar"):
        assert date_format(STATEMENT_TEXT_CHANGED, "j F Y") in arabic_html
    assert "<bdi>Fackförbundet Framåt</bdi>" in arabic_html and "mailto:" not in arabic_html


def test_without_a_reply_to_address_the_statement_gives_a_forms_contact(client, org, program):
    ApplicationForm.objects.create(program=program, role="mentee", contact_email="fragor@framat.example")

    for lang in ("sv", "ar"):
        html = client.get(
            reverse("accessibility_organisation", kwargs={"pk": org.pk, "lang": lang})
        ).content.decode()
        assert "mailto:fragor@framat.example" in html, lang


def test_admins_are_warned_on_the_organisation_page_when_the_accessibility_contact_is_missing(
    client, org, admin
):
    client.force_login(admin)
    page = reverse("organisations:detail", kwargs={"pk": org.pk})

    assert 'id="accessibility-contact-missing"' in client.get(page).content.decode()
    org.accessibility_email = "tillganglighet@framat.example"
    org.save()
    assert 'id="accessibility-contact-missing"' not in client.get(page).content.decode()
