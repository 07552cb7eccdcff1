"""A participant answers a common meeting from inside their space: yes / no / maybe with a note, through
the same service as the e-mail's link (`services.answer_invitation`), in the space's language and look,
without JavaScript. Only their own invitations, to meetings of the pair's program
(`policy.get_invitation_for_participant`); anything else is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem import policy
from tandem.gatherings import services
from tandem.gatherings.forms import AnswerForm
from tandem.gatherings.models import Invitation
from tandem.mentoring.signin import participant_required


def thanks(answer: str) -> str:
    """What the person reads after answering (the answer page by link says the same)."""
    if answer == Invitation.Answer.YES:
        return _("Thank you! We have noted that you are coming.")
    if answer == Invitation.Answer.NO:
        return _("Thank you for letting us know that you cannot come.")
    return _("Thank you! We have noted that you might come.")


@participant_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int, invitation: int) -> HttpResponse:
    space, found = policy.get_invitation_for_participant(request, pk, invitation)
    now = timezone.now()
    state = services.answer_state(found.gathering, now)
    form = AnswerForm(request.POST or None, initial={"answer": found.answer, "note": found.note})
    if request.method == "POST" and state == "open" and form.is_valid():
        try:
            services.answer_invitation(
                found, answer=form.cleaned_data["answer"], note=form.cleaned_data["note"], now=now
            )
        except services.GatheringClosed:  # cancelled or over since the page was opened
            state = services.answer_state(found.gathering, now)
        else:
            until = _("You can change your answer here until the meeting.")
            messages.success(request, f"{thanks(form.cleaned_data['answer'])} {until}")
            return redirect("space_meetings:answer", pk=pk, invitation=found.pk)
    context = {
        "space": space,
        "mentorship": space.mentorship,
        "program": space.mentorship.pair.program,
        "side": space.side,
        "active": "pair",
        "invitation": found,
        "gathering": found.gathering,
        "state": state,
        "form": form,
    }
    status = 410 if state != "open" and request.method == "POST" else 200
    return render(request, "gatherings/space_answer.html", context, status=status)
