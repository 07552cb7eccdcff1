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
        from tandem.requirements import jobs  # noqa: F401  registers the job kind "requirements.reevaluate"
