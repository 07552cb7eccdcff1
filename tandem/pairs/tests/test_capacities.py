"""How many mentees a mentor takes: the coordinator's figure if set, else the mentor's own answer on the
application form, else 1; the capacities page says where each figure came from."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import EN
from tandem.pairs import services
from tandem.pairs.engine_input import load_cohort
from tandem.pairs.models import MentorCapacity
from tandem.pairs.tests.people import make_application, make_mentor

pytestmark = pytest.mark.django_db

RULES = {"exclusions": True, "same_employer": True, "gender_wish": True, "meeting_format": False}


def capacities(program) -> dict[str, int]:
    return {m.id: m.capacity for m in load_cohort(program, weights={}, rules=RULES).mentors}


def test_the_mentors_answer_reaches_the_engine_and_the_coordinators_figure_wins(program):
    answered = make_mentor(program, "Karin", "Holm", mentee_capacity=2)
    silent = make_mentor(program, "Lars", "Berg")
    lowered = make_mentor(program, "Maria", "Ek", mentee_capacity=3, capacity=2)
    raised = make_mentor(program, "Nils", "Ås", capacity=3)
    make_application(program, "mentee", "Ali", "Hassan")

    assert capacities(program) == {
        str(answered.pk): 2,  # the mentor's own answer
        str(silent.pk): 1,  # no answer: one
        str(lowered.pk): 2,  # the coordinator's figure, not the mentor's three
        str(raised.pk): 3,
    }


def test_a_mentor_who_offered_two_places_gets_two_mentees(program, cohort, coordinator, now):
    cohort["johan"].mentee_capacity = 2
    cohort["johan"].save()
    run = services.start_run(program, by=coordinator, now=now)
    assert run.capacities[str(cohort["johan"].pk)] == 2
    assert run.matched_count == 4  # Fatima, left out with one place each, gets Johan's second place


def test_the_page_says_where_each_figure_came_from(client, coordinator, program):
    answered = make_mentor(program, "Karin", "Holm", mentee_capacity=2)
    silent = make_mentor(program, "Lars", "Berg")
    changed = make_mentor(program, "Maria", "Ek", mentee_capacity=3)
    MentorCapacity.objects.create(mentor=changed, capacity=1)
    changed_silent = make_mentor(program, "Nils", "Ås", capacity=2)
    client.force_login(coordinator)

    response = client.get(reverse("pairs:capacities", kwargs={"pk": program.pk}), **EN)

    form = response.context["form"]
    initial = {mentor.first_name: form[f"capacity_{mentor.pk}"].value() for mentor in form.mentors}
    assert initial == {"Karin": 2, "Lars": 1, "Maria": 1, "Nils": 2}
    help_texts = {m.first_name: str(form.fields[f"capacity_{m.pk}"].help_text) for m in form.mentors}
    assert help_texts == {
        "Karin": "Set by the mentor in the application.",
        "Lars": "The mentor did not say, so 1 by default.",
        "Maria": "Changed by the coordinator. The mentor said 3.",
        "Nils": "Changed by the coordinator. The mentor did not say.",
    }
    page = response.content.decode()
    for mentor in (answered, silent, changed, changed_silent):
        assert f'aria-describedby="id_capacity_{mentor.pk}_helptext"' in page
    assert "Changed by the coordinator. The mentor said 3." in page


def test_a_changed_figure_is_the_coordinators_and_the_mentors_own_figure_undoes_it(
    client, coordinator, program
):
    karin = make_mentor(program, "Karin", "Holm", mentee_capacity=2)
    lars = make_mentor(program, "Lars", "Berg")
    maria = make_mentor(program, "Maria", "Ek", mentee_capacity=3)
    MentorCapacity.objects.create(mentor=maria, capacity=1)
    client.force_login(coordinator)
    url = reverse("pairs:capacities", kwargs={"pk": program.pk})

    # Saving the page as it is sets nothing: every figure stays where it came from.
    client.post(url, {f"capacity_{karin.pk}": "2", f"capacity_{lars.pk}": "1", f"capacity_{maria.pk}": "1"})
    assert dict(MentorCapacity.objects.values_list("mentor__first_name", "capacity")) == {"Maria": 1}

    # Karin is lowered to one, Lars raised to two, and Maria gets her own three back.
    client.post(url, {f"capacity_{karin.pk}": "1", f"capacity_{lars.pk}": "2", f"capacity_{maria.pk}": "3"})
    assert dict(MentorCapacity.objects.values_list("mentor__first_name", "capacity")) == {
        "Karin": 1,
        "Lars": 2,
    }
    assert capacities(program) == {str(karin.pk): 1, str(lars.pk): 2, str(maria.pk): 3}
    event = AuditEvent.objects.filter(action="matching.capacities_changed").latest("id")
    assert event.data == {
        "capacities": {str(karin.pk): 1, str(lars.pk): 2, str(maria.pk): 3},
        "set_by_coordinator": sorted([karin.pk, lars.pk]),
    }

    page = client.get(url, **EN).content.decode()
    assert "Changed by the coordinator. The mentor said 2." in page  # Karin
    assert "Changed by the coordinator. The mentor did not say." in page  # Lars
    assert "Set by the mentor in the application." in page  # Maria
