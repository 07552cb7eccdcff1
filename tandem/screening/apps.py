from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "tandem.screening"

    def ready(self) -> None:
        from tandem.screening import jobs  # noqa: F401  registers the job kind "screening.bulk"
