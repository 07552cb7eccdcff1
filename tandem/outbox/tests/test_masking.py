"""Staff reading the outbox see no working secret link: every kind of link Tandem puts in an e-mail, as
the app makes it, is masked on the message page and in its HTML part (demo walk: the applicant's signed
"forget me" link, with ':' in its token, was shown in full)."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tandem.accounts.emails import invitation_link
from tandem.accounts.models import Invitation as StaffInvitation
from tandem.applications.models import new_token as new_application_token
from tandem.factories import UserFactory
from tandem.followup.emails import survey_url
from tandem.followup.models import Invitation as SurveyInvitation
from tandem.gatherings.emails import rsvp_url
from tandem.gatherings.models import Invitation as MeetingInvitation
from tandem.health.digest import opt_out_token
from tandem.lib.templatetags.tandem_format import LRI, PDI
from tandem.mentoring.models import new_secret
from tandem.outbox.masking import MASK, SECRET_LINKS, mask_links
from tandem.pairs.emails import answer_url
from tandem.pairs.models import Pair
from tandem.privacy.withdrawal import forget_url

pytestmark = pytest.mark.django_db

SITE = "https://tandem.example.org"


def secret_links() -> dict[str, tuple[str, str]]:
    """Each kind of secret link, made the way the e-mails make it: kind → (link, its secret part)."""
    user = UserFactory()
    uid, reset = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    staff_invitation = StaffInvitation()
    staff_invitation.new_token()
    forget = forget_url(3, "amal@example.org")
    survey = SurveyInvitation(secret_salt="a-salt-of-the-survey-invitation")
    meeting = MeetingInvitation()
    pair = Pair()
    withdraw, offer, sign_in, calendar = new_application_token(), "short-1", new_secret(), new_secret()
    digest = opt_out_token(user)
    return {
        "invitation": (invitation_link(staff_invitation), staff_invitation.token),
        "password_reset": (SITE + reverse("accounts:password_reset_confirm", args=[uid, reset]), reset),
        "withdraw": (SITE + reverse("apply:withdraw", args=[withdraw]), withdraw),
        "offer": (SITE + reverse("apply:offer", args=[offer]), offer),  # short: known by its address
        "forget": (forget, forget.rstrip("/").rsplit("/", 1)[1]),
        "pair_answer": (answer_url(pair, "mentee"), pair.mentee_token),
        "rsvp": (rsvp_url(meeting, "yes"), meeting.token),
        "survey": (survey_url(survey), survey.token),
        "sign_in": (SITE + reverse("space:sign_in_link", args=[sign_in]), sign_in),
        "calendar": (SITE + reverse("space:calendar", args=[calendar]), calendar),
        "digest_off": (SITE + reverse("health_digest:off", args=[digest]), digest),
    }


def test_the_forget_me_token_is_signed_with_colons():
    """The case the old mask missed: the shape of a token says nothing, its address does."""
    assert ":" in secret_links()["forget"][1]


def test_every_kind_of_secret_link_is_masked_in_the_text_and_the_html_part(client, admin, org, make_message):
    links = secret_links()
    text = "\n".join(
        f"{kind}: {link}\n{LRI}{link}{PDI}\n({link}).\n" for kind, (link, _secret) in links.items()
    )
    html = "".join(
        f'<p>{kind}: <a href="{link}" dir="ltr">{link}</a> <a href="{link}&amp;x=1">…</a></p>'
        for kind, (link, _secret) in links.items()
    )
    message = make_message(organisation=org, body_text=text, body_html=html)
    client.force_login(admin)

    detail_page = client.get(reverse("outbox:detail", args=[message.pk])).content.decode()
    html_part = client.get(reverse("outbox:html", args=[message.pk])).content.decode()

    for shown in (detail_page, html_part):
        for kind, (_link, secret) in links.items():
            assert secret not in shown, kind
    assert f"/privacy/forget/{MASK}/" in detail_page
    assert f"/meeting-answer/{MASK}/?answer=yes" in html_part  # the answer is no secret
    assert f"/space/calendar/{MASK}\n" in detail_page
    assert f"/apply/withdraw/{MASK}/)." in detail_page  # the sentence's punctuation stays
    message.refresh_from_db()
    assert links["forget"][0] in message.body_text  # the e-mail itself is sent as it was written


def test_text_without_secret_links_is_unchanged():
    text = (
        "Hej!\n\nLogga in: https://tandem.example.org/space/sign-in/\n"
        "Paret: https://tandem.example.org/programs/12/mentoring/345/\n"
        "Tillgänglighet: https://tandem.example.org/accessibility/sv/\n"
    )

    assert mask_links(text) == text


# Routes with a text parameter that holds no secret, and why. A new route with a text parameter must be
# listed here or in `SECRET_LINKS`, so that a new kind of secret link cannot slip past the mask.
NOT_SECRET = {
    "accessibility": "a language code",
    "accessibility_organisation": "a language code",
    "apply:start": "the form's public address",
    "apply:landing": "the form's public address and a language",
    "apply:step": "the form's public address, a language and a page",
    "apply:summary": "the form's public address and a language",
    "apply:sent": "the form's public address and a language",
    "apply:occupations": "the form's public address and a language",
    "applications:translation_edit": "a language code",
    "survey:onsite_start": "the short code shown on a screen at a meeting, for everyone in the room",
    "survey:onsite_answer": "the short code shown on a screen at a meeting, for everyone in the room",
    "programs:setup": "a step of the set-up wizard",
    "requirements:profile": "a role",
    "requirements:add": "a role",
    "requirements:preview": "a role",
    "requirements:occupations": "a role",
    "requirements:edit": "a role",
    "requirements:remove": "a role",
    "followup:question_edit": "a question's key in the survey",
    "followup:question_move": "a question's key in the survey",
    "followup:question_remove": "a question's key in the survey",
    "reports:funder_report_file": "a file format",
    "screening:decision_template_edit": "a kind of decision and a language",
    "screening:decision_template_reset": "a kind of decision and a language",
    "intake:paper_pdf": "a role",
    "intake:import_template": "a file extension",
    "intake:import_check": "an upload of the coordinator's own, never in an e-mail",
}


def _text_routes(patterns, namespace: str = "") -> set[str]:
    """URL names (with namespace) of the project's routes that take a parameter other than a number."""
    found: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= _text_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = getattr(pattern.pattern, "converters", {})
            if any(type(c).__name__ != "IntConverter" for c in converters.values()):
                found.add(f"{namespace}{pattern.name}")
    return found


def test_every_route_with_a_text_parameter_is_known_to_hold_a_secret_or_not():
    routes = _text_routes(get_resolver().url_patterns)

    assert routes - set(SECRET_LINKS) - set(NOT_SECRET) == set()
    assert set(SECRET_LINKS) <= routes  # the list names real routes
