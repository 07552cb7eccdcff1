from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "tandem.screening"

    def ready(self) -> None:
        from tandem.programs.copying import add_copier
        from tandem.screening import jobs  # noqa: F401  registers the job kind "screening.bulk"
        from tandem.screening.copying import copy_decision_texts

        add_copier(copy_decision_texts)  # the copy for the next cohort carries the decision e-mail texts
