"""Load (or reuse) Tandem's demo: an organisation, a partner, a working group and two programs."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tandem.demo.services import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create the demo data once; running it again reuses what is there."

    def handle(self, *args, **options) -> None:
        result = load_demo()
        verb = "Created" if result.created else "Reused"
        self.stdout.write(f"{verb} the demo organisation '{result.organisation.name}'.")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in result.logins:
            self.stdout.write(f"  {role:<28} {email}")
