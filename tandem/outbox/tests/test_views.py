"""Organisation admins follow their outgoing e-mail, and send failed messages again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.factories import UserFactory
from tandem.outbox import views
from tandem.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

Status = OutboxMessage.Status
LIST = reverse("outbox:list")


def detail(message: OutboxMessage) -> str:
    return reverse("outbox:detail", args=[message.pk])


def retry(message: OutboxMessage) -> str:
    return reverse("outbox:retry", args=[message.pk])


@pytest.fixture
def failed(make_message, program):
    return make_message(
        program=program, organisation=program.organisation, status=Status.FAILED, attempts=6,
        last_error="SMTPDataError 554", subject="Kallelse till uppstartsträffen",
    )  # fmt: skip


def test_admin_sees_the_organisations_messages_newest_first(client, admin, org, other_org, make_message):
    now = timezone.now()
    older = make_message(organisation=org, subject="Äldre", created_at=now - timedelta(hours=1))
    newer = make_message(organisation=org, subject="Nyare", created_at=now)
    make_message(organisation=other_org, subject="Annan förenings e-post")
    make_message(organisation=None, subject="Lösenordsåterställning")
    client.force_login(admin)

    response = client.get(LIST)

    assert [m.pk for m in response.context["outbox"]] == [newer.pk, older.pk]
    assert "Annan förenings e-post" not in response.text
    assert "Lösenordsåterställning" not in response.text


def test_the_list_costs_one_query_however_many_messages(
    client, admin, org, make_message, django_assert_num_queries
):
    for number in range(30):
        make_message(organisation=org, status=[Status.PENDING, Status.SENT, Status.FAILED][number % 3])
    client.force_login(admin)

    # 1 session, 2 user, 3 the page of messages with their organisations (one JOIN, admin rule as a subquery),
    # 4 the audit event of the page, 5 its messages (one INSERT)
    with django_assert_num_queries(5):
        response = client.get(LIST)

    assert len(response.context["outbox"]) == 30


def test_the_list_shows_status_attempts_next_attempt_error_and_recipients(
    client, admin, failed, make_message, org
):
    waiting = make_message(
        organisation=org, attempts=2, last_error="SMTPDataError 421", to=["mentor@example.org"]
    )
    client.force_login(admin)

    page = client.get(LIST).text

    assert "mentor@example.org" in page
    assert "SMTPDataError 421" in page and "SMTPDataError 554" in page
    assert (
        waiting.next_attempt_at.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d %H:%M") in page
    )
    assert f'action="{retry(failed)}"' in page  # only the failed one can be sent again
    assert f'action="{retry(waiting)}"' not in page


def test_filter_by_status(client, admin, org, failed, make_message):
    make_message(organisation=org, status=Status.SENT)
    client.force_login(admin)

    response = client.get(LIST, {"status": "failed"})

    assert [m.pk for m in response.context["outbox"]] == [failed.pk]


def test_an_unknown_status_is_explained_next_to_the_field(client, admin, failed):
    client.force_login(admin)

    page = client.get(LIST, {"status": "lost"}).text

    assert 'aria-invalid="true"' in page
    assert 'id="id_status_error"' in page
    assert "Välj ett giltigt alternativ" in page  # Swedish, the default language
    assert "Kallelse till uppstartsträffen" in page  # the list is still there, unfiltered


def test_a_long_outbox_is_paged(client, admin, org, make_message, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for _ in range(3):
        make_message(organisation=org, status=Status.SENT)
    client.force_login(admin)

    first, second = client.get(LIST, {"status": "sent"}), client.get(LIST, {"status": "sent", "page": 2})

    assert (len(first.context["outbox"]), first.context["has_next"]) == (2, True)
    assert "?status=sent&amp;page=2" in first.text
    assert (len(second.context["outbox"]), second.context["has_next"]) == (1, False)
    assert client.get(LIST, {"page": "zero"}).status_code == 404


@pytest.mark.parametrize("asked", ["3", "99", "9" * 30])
def test_a_page_past_the_end_shows_the_last_page_never_a_server_error(
    client, admin, org, make_message, monkeypatch, asked
):
    """Issue 12, item 7: a huge page number gave HTTP 500 (the offset overflowed the database)."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for _ in range(3):
        make_message(organisation=org, status=Status.SENT)
    client.force_login(admin)

    response = client.get(LIST, {"page": asked})

    assert response.status_code == 200
    assert (response.context["page"], len(response.context["outbox"]), response.context["has_next"]) == (
        2,
        1,
        False,
    )


@pytest.mark.parametrize("person", ["viewer", "outsider"])
def test_people_who_neither_administer_nor_coordinate_see_none_of_its_email(client, request, person, failed):
    client.force_login(request.getfixturevalue(person))

    assert list(client.get(LIST).context["outbox"]) == []
    assert client.get(detail(failed)).status_code == 404
    assert client.get(reverse("outbox:html", args=[failed.pk])).status_code == 404
    assert client.post(retry(failed)).status_code == 404
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


