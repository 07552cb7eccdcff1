from django.apps import AppConfig


class HandbookConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tandem.handbook"
    verbose_name = "Handbook"

    def ready(self) -> None:
        # "My pair" links to the program's handbook and the space's menu has a tab for it; mentoring sits
        # below this app, so it is handed the part of its page and the tab here.
        from tandem.handbook.services import space_link, space_tab
        from tandem.mentoring import sections

        sections.provide(space_link)
        sections.provide_tab(space_tab)
