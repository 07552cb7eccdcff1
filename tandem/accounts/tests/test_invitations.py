import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from tandem.accounts.models import Invitation, Membership, User, hash_token
from tandem.accounts.services import InvitationClosedError, accept_invitation, invite_colleague
from tandem.accounts.tests.helpers import in_english, link_path
from tandem.audit.models import AuditEvent
from tandem.factories import PASSWORD
from tandem.lib.testing.sessions import pass_second_factor
from tandem.outbox.models import OutboxMessage

NEWCOMER = "newcomer@framat.example"
GOOD_PASSWORD = "mentorskap ger vingar"


def invite(client, org, email=NEWCOMER, *, language="sv", is_admin=False):
    data = {"email": email, "language": language}
    if is_admin:
        data["is_admin"] = "on"
    return client.post(reverse("accounts:invitations", kwargs={"pk": org.pk}), data)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return in_english(client)


@pytest.fixture
def invitation(org, admin):
    return invite_colleague(org, email=NEWCOMER, is_admin=False, language="en", by=admin, now=timezone.now())


def accept_url(invitation: Invitation) -> str:
    return reverse("accounts:invitation_accept", kwargs={"token": invitation.token})


def new_account(full_name="Nora Nykomling", password=GOOD_PASSWORD):
    return {"full_name": full_name, "password1": password, "password2": password}


# --- Sending ---------------------------------------------------------------------------------


def test_an_admin_invites_a_colleague_by_email_in_the_chosen_language(admin_client, org, admin):
    response = invite(admin_client, org, language="en", is_admin=True)

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.organisation, invitation.email, invitation.is_admin) == (org, NEWCOMER, True)
    assert invitation.language == "en" and invitation.invited_by == admin
    message = OutboxMessage.objects.get()
    assert message.to == [NEWCOMER]
    assert message.kind == "accounts/emails/invitation" and message.organisation == org
    assert message.subject == f"Join {org.name} on Tandem"
    assert '<html lang="en">' in message.body_html
    token = link_path(message, "/accounts/invitations/").split("/")[-2]
    assert invitation.token_hash == hash_token(token) != token  # only the hash is stored
    event = AuditEvent.objects.get(action="invitation.sent")
    assert event.actor == admin and event.target_id == str(invitation.pk)
    assert event.data == {"is_admin": True, "language": "en"}  # ids and codes, no address


def test_the_plain_text_invitation_is_not_html_escaped(admin_client, org):
    org.name = "Svensson & Co"
    org.save()

    invite(admin_client, org, language="en")

    message = OutboxMessage.objects.get()
    assert "Svensson & Co" in message.body_text and "&amp;" not in message.body_text
    assert "Svensson &amp; Co" in message.body_html


def test_the_invitation_date_is_written_in_the_invitations_language(org, admin):
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    invite_colleague(org, email=NEWCOMER, is_admin=False, language="sv", by=admin, now=now)

    assert "15 december 2026" in OutboxMessage.objects.get().body_text


def test_inviting_a_member_says_so_next_to_the_field(admin_client, org, coordinator):
    response = invite(admin_client, org, email=coordinator.email.upper())

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_email_error"' in html
    assert "This person is already a member of the organisation." in html
    assert 'aria-invalid="true"' in html
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_inviting_the_same_address_twice_points_to_resend(admin_client, org, invitation):
    response = invite(admin_client, org)

    assert "already open" in response.context["form"].errors["email"][0]
    assert Invitation.objects.count() == 1


def test_a_bad_address_is_refused_next_to_the_field_in_swedish(admin_client, org):
    admin_client.cookies["django_language"] = "sv"
    response = invite(admin_client, org, email="inte en adress")

    assert response.context["form"].errors["email"] == ["Fyll i en giltig e-postadress."]


def test_the_admin_sees_open_invitations_and_resends_one(admin_client, org, admin, invitation):
    page = admin_client.get(reverse("accounts:invitations", kwargs={"pk": org.pk}))
    assert NEWCOMER in page.content.decode()

    later = timezone.now() + timedelta(days=20)  # past the first expiry
    with time_machine.travel(later, tick=False):
        admin_client.force_login(admin)
        admin_client.post(
            reverse("accounts:invitation_resend", kwargs={"pk": org.pk, "invitation_pk": invitation.pk})
        )

    invitation.refresh_from_db()
    assert invitation.expires_at == Invitation.default_expiry(later)
    assert OutboxMessage.objects.count() == 2
    assert AuditEvent.objects.filter(action="invitation.resent").count() == 1


