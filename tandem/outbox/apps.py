from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "tandem.outbox"

    def ready(self) -> None:
        from tandem.outbox import checks  # noqa: F401  (registers the system checks)
