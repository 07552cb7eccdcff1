"""A place in the next cohort for the waitlisted applicants of the program it was copied from (issue 13,
item 4). The coordinator chooses to invite them; each gets an e-mail in their language with a link; who
accepts gets an application in the new program made from their old answers, with a fresh consent to the
new program's text. Nobody is moved silently: without an answer nothing happens."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet

from tandem.applications import emails
from tandem.applications.builtins import Builtin
from tandem.applications.models import Answer, Application, ApplicationForm, ConsentText, PlaceOffer
from tandem.applications.services import FormClosed, Submission, form_availability, submit_application
from tandem.audit.services import log_action
from tandem.outbox.services import queue_prepared
from tandem.programs.models import Program


class OfferError(ValueError):
    pass


def waitlisted_to_offer(program: Program) -> QuerySet[Application]:
    """The waitlisted applicants of the program this one was copied from who have no offer yet, for a role
    this program has a form for."""
    if program.copied_from_id is None:
        return Application.objects.none()
    roles = ApplicationForm.objects.filter(program=program).values("role")
    return (
        Application.objects.filter(
            program_id=program.copied_from_id, status=Application.Status.WAITLISTED, role__in=roles
        )
        .exclude(place_offers__program=program)
        .select_related("program")
        .order_by("id")
    )


def offer_places(program: Program, *, by, now: datetime, limit: int | None = None) -> int:
    """Offer the waitlisted applicants of the earlier cohort a place (at most `limit` of them: the worker's
    chunk): one offer and one e-mail each, stored all at once. Recruitment must be open, so that the link
    leads to an open form. Those already offered are skipped, so running it again is safe."""
    forms = {form.role: form for form in ApplicationForm.objects.filter(program=program)}
    if not any(form_availability(form, now=now).is_open for form in forms.values()):
        raise OfferError("The new program's application form is not open")
    open_roles = {role for role, form in forms.items() if form_availability(form, now=now).is_open}
    waitlisted = list(waitlisted_to_offer(program).filter(role__in=open_roles)[:limit])
    offers = [PlaceOffer(application=a, program=program, created_by=by, created_at=now) for a in waitlisted]
    messages = [emails.prepare_place_offer(offer) for offer in offers]
    with transaction.atomic():
        PlaceOffer.objects.bulk_create(offers)
        queue_prepared(messages)
        log_action(
            "program.places_offered",
            actor=by,
            program=program,
            data={"offers": len(offers), "from_program": program.copied_from_id},
            now=now,
        )
    return len(offers)


def submission_from(offer: PlaceOffer, form: ApplicationForm, consent: ConsentText) -> Submission:
    """The old application's answers to the questions the new form asks: built-in ones by their column,
    custom ones through the question they were copied from."""
    old = offer.application
    questions = list(form.questions.filter(removed_at__isnull=True))
    values = {
        q.builtin: getattr(old, q.builtin)
        for q in questions
        if q.builtin and q.builtin != Builtin.CV and hasattr(old, q.builtin)
    }
    values.update({"first_name": old.first_name, "last_name": old.last_name, "email": old.email})
    old_answers = dict(Answer.objects.filter(application=old).values_list("question_id", "value"))
    answers = {
        q.pk: old_answers[q.copied_from_id]
        for q in questions
        if not q.builtin and q.copied_from_id in old_answers
    }
    return Submission(language=old.language, values=values, answers=answers, consent=consent)


def accept_offer(offer: PlaceOffer, *, consent: ConsentText, now: datetime) -> Application:
    """Make the application in the new program, once (a second click returns the first). Raises FormClosed
    when the new form no longer takes applications."""
    with transaction.atomic():
        offer = PlaceOffer.objects.select_for_update().select_related("application").get(pk=offer.pk)
        if offer.new_application_id is not None:
            return Application.objects.get(pk=offer.new_application_id)
        form = ApplicationForm.objects.get(program_id=offer.program_id, role=offer.application.role)
        application = submit_application(
            form, submission_from(offer, form, consent), token=secrets.token_urlsafe(24), now=now
        )
        offer.accepted_at, offer.new_application = now, application
        offer.save(update_fields=["accepted_at", "new_application"])
        log_action(
            "application.place_offer_accepted",
            program=form.program,
            target=application,
            data={"from_application": offer.application_id},
            now=now,
        )
    return application


__all__ = ["FormClosed", "OfferError", "accept_offer", "offer_places", "waitlisted_to_offer"]