def test_a_revoked_invitation_disappears_and_its_link_says_so(admin_client, org, invitation):
    admin_client.post(
        reverse("accounts:invitation_revoke", kwargs={"pk": org.pk, "invitation_pk": invitation.pk})
    )

    page = admin_client.get(reverse("accounts:invitations", kwargs={"pk": org.pk}))
    assert NEWCOMER not in page.content.decode()
    assert AuditEvent.objects.filter(action="invitation.revoked").count() == 1
    response = in_english(Client()).get(accept_url(invitation))
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_an_admin_cannot_touch_another_organisations_invitation(client, outsider, invitation, other_org):
    client.force_login(outsider)
    url = reverse("accounts:invitation_revoke", kwargs={"pk": other_org.pk, "invitation_pk": invitation.pk})

    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# --- Accepting -------------------------------------------------------------------------------


def log_in_to_accept(client, invitation, password=GOOD_PASSWORD):
    """The log-in the invitation page sends a person to, and back to the invitation."""
    login_url = f"{reverse('accounts:login')}?{urlencode({'next': accept_url(invitation)})}"
    logged_in = client.post(
        login_url, {"username": invitation.email, "password": password, "next": accept_url(invitation)}
    )
    assert logged_in["Location"] == accept_url(invitation)
    pass_second_factor(client, User.objects.get(email=invitation.email))  # an admin-to-be sets one up


def test_a_new_person_sets_name_and_password_logs_in_and_joins(client, org, invitation):
    page = client.get(accept_url(invitation))
    assert page.status_code == 200
    assert '<html lang="en"' in page.content.decode()  # the invitation's language, not the browser's

    response = client.post(accept_url(invitation), new_account())

    login_url = f"{reverse('accounts:login')}?{urlencode({'next': accept_url(invitation)})}"
    assert response.status_code == 302 and response["Location"] == login_url
    user = User.objects.get(email=NEWCOMER)
    assert user.full_name == "Nora Nykomling" and user.language == "en"
    assert user.check_password(GOOD_PASSWORD)
    assert not Membership.objects.filter(user=user).exists()  # joins once logged in
    log_in_to_accept(client, invitation)
    assert client.cookies["django_language"].value == "en"
    joined = client.post(accept_url(invitation))
    assert joined["Location"] == reverse("organisations:detail", kwargs={"pk": org.pk})
    assert Membership.objects.get(user=user).organisation == org
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert AuditEvent.objects.get(action="invitation.account_created").actor == user
    assert AuditEvent.objects.get(action="invitation.accepted").actor == user


def test_a_weak_password_is_refused_next_to_the_field_and_nothing_is_created(client, invitation):
    client.cookies["django_language"] = "sv"

    response = client.post(accept_url(invitation), new_account(password="nykomling"))

    assert response.status_code == 200
    assert "Det här lösenordet är för kort" in response.context["form"].errors["password2"][0]
    assert 'id="id_password2_error"' in response.content.decode()
    assert response.context["form"]["full_name"].value() == "Nora Nykomling"  # kept for the next try
    assert not User.objects.filter(email=NEWCOMER).exists()
    invitation.refresh_from_db()
    assert invitation.is_open()


def test_a_password_like_the_address_is_refused(client, invitation):
    response = client.post(accept_url(invitation), new_account(password="newcomer@framat"))

    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(email=NEWCOMER).exists()


def test_an_existing_user_logs_in_as_the_invited_address_and_then_joins(client, org, admin, outsider):
    outsider.language = "en"  # applied at log-in
    outsider.save()
    invitation = invite_colleague(
        org, email=outsider.email, is_admin=False, language="en", by=admin, now=timezone.now()
    )

    page = client.get(accept_url(invitation))
    assert "already have a Tandem account" in page.content.decode()
    login_url = f"{reverse('accounts:login')}?{urlencode({'next': accept_url(invitation)})}"
    assert login_url in page.content.decode()

    logged_in = client.post(
        login_url, {"username": outsider.email, "password": PASSWORD, "next": accept_url(invitation)}
    )
    assert logged_in["Location"] == accept_url(invitation)
    pass_second_factor(client, outsider)  # an admin elsewhere: the code page comes between (tandem/mfa)
    assert "Accept the invitation" in client.get(accept_url(invitation)).content.decode()
    joined = client.post(accept_url(invitation))

    assert joined["Location"] == reverse("organisations:detail", kwargs={"pk": org.pk})
    assert Membership.objects.filter(user=outsider).count() == 2
    assert not Membership.objects.get(user=outsider, organisation=org).is_admin


def test_someone_signed_in_as_another_person_is_told_so(client, coordinator, invitation):
    in_english(client).force_login(coordinator)

    response = client.get(accept_url(invitation))
    client.post(accept_url(invitation))

    assert "The invitation is for someone else" in response.content.decode()
    assert not Membership.objects.filter(user__email=NEWCOMER).exists()
    invitation.refresh_from_db()
    assert invitation.is_open()


def test_an_expired_invitation_says_so(client, invitation):
    in_english(client)
    with time_machine.travel(invitation.expires_at + timedelta(minutes=1), tick=False):
        response = client.get(accept_url(invitation))
        client.post(accept_url(invitation), new_account())

    assert response.status_code == 410
    assert "too old" in response.content.decode()
    assert not User.objects.filter(email=NEWCOMER).exists()


