"""On site, identified: a person picks their name from the round's list and answers as themself. The list
is on a shared screen or a phone passed around, so it holds only the first name and the initial of the
last, only of those who have not answered; two people with the same short name type their code instead."""

from __future__ import annotations

from django.urls import reverse

from tandem.followup import rounds, services
from tandem.followup.models import Answer, Invitation, Response
from tandem.followup.tests.helpers import answer_all, page_data
from tandem.mentoring import services as mentoring_services
from tandem.mentoring.tests.people import active_pair
from tandem.programs.models import Goal


def start_url(round_) -> str:
    return reverse("survey:onsite_start", kwargs={"code": round_.short_code})


def answer_url(round_) -> str:
    return reverse("survey:onsite_answer", kwargs={"code": round_.short_code})


def test_a_short_name_is_the_first_name_and_the_initial_of_the_last():
    assert services.short_name("Amira", "Haddad") == "Amira H."
    assert services.short_name(" Anna ", "de la Cruz") == "Anna d."
    assert services.short_name("Eva", "") == "Eva"
    assert services.short_name("", "Ek") == "E."
    assert services.short_name("", "") == ""


def test_the_list_shows_short_names_of_those_who_have_not_answered_in_one_query(
    client, round_, amira, now, django_assert_num_queries
):
    answer_all(amira, now=now)  # Amira answered by her e-mail link: no longer in the list
    with django_assert_num_queries(1):
        names = services.names_to_pick(round_)
    assert [name for _pk, name in names] == ["Bashir R.", "Eva B.", "Johan E."]
    text = client.get(start_url(round_)).content.decode()
    assert "Bashir R." in text and "Eva B." in text and "Johan E." in text
    assert "Amira" not in text
    assert not any(last in text for last in ("Haddad", "Berg", "Rahimi", "Ek<"))


def test_a_person_picks_their_name_and_answers_as_themself(client, round_, amira, program):
    goal = Goal.objects.get(program=program)
    picked = client.post(start_url(round_), {"invitation": str(amira.pk)})
    assert picked.status_code == 302 and picked["Location"] == answer_url(round_)
    first = client.get(answer_url(round_))
    assert first["Content-Language"] == "ar" and "Amira" in first.content.decode()
    client.post(answer_url(round_), page_data(amira, 1, q_how_often="0", q_useful="4"))
    second = client.get(answer_url(round_) + "?page=2").content.decode()
    # a name picked from a list proves nothing: the pair's own goals only behind the personal code
    assert f"q_goals__g{goal.pk}" in second and "Bli legitimerad sjuksköterska" not in second
    client.post(answer_url(round_), page_data(amira, 2, **{f"q_goals__g{goal.pk}": "3"}))
    done = client.post(answer_url(round_), page_data(amira, 3, "send", q_comment="Bra"))
    assert done.status_code == 302
    response = Response.objects.get(invitation=amira)
    amira.refresh_from_db()
    assert response.channel == "on_site" and response.role == "mentee" and response.is_complete
    assert amira.answered_at is not None and response.entered_by is None
    assert Answer.objects.filter(response=response).count() == 4

    # the same phone passed on: Bashir picks his name and his answers are his own
    bashir = Invitation.objects.get(round=round_, name="Bashir Rahimi")
    assert "Amira" not in client.get(start_url(round_)).content.decode()
    client.post(start_url(round_), {"invitation": str(bashir.pk)})
    client.post(answer_url(round_), page_data(bashir, 1, "later", q_how_often="1", q_useful="2"))
    theirs = Response.objects.get(invitation=bashir)
    assert theirs.channel == "on_site" and not theirs.is_complete
    assert Answer.objects.filter(response=response).count() == 4  # Amira's response untouched

    # a list left open on another phone still offers Amira: picking her makes no second response
    again = client.post(start_url(round_), {"invitation": str(amira.pk)})
    assert again.status_code == 200 and "invitation" in again.context["form"].errors
    assert Response.objects.filter(invitation=amira).count() == 1


def test_a_name_not_in_this_rounds_list_is_refused(client, round_, amira, eva):
    round_.on_site = "anonymous"  # an anonymous round has no list at all
    round_.save()
    assert "Eva B." not in client.get(start_url(round_)).content.decode()
    round_.on_site = "identified"
    round_.save()
    refused = client.post(start_url(round_), {"invitation": "999999"})
    assert refused.status_code == 200 and not Response.objects.exists()
    assert client.get(answer_url(round_)).status_code == 302  # nobody chosen: back to the start


def test_two_people_with_the_same_short_name_type_their_code_instead(client, round_, program, now, eva):
    other = active_pair(program, ("Omar", "Ali"), ("Eva", "Bergström"), now=now)
    mentoring_services.open_mentorship(other, now=now)
    rounds.open_round(round_, now=now)  # the new pair is invited too
    second = Invitation.objects.get(round=round_, application=other.mentor)
    names = [name for _pk, name in services.names_to_pick(round_)]
    assert "Eva B." not in names and "Omar A." in names
    page = client.get(start_url(round_)).content.decode()
    assert "Eva B." not in page
    for invitation in (eva, second):
        client.cookies.clear()
        assert client.post(start_url(round_), {"code": invitation.code}).status_code == 302
        client.post(answer_url(round_), page_data(invitation, 1, "later", q_how_often="0", q_useful="5"))
    assert set(Response.objects.values_list("invitation_id", flat=True)) == {eva.pk, second.pk}
