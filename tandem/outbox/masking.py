"""Secret links masked where staff read an e-mail in the outbox.

Many e-mails carry a link that is the key to something: an invitation to a staff account, a new
password, an applicant's withdraw or "forget me" link, a place offer, a pair or meeting answer, a survey,
a sign-in link to the participant's space, the calendar feed, the digest opt-out. Staff who can read the
outbox must not be able to use a link meant for someone else, so the page shows each of them as
``/privacy/forget/••••••/``; the e-mail itself is sent as it was written.

The links are known by where they lead (`SECRET_LINKS`, URL names): everything after the address's
fixed beginning up to the query, the end of the link or the end of the word is masked, whatever the
token looks like (random, signed with ``:``, two segments). A long random path segment anywhere else is
masked as well, in case a new kind of link is not listed yet (``tests/test_masking.py`` fails then).
"""

from __future__ import annotations

import re
from functools import cache

from django.urls import reverse

MASK = "••••••"

# URL name → how many arguments the route takes; each of these addresses holds a secret after its fixed
# beginning.
SECRET_LINKS: dict[str, int] = {
    "accounts:invitation_accept": 1,  # an invitation to a staff account
    "accounts:password_reset_confirm": 2,  # a new password (uidb64/token)
    "apply:withdraw": 1,  # the applicant withdraws their application
    "apply:offer": 1,  # the applicant accepts or declines a place
    "privacy:forget": 1,  # "forget me": consent withdrawn, data erased (a signed token, with ':')
    "pair_answer:answer": 1,  # a mentor or mentee answers a proposed pair
    "rsvp:answer": 1,  # an invitee answers a common meeting
    "survey:answer": 1,  # a follow-up survey answered
    "space:sign_in_link": 1,  # signs a participant in to their space
    "space:calendar": 1,  # the participant's calendar feed
    "health_digest:off": 1,  # stops a coordinator's weekly digest (signed, with ':')
}

_PLACEHOLDER = "tandem-secret-placeholder"

# Where a link ends in text or HTML: white space, quotes, angle brackets, and the invisible direction
# marks plain-text e-mails put around a link in Arabic (LRM, RLM, LRE…PDF, LRI…PDI).
_END = "\\s\"'<>\u200e\u200f\u202a-\u202e\u2066-\u2069"

# A path segment that looks like a token though no listed address leads to it: long, of the characters
# of random and signed tokens.
_TOKEN_SEGMENT = re.compile(rf"(?<=/)[A-Za-z0-9_\-:]{{20,}}(?=[/?#{_END}]|$)")

# Punctuation that ends a sentence after a link stays visible ("…/forget/••••••/.").
_TRAILING = re.compile(r"[.,;:!)\]]+$")


def _prefix(name: str, arguments: int) -> str:
    path = reverse(name, args=[_PLACEHOLDER] * arguments)
    return path[: path.index(_PLACEHOLDER)]


@cache
def _secret_links() -> re.Pattern[str]:
    prefixes = sorted({_prefix(name, arguments) for name, arguments in SECRET_LINKS.items()}, key=len)
    alternatives = "|".join(re.escape(prefix) for prefix in reversed(prefixes))
    return re.compile(rf"({alternatives})([^?#{_END}]+)")


def _masked(match: re.Match[str]) -> str:
    prefix, secret = match.groups()
    trailing = _TRAILING.search(secret)
    end = trailing.group() if trailing else ""
    secret = secret[: len(secret) - len(end)]
    slash = "/" if secret.endswith("/") else ""
    return f"{prefix}{MASK}{slash}{end}" if secret.strip("/") else match.group()


def mask_links(text: str) -> str:
    """`text` (a plain-text or HTML body) with every secret link's token replaced by `MASK`."""
    return _TOKEN_SEGMENT.sub(MASK, _secret_links().sub(_masked, text))
