"""The rule about the mentor's gender is on by default: the default forms ask what it needs, and the
matching settings say when it has no data to work on (issue 13, item 10)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tandem.applications.builtins import Builtin
from tandem.applications.services import create_default_form
from tandem.pairs.tests.people import make_application, make_mentor


def builtins_of(form) -> set[str]:
    return set(form.questions.filter(removed_at__isnull=True).values_list("builtin", flat=True))


def test_the_default_forms_ask_each_side_what_the_gender_rule_needs_optionally(program):
    mentee_form = create_default_form(program, "mentee", now=timezone.now())
    mentor_form = create_default_form(program, "mentor", now=timezone.now())

    assert Builtin.MENTOR_GENDER_WISH in builtins_of(mentee_form)
    assert Builtin.GENDER in builtins_of(mentor_form)
    assert not mentor_form.questions.get(builtin=Builtin.GENDER).required
    assert not mentee_form.questions.get(builtin=Builtin.MENTOR_GENDER_WISH).required


def matching_page(client, program) -> str:
    client.cookies["django_language"] = "en"
    return client.get(reverse("pairs:matching", kwargs={"pk": program.pk})).content.decode()


def test_the_settings_say_when_the_forms_do_not_ask_and_nobody_has_a_wish(client, coordinator, program):
    make_application(program, "mentee", "Amira", "Haddad")
    make_mentor(program, "Eva", "Berg")
    client.force_login(coordinator)

    page = matching_page(client, program)

    assert "does not ask for a wish about the mentor" in page
    assert "does not ask for their gender" in page
    assert "No accepted mentee has a wish about the mentor" in page


def test_the_settings_count_mentors_who_did_not_say_their_gender(client, coordinator, program):
    create_default_form(program, "mentee", now=timezone.now())
    create_default_form(program, "mentor", now=timezone.now())
    make_application(program, "mentee", "Amira", "Haddad", mentor_gender_wish="woman")
    make_mentor(program, "Eva", "Berg", gender="woman")
    make_mentor(program, "Sam", "Ek", gender="")
    client.force_login(coordinator)

    page = matching_page(client, program)

    assert "1 of 2 accepted mentors has not said their gender; the 1 mentees with a wish" in page
    assert "does not ask" not in page


def test_with_the_rule_off_nothing_is_said(client, coordinator, program):
    from tandem.pairs.services import settings_for

    settings = settings_for(program)
    settings.rule_gender_wish = False
    settings.save()
    client.force_login(coordinator)

    assert 'id="gender-rule-notes"' not in matching_page(client, program)
