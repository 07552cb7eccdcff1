"""accounts' worker jobs."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from tandem.accounts.forms import PasswordResetForm


@db_task()
def send_password_reset_link(email: str) -> None:
    """Look the address up and send the link if it has an account: in the worker, so that the page
    answers in the same time whether or not it has one."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override="tandem")  # our e-mail builds the link from SITE_URL
