"""The recruitment fixtures (published forms for the cast's program, a clean slate per test) are the
applications app's: intake enters applications into the same forms."""

from tandem.applications.tests.conftest import mentee_form, mentor_form, private_files

__all__ = ["mentee_form", "mentor_form", "private_files"]
