from django.apps import AppConfig


class RequirementsConfig(AppConfig):
    name = "tandem.requirements"

    def ready(self) -> None:
        # The program overview's readiness checklist asks every app for its checks; ours is the
        # requirement profile, without which recruitment cannot open.
        from tandem.programs.readiness import CHECKS
        from tandem.requirements.readiness import requirement_profile_check

        if requirement_profile_check not in CHECKS:
            CHECKS.append(requirement_profile_check)
        from tandem.programs.copying import add_copier
        from tandem.requirements.copying import copy_profiles

        add_copier(copy_profiles)  # the copy for the next cohort carries the requirement profiles
