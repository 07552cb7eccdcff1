"""Load (or reuse) Tandem's demo: an organisation, a partner, a working group and two programs."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from tandem.demo.services import DEMO_PASSWORD, load_demo
from tandem.mentoring.signin import space_link_for_application


class Command(BaseCommand):
    help = "Create the demo data once; running it again reuses what is there."

    def handle(self, *args, **options) -> None:
        result = load_demo()
        verb = "Created" if result.created else "Reused"
        self.stdout.write(f"{verb} the demo organisation '{result.organisation.name}'.")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in result.logins:
            self.stdout.write(f"  {role:<28} {email}")
        self.stdout.write(
            "  (Demo accounts need no second factor. Real organisation admins and coordinators set up an\n"
            "   authenticator app at their first log-in; invite a colleague as an admin to try it.)"
        )
        if settings.DEBUG and result.space is not None:
            # Ready sign-in links to the pair's space (each works once, for 72 hours).
            now = timezone.now()
            self.stdout.write("Try the pair's space (each link works once):")
            for who, application in [
                ("mentee, Swedish", result.space.swedish_mentee),
                ("mentee, Arabic", result.space.arabic_mentee),
                ("mentor", result.space.mentor),
            ]:
                self.stdout.write(f"  {who:<28} {space_link_for_application(application, now)}")