@pytest.mark.parametrize("person", ["coordinator", "partner_coordinator"])
def test_coordinators_see_the_email_of_their_own_programs_only(
    client, request, person, failed, make_message, other_program
):
    """Issue 13, item 8: the outbox said "no e-mails" to the people who send them."""
    make_message(program=None, organisation=failed.organisation, subject="Inbjudan till organisationen")
    make_message(program=other_program, organisation=other_program.organisation, subject="Annat program")
    client.force_login(request.getfixturevalue(person))

    assert [message.subject for message in client.get(LIST).context["outbox"]] == [failed.subject]
    assert client.get(detail(failed)).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client, failed):
    assert client.get(LIST).url.startswith(reverse("accounts:login"))
    assert client.post(retry(failed)).url.startswith(reverse("accounts:login"))


def test_a_superuser_sees_every_message_including_those_of_no_organisation(client, make_message, failed):
    reset = make_message(organisation=None, subject="Lösenordsåterställning")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert {m.pk for m in client.get(LIST).context["outbox"]} == {reset.pk, failed.pk}
    assert client.get(detail(reset)).status_code == 200


def test_the_detail_page_shows_the_message(client, admin, failed):
    client.force_login(admin)

    page = client.get(detail(failed)).text

    assert '<h1 class="break-anywhere"><bdi>Kallelse till uppstartsträffen</bdi></h1>' in page
    assert failed.message_id.replace("<", "&lt;").replace(">", "&gt;") in page
    assert "Hej!\n\nVälkommen." in page
    assert "SMTPDataError 554" in page


def test_the_html_part_is_shown_sandboxed(client, admin, failed):
    failed.body_html = "<p>Hej</p><script>alert(1)</script>"
    failed.save()
    client.force_login(admin)

    response = client.get(reverse("outbox:html", args=[failed.pk]))

    assert response.content == b"<p>Hej</p><script>alert(1)</script>"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_admin_sends_a_failed_message_again_and_it_goes_out(
    client, admin, failed, django_capture_on_commit_callbacks
):
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry(failed))

    assert response.url == detail(failed)
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.SENT, 1)  # a fresh round of attempts
    assert [sent.subject for sent in mail.outbox] == ["Kallelse till uppstartsträffen"]
    event = AuditEvent.objects.get(action="outbox.retried")
    assert (event.actor, event.organisation, event.program) == (admin, failed.organisation, failed.program)
    assert event.target_id == str(failed.pk)
    assert event.data == {"attempts": 6, "last_error": "SMTPDataError 554"}


def test_retrying_a_message_that_has_not_failed_changes_nothing(client, admin, org, make_message, settings):
    sent = make_message(organisation=org, status=Status.SENT, attempts=1)
    client.force_login(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(retry(sent), follow=True)

    assert "This e-mail has not failed, so there is nothing to send again." in response.text
    sent.refresh_from_db()
    assert (sent.status, sent.attempts) == (Status.SENT, 1)
    assert not AuditEvent.objects.filter(action="outbox.retried").exists()


def test_retry_is_a_post(client, admin, failed):
    client.force_login(admin)

    assert client.get(retry(failed)).status_code == 405


def test_admins_see_token_links_masked_so_they_cannot_accept_an_invitation_meant_for_someone_else(
    client, admin, org, make_message
):
    """Issue 12, item 7: an org admin could open a colleague's invitation link from the outbox."""
    token = "Q2x1c3RlcjEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm8"
    link = f"https://tandem.example.org/accounts/invitations/{token}/"
    message = make_message(
        organisation=org,
        body_text=f"Välkommen!\n\nTacka ja: {link}\n",
        body_html=f'<p><a href="{link}">Tacka ja</a></p>',
    )
    client.force_login(admin)

    detail_page = client.get(detail(message)).content.decode()
    html_part = client.get(reverse("outbox:html", args=[message.pk])).content.decode()

    for shown in (detail_page, html_part):
        assert token not in shown
        assert "/accounts/invitations/••••••/" in shown
    message.refresh_from_db()
    assert token in message.body_text  # the e-mail itself is sent as it was written


def test_the_text_part_is_shown_in_its_own_direction_and_the_list_keeps_dates_on_one_line(
    client, admin, org, make_message
):
    """Demo walk: an Arabic text part was shown left-aligned, and dates in the list wrapped."""
    message = make_message(organisation=org, body_text="مرحبًا Noor،\n\nشكرًا لتقديمك طلبًا.")
    client.force_login(admin)

    detail_page = client.get(detail(message)).text
    list_page = client.get(LIST).text

    assert '<pre class="mail-body border rounded p-3 bg-light" dir="auto"' in detail_page
    assert (
        f'<td class="text-nowrap">{timezone.localtime(message.created_at):%Y-%m-%d %H:%M}</td>' in list_page
    )
    assert '<div class="outbox-subject">' in list_page
