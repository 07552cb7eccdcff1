from django.apps import AppConfig


class HandbookConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tandem.handbook"
    verbose_name = "Handbook"

    def ready(self) -> None:
        # "My pair" links to the program's handbook; mentoring sits below this app, so it is handed the
        # part of its page here.
        from tandem.handbook.services import space_link
        from tandem.mentoring import sections

        sections.provide(space_link)
