from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "tandem.applications"

    def ready(self) -> None:
        # The requirement profile sits below this app, so it cannot import the applications it is checked
        # against: its editor counts and re-checks them through the pool handed to it here.
        from tandem.applications.rechecks import Applications
        from tandem.requirements import applicants

        applicants.provide(Applications())
        from tandem.applications import (
            audit_subjects,
            offers_job,  # noqa: F401  registers "applications.place_offers"
            reevaluation_job,  # noqa: F401  registers "requirements.reevaluate"
        )
        from tandem.applications.copying import copy_forms
        from tandem.programs.copying import add_copier

        add_copier(copy_forms)  # the copy for the next cohort carries the forms
        audit_subjects.register()  # the audit log finds and shows applicants through it
