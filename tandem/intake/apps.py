from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "tandem.intake"
    label = "intake"
