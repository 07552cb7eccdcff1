"""An e-mail backend that stores every message in the outbox instead of sending it.

Django's own mails (password reset included) come through here; the worker (tandem.outbox.tasks)
delivers stored messages through OUTBOX_DELIVERY_BACKEND. Our own e-mails use
`tandem.outbox.emails.send_templated_email` or `tandem.outbox.services.queue_email`.
"""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from tandem.outbox.services import store_messages

        return len(store_messages(list(email_messages)))
