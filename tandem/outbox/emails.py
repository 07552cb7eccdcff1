"""Render one of our e-mails from its three templates, in the recipient's language.

Each e-mail is a function in its app's ``emails.py`` that gathers the context and calls
`send_templated_email`, e.g. ``send_templated_email("accounts/emails/invitation", to=..., ...)``
with ``accounts/emails/invitation_subject.txt``, ``invitation.txt`` and ``invitation.html``.
The text parts are rendered without HTML escaping; the HTML part is escaped as usual.

`build_templated_email` makes the message without storing it (many are built before a transaction and
stored at once with `outbox.services.queue_prepared`); `send_templated_email` builds and stores one.

Apps above the outbox may add a footer to every e-mail (`add_footer`: privacy adds the link to withdraw
consent to each e-mail to an applicant or participant), so that no e-mail template has to repeat it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import prepare_email, queue_prepared

if TYPE_CHECKING:
    from django.template.backends.django import Template as DjangoBackendTemplate

    from tandem.accounts.models import Organisation
    from tandem.programs.models import Program


class Footer(NamedTuple):
    text: str
    html: str


# (kind, recipient, program, language) -> the footer in that language, or None
FooterMaker = Callable[[str, str, "Program | None", str], Footer | None]
_footers: list[FooterMaker] = []


def add_footer(maker: FooterMaker) -> None:
    """Add `maker`'s footer to every e-mail built from now on (called from an AppConfig.ready())."""
    if maker not in _footers:
        _footers.append(maker)


def build_templated_email(
    template: str,
    *,
    to: str | Sequence[str],
    context: Mapping[str, Any],
    language: str,
    organisation: Organisation | None = None,
    program: Program | None = None,
) -> OutboxMessage:
    """The e-mail `template` for `to`, rendered in `language`, not yet stored."""
    subject, text, html = _render(template, context, language)
    recipients = [to] if isinstance(to, str) else list(to)
    if len(recipients) == 1:
        text, html = _with_footers(template, recipients[0], program, language, text, html)
    return prepare_email(
        to=recipients,
        subject=subject,
        text=text,
        html=html,
        kind=template,
        organisation=organisation,
        program=program,
    )


def send_templated_email(
    template: str,
    *,
    to: str | Sequence[str],
    context: Mapping[str, Any],
    language: str,
    organisation: Organisation | None = None,
    program: Program | None = None,
) -> OutboxMessage:
    """Store the e-mail `build_templated_email` makes; it is delivered after the commit."""
    return queue_prepared(
        [
            build_templated_email(
                template,
                to=to,
                context=context,
                language=language,
                organisation=organisation,
                program=program,
            )
        ]
    )[0]


def _render(template: str, context: Mapping[str, Any], language: str) -> tuple[str, str, str]:
    """Subject (one line), text and HTML of the e-mail `template` in `language`."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = " ".join(_render_text(f"{template}_subject.txt", context).split())  # one line
        text = _render_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", {**context, "subject": subject})  # its <title>
    return subject, text, html


def _with_footers(
    template: str, to: str, program: Program | None, language: str, text: str, html: str
) -> tuple[str, str]:
    """The text and HTML with each footer added: at the end of the text, before </body> in the HTML."""
    for maker in _footers:
        with translation.override(language):
            footer = maker(template, to, program, language)
        if footer is None:
            continue
        text = f"{text.rstrip()}\n\n-- \n{footer.text.strip()}\n"
        if html:
            at = html.rfind("</body>")
            html = f"{html[:at]}{footer.html}\n{html[at:]}" if at >= 0 else f"{html}{footer.html}"
    return text, html


def _render_text(name: str, context: Mapping[str, Any]) -> str:
    """Plain text must not be HTML-escaped: "Svensson & Co" stays as it is."""
    # The backend's Template; its `.template` is the engine's own, which takes a Context.
    template = cast("DjangoBackendTemplate", get_template(name)).template
    return template.render(Context(dict(context), autoescape=False))
