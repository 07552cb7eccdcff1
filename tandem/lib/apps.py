from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "tandem.lib"
    label = "tandem_lib"
