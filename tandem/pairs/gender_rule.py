"""Whether the rule "respect the wish about the mentor's gender" has anything to work on (issue 13, item
10). The rule is on by default; it needs the mentees' wish and the mentors' gender. The default forms ask
both (optional, with "I do not want to say"), but a coordinator may remove the questions, and people may
leave them empty: the matching settings say so, in plain words."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.applications.builtins import Builtin
from tandem.applications.models import Application, Question
from tandem.programs.models import Program
from tandem.reference.choices import Role

WISHES = ("woman", "man")


def gender_rule_notes(program: Program) -> list[str]:
    """What the coordinator should know about the gender rule's data: questions missing from the forms, no
    mentee with a wish, mentors who did not say their gender. Two queries."""
    notes = []
    asked = set(
        Question.objects.filter(
            form__program=program,
            removed_at__isnull=True,
            builtin__in=[Builtin.GENDER, Builtin.MENTOR_GENDER_WISH],
        ).values_list("form__role", "builtin")
    )
    if (Role.MENTEE, Builtin.MENTOR_GENDER_WISH) not in asked:
        notes.append(
            _(
                "The mentees' application form does not ask for a wish about the mentor's gender, so the "
                "rule has nothing to work on. Add the question to the form, or switch the rule off."
            )
        )
    if (Role.MENTOR, Builtin.GENDER) not in asked:
        notes.append(
            _(
                "The mentors' application form does not ask for their gender: mentees who wish for a woman "
                "or a man as mentor can be paired only with mentors whose gender is known. Add the question "
                "to the form, or switch the rule off."
            )
        )
    mentee, mentor = Q(role=Role.MENTEE), Q(role=Role.MENTOR)
    counts = (
        Application.objects.filter(program=program, status=Application.Status.ACCEPTED)
        .order_by()
        .aggregate(
            mentees=Count("id", filter=mentee),
            wishing=Count("id", filter=mentee & Q(mentor_gender_wish__in=WISHES)),
            mentors=Count("id", filter=mentor),
            unsaid=Count("id", filter=mentor & Q(gender="")),
        )
    )
    mentees = {"all": counts["mentees"], "wishing": counts["wishing"]}
    mentors = {"all": counts["mentors"], "unsaid": counts["unsaid"]}
    if mentees["all"] and not mentees["wishing"]:
        notes.append(_("No accepted mentee has a wish about the mentor's gender: the rule changes nothing."))
    if mentees["wishing"] and mentors["unsaid"]:
        notes.append(
            ngettext(
                "%(unsaid)s of %(all)s accepted mentors has not said their gender; the %(wishing)s mentees "
                "with a wish are not paired with them.",
                "%(unsaid)s of %(all)s accepted mentors have not said their gender; the %(wishing)s mentees "
                "with a wish are not paired with them.",
                mentors["unsaid"],
            )
            % {"unsaid": mentors["unsaid"], "all": mentors["all"], "wishing": mentees["wishing"]}
        )
    return notes
