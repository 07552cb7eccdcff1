from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "tandem.outbox"

    def ready(self) -> None:
        from tandem.outbox import (
            audit_subjects,
            checks,  # noqa: F401  (registers the system checks)
        )

        audit_subjects.register()  # the audit log finds and shows e-mails to a person through it