def test_a_used_invitation_says_so(client, invitation):
    client.post(accept_url(invitation), new_account())
    log_in_to_accept(client, invitation)
    client.post(accept_url(invitation))

    response = in_english(Client()).get(accept_url(invitation))

    assert response.status_code == 410
    assert "already been accepted" in response.content.decode()


def test_an_unknown_token_shows_a_clear_page(client, db):
    in_english(client)
    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": "no-such-token"}))

    assert response.status_code == 404
    assert "We cannot find this invitation" in response.content.decode()


def test_accepting_twice_creates_one_person_and_one_membership(client, org, invitation):
    first = client.post(accept_url(invitation), new_account())
    second = client.post(accept_url(invitation), new_account())  # a double submit
    log_in_to_accept(client, invitation)
    client.post(accept_url(invitation))
    client.post(accept_url(invitation))
    from_a_stale_tab = Client().post(accept_url(invitation), new_account())

    assert first.status_code == second.status_code == 302
    assert from_a_stale_tab.status_code == 410
    assert User.objects.filter(email=NEWCOMER).count() == 1
    assert Membership.objects.filter(user__email=NEWCOMER).count() == 1
    assert AuditEvent.objects.filter(action="invitation.accepted").count() == 1


def test_an_existing_user_accepting_twice_joins_once(client, org, admin, outsider):
    invitation = invite_colleague(
        org, email=outsider.email, is_admin=True, language="sv", by=admin, now=timezone.now()
    )
    client.force_login(outsider)

    client.post(accept_url(invitation))
    client.post(accept_url(invitation))

    assert Membership.objects.filter(user=outsider, organisation=org, is_admin=True).count() == 1
    with pytest.raises(InvitationClosedError):
        accept_invitation(invitation.token, user=outsider, now=timezone.now())


def test_the_page_is_the_same_whether_or_not_the_address_has_an_account(client, org, admin, outsider):
    """Issue 12, item 7: the invitation page told whether an address had an account."""
    known = invite_colleague(
        org, email=outsider.email, is_admin=False, language="en", by=admin, now=timezone.now()
    )
    unknown = invite_colleague(
        org, email=NEWCOMER, is_admin=False, language="en", by=admin, now=timezone.now()
    )

    def shown(invitation):
        page = client.get(accept_url(invitation)).content.decode()
        page = page.replace(invitation.token, "TOKEN").replace(invitation.email, "EMAIL")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"', "", page)

    assert shown(known) == shown(unknown)


def test_a_resent_invitation_has_a_new_link_and_the_old_one_stops_working(admin_client, org, invitation):
    old_link = accept_url(invitation)

    admin_client.post(
        reverse("accounts:invitation_resend", kwargs={"pk": org.pk, "invitation_pk": invitation.pk})
    )

    new_link = link_path(OutboxMessage.objects.order_by("pk").last(), "/accounts/invitations/")
    assert new_link != old_link
    client = admin_client.__class__()
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200


def test_a_common_password_is_refused_when_accepting_in_english(client, invitation):
    in_english(client)

    response = client.post(accept_url(invitation), new_account(password="hejhej12345"))

    assert "one of the most common ones" in response.context["form"].errors["password2"][0]
    assert not User.objects.filter(email=NEWCOMER).exists()


def test_sending_the_form_answers_the_same_whether_or_not_the_address_has_an_account(
    client, org, admin, outsider, monkeypatch
):
    """Issue 12, item 7: the new-account form, sent for an address with an account, led to a different
    page than for a new person. Now both get "log in to join", and both cost one password hash."""
    from tandem.accounts import services

    hashes = []
    real_make_password = services.make_password

    def counting_make_password(*args, **kwargs):
        hashes.append(1)
        return real_make_password(*args, **kwargs)

    monkeypatch.setattr(services, "make_password", counting_make_password)
    monkeypatch.setattr("django.contrib.auth.base_user.make_password", counting_make_password)
    known = invite_colleague(
        org, email=outsider.email, is_admin=False, language="en", by=admin, now=timezone.now()
    )
    unknown = invite_colleague(
        org, email=NEWCOMER, is_admin=False, language="en", by=admin, now=timezone.now()
    )

    def answer(invitation):
        hashes.clear()
        sent = Client().post(accept_url(invitation), new_account(), follow=True)
        page = sent.content.decode().replace(invitation.token, "TOKEN").replace(invitation.email, "EMAIL")
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"', "", page)
        assert '<html lang="en"' in page  # still the invitation's language
        chain = [(url.replace(invitation.token, "TOKEN"), status) for url, status in sent.redirect_chain]
        return chain, page, len(hashes)

    known_answer, unknown_answer = answer(known), answer(unknown)
    assert known_answer == unknown_answer
    assert known_answer[2] == 1
    outsider.refresh_from_db()
    assert outsider.check_password(PASSWORD)  # an existing account keeps its password
    assert not Membership.objects.filter(user=outsider, organisation=org).exists()
