"""Who gets which status on the second factor's URLs (walked by tandem/lib/tests/test_permissions.py).

Everyone signed in has their own security pages (the walk's sessions have passed the second factor, so
the code page sends them on). The member list and the reset are for the organisation's admins: `org`'s
`admin`; `coordinator` and `viewer` are plain members (403); the others belong elsewhere (404).
"""

from __future__ import annotations

from tandem.accounts.tests.access_table import (
    EVERYONE_SIGNED_IN,
    ORG_ADMIN_CHANGE,
    ORG_ADMIN_PAGE,
    org_kwargs,
    viewer_membership_kwargs,
)
from tandem.lib.testing.access import Row, statuses

EVERYONE_SENT_ON = statuses(admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302)

ROWS = [
    Row("mfa:security", EVERYONE_SIGNED_IN),
    Row("mfa:set_up", EVERYONE_SIGNED_IN, note="a new authenticator for one's own account"),
    Row("mfa:verify", EVERYONE_SENT_ON, note="already verified: on to the next page"),
    Row("mfa:recovery_codes", EVERYONE_SIGNED_IN, note="only the codes just made, from one's own session"),
    Row("mfa:recovery_codes_download", EVERYONE_SENT_ON, note="no codes in the session: back to the page"),
    Row("mfa:recovery_codes_done", EVERYONE_SENT_ON, method="POST"),
    Row("mfa:recovery_codes_new", EVERYONE_SENT_ON, method="POST", note="without a second factor: nothing"),
    Row("mfa:turn_off", EVERYONE_SENT_ON, method="POST"),
    Row("mfa:organisation", ORG_ADMIN_PAGE, kwargs=org_kwargs),
    Row("mfa:member_reset", ORG_ADMIN_CHANGE, kwargs=viewer_membership_kwargs, method="POST"),
]
