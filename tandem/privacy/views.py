"""Pages of the life cycle of personal data. Access through tandem.policy: a program's coordinators and
the organisation's admins (partner coordinators and viewers 403, outsiders 404); the record of processing
for the organisation's admins; the withdrawal page for whoever holds the link from an e-mail."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem import policy
from tandem.accounts import contact
from tandem.lib.paging import page_links, page_of
from tandem.privacy import export, record, retention, withdrawal
from tandem.privacy.erasure import ErasureError, erase_person, log_export
from tandem.privacy.forms import EraseForm, ExtendForm, PolicyForm
from tandem.privacy.models import Anonymised, RemovalLog
from tandem.programs.models import Program


@login_required
def retention_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The program's retention periods (editable) and what will be anonymised in the next 30 days."""
    program = policy.access_privacy(request, pk).program
    current = retention.policy_for(program)
    initial = {
        "rejected": current.rejected_months,
        "withdrawn": current.withdrawn_months,
        "participants": current.participant_months,
    }
    form = PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            retention.save_policy(program, **form.cleaned_data, by=request.user, now=timezone.now())
        except retention.RetentionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The retention periods are saved, and the consent texts say so."))
            return redirect("privacy:retention", pk=program.pk)
    now = timezone.now()
    page = page_of(retention.upcoming(program, now=now, policy=current), request.GET.get("page"))
    retention.log_listed(program, [row.application for row in page.object_list], by=request.user, now=now)
    last_runs = RemovalLog.objects.filter(program=program).order_by("-run_at", "kind")[:20]
    return render(
        request,
        "privacy/retention.html",
        {
            "program": program,
            "form": form,
            "page": page,
            "links": page_links(request, page),
            "log": last_runs,
        },
    )


@login_required
def extend(request: HttpRequest, pk: int, application: int) -> HttpResponse:
    person, access = policy.get_person_for_privacy(request, pk, application)
    form = ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            retention.extend_case(person, **form.cleaned_data, by=request.user, now=timezone.now())
        except retention.RetentionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case is kept longer."))
            return redirect("privacy:retention", pk=access.program.pk)
    return render(request, "privacy/extend.html", {"program": access.program, "person": person, "form": form})


@login_required
def export_page(request: HttpRequest, pk: int, application: int) -> HttpResponse:
    """Everything Tandem holds about the person, as a printable page (audited)."""
    person, access = policy.get_person_for_privacy(request, pk, application)
    data = export.export_person(person)
    log_export(person, kind="html", by=request.user, now=timezone.now())
    sections = export.readable_sections(data)
    return render(
        request,
        "privacy/export.html",
        {"program": access.program, "person": person, "data": data, "sections": sections},
    )


@login_required
def export_json(request: HttpRequest, pk: int, application: int) -> HttpResponse:
    person, _access = policy.get_person_for_privacy(request, pk, application)
    data = export.export_person(person)
    log_export(person, kind="json", by=request.user, now=timezone.now())
    response = HttpResponse(export.as_json(data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person.reference}.json"'
    return response


@login_required
def export_zip(request: HttpRequest, pk: int, application: int) -> HttpResponse:
    person, _access = policy.get_person_for_privacy(request, pk, application)
    data = export.export_person(person)
    log_export(person, kind="zip", by=request.user, now=timezone.now())
    response = HttpResponse(export.as_zip(person, data), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{person.reference}.zip"'
    return response


@login_required
def erase(request: HttpRequest, pk: int, application: int) -> HttpResponse:
    """Erasure on request: a confirmation step with a reason, then anonymisation at once."""
    person, access = policy.get_person_for_privacy(request, pk, application)
    done = Anonymised.objects.filter(application=person).first()
    form = EraseForm(request.POST or None)
    if request.method == "POST" and done is None and form.is_valid():
        try:
            erase_person(person, reason=form.cleaned_data["reason"], by=request.user, now=timezone.now())
        except ErasureError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The person's data is erased."))
            return redirect("privacy:erase", pk=access.program.pk, application=person.pk)
    return render(
        request,
        "privacy/erase.html",
        {"program": access.program, "person": person, "form": form, "done": done},
    )


@login_required
def record_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The record of processing for the organisation's DPO (admins only), printable."""
    organisation = policy.get_organisation_for_admin(request, pk)
    records, admins = record.records_for(organisation)
    return render(
        request,
        "privacy/record.html",
        {
            "organisation": organisation,
            "records": records,
            "admins": admins,
            "categories": record.categories(),
            "working_days": retention.WORKING_DATA_DAYS,
        },
    )


def forget(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every e-mail to an applicant or participant: confirm (or keep the data), then withdraw
    and be forgotten. An expired link changes nothing and says whom to ask."""
    found = withdrawal.read_token(token)
    if found is None:
        raise Http404
    people = withdrawal.applications_of(found.program_id, found.key)
    language = (
        people[0].language if people else (request.GET.get("lang") or translation.get_language() or "sv")
    )
    if language not in ("sv", "en", "ar"):
        language = "sv"
    done = request.GET.get("done") == "1"
    kept = request.GET.get("kept") == "1"
    with translation.override(language):
        if request.method == "POST" and people and not found.expired:
            withdrawal.withdraw_and_forget(people, now=timezone.now())
            return redirect(f"{request.path}?done=1&lang={language}")
        program = people[0].program if people else Program.objects.filter(pk=found.program_id).first()
        organisation = program.organisation if program else None
        response = render(
            request,
            "privacy/forget.html",
            {
                "people": people,
                "program": program,
                "organisation": organisation,
                "contact_email": contact.contact_email(organisation) if organisation else "",
                "participant": bool(people) and withdrawal.is_participant(people),
                "expired": found.expired,
                "kept": kept,
                "days": settings.WITHDRAWAL_LINK_DAYS,
                "done": done,
                "language_links": [],
            },
        )
    response.headers["Content-Language"] = language
    return response
