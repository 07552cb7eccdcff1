"""The invitee's answer page behind the links in the invitation: yes / no / maybe with a note.

No login: the random token in the link is the key, one per person and meeting. The page speaks the
invitee's language (Arabic right to left), works without JavaScript, and says politely when the meeting
is cancelled or over. The e-mail's yes/no/maybe links open the page with that answer chosen; only the
form's POST records it (mail scanners follow links).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from tandem.gatherings import services
from tandem.gatherings.emails import language_of
from tandem.gatherings.forms import AnswerForm
from tandem.gatherings.models import Invitation


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.select_related("gathering__program").filter(token=token).first()
    if invitation is None:
        return render(request, "gatherings/rsvp.html", {"state": "unknown"}, status=404)
    language = language_of(invitation)
    with translation.override(language):
        response = _answer(request, invitation)
    response.headers["Content-Language"] = language
    return response


def _answer(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    now = timezone.now()
    state = services.answer_state(invitation.gathering, now)
    chosen = request.GET.get("answer", "")
    initial = {
        "answer": chosen if chosen in Invitation.Answer.values else invitation.answer,
        "note": invitation.note,
    }
    form = AnswerForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and state == "open" and form.is_valid():
        try:
            services.answer_invitation(
                invitation, answer=form.cleaned_data["answer"], note=form.cleaned_data["note"], now=now
            )
        except services.GatheringClosed:
            state = services.answer_state(invitation.gathering, now)
        else:
            return redirect(f"{request.path}?saved=1")
    if request.GET.get("saved"):
        saved = True
    gathering = invitation.gathering
    context = {
        "state": state,
        "invitation": invitation,
        "gathering": gathering,
        "program": gathering.program,
        "form": form,
        "saved": saved,
        "first_name": invitation.name.split(" ")[0],
    }
    status = 410 if state in ("cancelled", "over") and request.method == "POST" else 200
    return render(request, "gatherings/rsvp.html", context, status=status)
