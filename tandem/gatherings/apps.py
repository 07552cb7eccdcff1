from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "tandem.gatherings"
    verbose_name = _("Common meetings")

    def ready(self) -> None:
        # The participant's space lists the common meetings a person is invited to; mentoring sits below
        # this app, so it is handed the part of its page here.
        from tandem.gatherings.services import schedule_for, space_section
        from tandem.mentoring import sections

        sections.provide(space_section)
        sections.provide_schedule(schedule_for)

        from tandem.gatherings import audit_subjects

        audit_subjects.register()  # the audit log finds and shows invited people through it
