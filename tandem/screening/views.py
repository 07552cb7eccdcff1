"""Screening pages: the review queue, bulk decisions, the applicant's record, decision e-mails.

Views: access helper (tandem.policy) → form → service (screening.services) → redirect.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem import policy
from tandem.applications.builtins import Builtin
from tandem.applications.models import Application
from tandem.applications.services import InvalidOccupation, InvalidStatusChange
from tandem.applications.services import map_occupation as map_occupation_to_code
from tandem.applications.validators import LANGUAGE_CODE_RE
from tandem.audit import subjects
from tandem.audit.services import log_view
from tandem.programs.models import Program
from tandem.reference.languages import direction, language_name, language_own_name
from tandem.screening import decisions, record, services
from tandem.screening.forms import (
    STAFF_TARGETS,
    BulkStatusForm,
    DecisionTemplateForm,
    NoteForm,
    OccupationMappingForm,
    StatusChangeForm,
)
from tandem.screening.jobs import start_bulk_decision
from tandem.screening.models import DecisionKind, DecisionTemplate
from tandem.screening.queue import QueueFilterForm, filter_applications, queue_page

Status = Application.Status


# --- The queue ---------------------------------------------------------------------------------------


def _queue_url(program: Program, query: str) -> str:
    url = reverse("screening:queue", kwargs={"pk": program.pk})
    return f"{url}?{query}" if query else url


def _queue_filters(program: Program, query: QueryDict) -> QueueFilterForm:
    languages = list(
        Application.objects.filter(program=program)
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )
    return QueueFilterForm(query, languages=languages)


def _render_queue(
    request: HttpRequest, access: policy.ProgramAccess, query: QueryDict, bulk_form: BulkStatusForm | None
):
    program = access.program
    if not access.can_see_people and "q" in query:  # a viewer may not look people up by name
        query = query.copy()
        query.pop("q")
    filters = _queue_filters(program, query)
    page, rows = queue_page(program, filters, query.get("page"))
    if access.can_see_people and rows:  # names on the page: one event for the page, its people as subjects
        log_view(
            "screening.queue_viewed",
            actor=request.user,
            program=program,
            subjects={subjects.APPLICATION: [row.application.pk for row in rows]},
            data={"page": page.number},
            now=timezone.now(),
        )
    keep = query.copy()
    keep.pop("page", None)
    context = {
        "program": program,
        "filters": filters,
        "page": page,
        "rows": rows,
        "query": keep.urlencode(),
        "can_edit": access.can_edit,
        "can_see_people": access.can_see_people,
        "bulk_form": bulk_form or BulkStatusForm(),
        "checked": set(bulk_form.data.getlist("applications")) if bulk_form else set(),
    }
    return render(request, "screening/queue.html", context)


@login_required
@require_http_methods(["GET"])
def queue(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, policy.Access.VIEW)
    return _render_queue(request, access, request.GET, None)


@login_required
@require_POST
def bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the bulk decision as a job (the worker decides, a chunk at a time) and show its progress."""
    access = policy.access_program(request, pk, policy.Access.EDIT)
    program = access.program
    query = QueryDict(request.POST.get("query", ""))
    form = BulkStatusForm(request.POST)
    if not form.is_valid():
        return _render_queue(request, access, query, form)
    if form.cleaned_data["scope"] == BulkStatusForm.ALL:
        # The filter as the queue showed it, read again here: the ids never travel in the form.
        ids = list(filter_applications(program, _queue_filters(program, query)).values_list("pk", flat=True))
    else:
        ticked = set(form.cleaned_data["applications"])
        ids = list(
            Application.objects.filter(program=program, pk__in=ticked)
            .order_by("submitted_at", "id")
            .values_list("pk", flat=True)
        )
    if not ids:
        messages.warning(request, _("No applications match, so nothing was changed."))
        return redirect(_queue_url(program, query.urlencode()))
    if form.cleaned_data["scope"] == BulkStatusForm.ALL and not form.cleaned_data["confirmed"]:
        context = {
            "program": program,
            "form": form,
            "count": len(ids),
            "to_label": Application.Status(form.cleaned_data["to"]).label,
            "query": query.urlencode(),
            "back": _queue_url(program, query.urlencode()),
        }
        return render(request, "screening/bulk_confirm.html", context)
    job = start_bulk_decision(
        program,
        ids,
        form.cleaned_data["to"],
        by=request.user,
        reason=form.cleaned_data["reason"],
        send_email=form.cleaned_data["send_email"],
        query=query.urlencode(),
        now=timezone.now(),
    )
    return redirect("jobs:job", pk=program.pk, job=job.pk)


# --- The applicant's record ----------------------------------------------------------------------------


def _application(
    request: HttpRequest, pk: int, application_id: int, *, edit: bool = False
) -> tuple[Application, policy.ProgramAccess]:
    needed = policy.Access.EDIT if edit else policy.Access.VIEW
    return policy.access_application(request, application_id, needed, program_pk=pk)


def _render_record(
    request: HttpRequest,
    application: Application,
    access: policy.ProgramAccess,
    *,
    can_edit: bool,
    status_form: StatusChangeForm | None = None,
    note_form: NoteForm | None = None,
    mapping_form: OccupationMappingForm | None = None,
) -> HttpResponse:
    searches = {
        column: request.GET.get(f"{column}_query", "")[:100]
        for column in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED)
    }
    context = {
        "program": application.program,
        "application": application,
        "builtin_rows": record.builtin_rows(application),
        "custom_rows": record.custom_rows(
            record.answers_with_questions(application, special=access.sees_special_categories)
        ),
        "screening": record.screening(application),
        "same_email": record.same_email(application),
        "emails": record.emails_to(application),
        "history": application.status_changes.select_related("by"),
        "notes": application.notes.select_related("author"),
        "can_edit": can_edit,
        "status_form": status_form or StatusChangeForm(application=application),
        "can_change_status": bool(application.allowed_statuses() & set(STAFF_TARGETS)),
        "language_name": language_own_name(application.language),
        "note_form": note_form or NoteForm(),
        "own_words": record.own_word_occupations(application, searches),
        "mapping_form": mapping_form,
    }
    return render(request, "screening/record.html", context)


@login_required
@require_http_methods(["GET"])
def application_record(request: HttpRequest, pk: int, application_id: int) -> HttpResponse:
    application, access = _application(request, pk, application_id)
    services.record_viewed(application, by=request.user, now=timezone.now())
    return _render_record(request, application, access, can_edit=access.can_edit)


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int, application_id: int) -> HttpResponse:
    application, access = _application(request, pk, application_id, edit=True)
    form = StatusChangeForm(request.POST, application=application)
    if form.is_valid():
        try:
            services.decide(
                application,
                form.cleaned_data["to"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                send_email=form.cleaned_data["send_email"],
                now=timezone.now(),
            )
        except InvalidStatusChange as error:
            form.add_error("to", str(error))
        else:
            emailed = form.cleaned_data["send_email"] and services.sends_email(application.status)
            messages.success(
                request,
                (
                    _("The status is now “%(status)s” and the applicant gets an e-mail.")
                    if emailed
                    else _("The status is now “%(status)s”.")
                )
                % {"status": application.get_status_display()},
            )
            return redirect("screening:record", pk=pk, application_id=application.pk)
    return _render_record(request, application, access, can_edit=True, status_form=form)


@login_required
@require_POST
def add_note(request: HttpRequest, pk: int, application_id: int) -> HttpResponse:
    application, access = _application(request, pk, application_id, edit=True)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_record(request, application, access, can_edit=True, note_form=form)
    services.add_note(application, by=request.user, text=form.cleaned_data["text"], now=timezone.now())
    messages.success(request, _("The note is saved."))
    return redirect(
        reverse("screening:record", kwargs={"pk": pk, "application_id": application.pk}) + "#notes"
    )


@login_required
@require_POST
def map_occupation(request: HttpRequest, pk: int, application_id: int) -> HttpResponse:
    """Map an occupation the applicant wrote in their own words to its SSYK group (audited)."""
    application, access = _application(request, pk, application_id, edit=True)
    form = OccupationMappingForm(request.POST)
    if form.is_valid():
        try:
            map_occupation_to_code(
                application,
                form.cleaned_data["column"],
                form.cleaned_data["code"],
                by=request.user,
                now=timezone.now(),
            )
        except InvalidOccupation as error:
            form.add_error("code", str(error))
        else:
            messages.success(
                request, _("The occupation is mapped; the requirement profile is checked again.")
            )
            return redirect(
                reverse("screening:record", kwargs={"pk": pk, "application_id": application.pk})
                + "#own-words"
            )
    return _render_record(request, application, access, can_edit=True, mapping_form=form)


@login_required
@require_POST
def duplicate(request: HttpRequest, pk: int, application_id: int) -> HttpResponse:
    """Merge (withdraw this, the newer one) or keep both applications with the same e-mail address."""
    application, access = _application(request, pk, application_id, edit=True)
    action = request.POST.get("action")
    try:
        if action == "merge":
            services.merge_duplicate(application, by=request.user, now=timezone.now())
            messages.success(request, _("Merged: this application is withdrawn; the earlier one is kept."))
        elif action == "keep":
            services.keep_both(application, by=request.user, now=timezone.now())
            messages.success(request, _("Both applications are kept; the duplicate flag is cleared."))
        else:
            messages.error(request, _("Choose whether to merge the applications or keep both."))
    except services.ScreeningError as error:
        messages.error(request, str(error))
    return redirect("screening:record", pk=pk, application_id=application.pk)


# --- Decision e-mails ------------------------------------------------------------------------------------


def _languages(program: Program, added: str) -> list[str]:
    """Our applicant languages, the languages the program has wordings in, and one being added."""
    codes = [code for code, _name in settings.APPLICANT_LANGUAGES]
    extra = set(DecisionTemplate.objects.filter(program=program).values_list("language", flat=True))
    if added and LANGUAGE_CODE_RE.match(added):
        extra.add(added)
    return codes + sorted(extra - set(codes))


@login_required
@require_http_methods(["GET"])
def decision_templates(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, policy.Access.VIEW)
    program = access.program
    added = request.GET.get("language", "").strip().lower()
    languages = _languages(program, added)
    edited = set(DecisionTemplate.objects.filter(program=program).values_list("kind", "language"))
    table = [
        (
            kind,
            [
                {
                    "language": language,
                    "name": language_name(language),
                    "edited": (kind.value, language) in edited,
                    "has_default": decisions.default_wording(kind, language) is not None,
                }
                for language in languages
            ],
        )
        for kind in DecisionKind
    ]
    context = {
        "program": program,
        "languages": [(language, language_name(language)) for language in languages],
        "table": table,
        "can_edit": access.can_edit,
        "added": added,
        "added_is_valid": not added or bool(LANGUAGE_CODE_RE.match(added)),
    }
    return render(request, "screening/decision_templates.html", context)


def _kind_and_language(kind: str, language: str) -> tuple[DecisionKind, str]:
    if kind not in DecisionKind.values or not LANGUAGE_CODE_RE.match(language):
        raise Http404
    return DecisionKind(kind), language


@login_required
@require_http_methods(["GET", "POST"])
def decision_template_edit(request: HttpRequest, pk: int, kind: str, language: str) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    kind, language = _kind_and_language(kind, language)
    texts = decisions.DecisionTexts(program, kind)
    current = texts.wording(language)
    start = current or texts.pick(language)  # a new language starts from the Swedish wording
    form = DecisionTemplateForm(
        request.POST or None, initial={"subject": start.subject, "body": start.body}, language=language
    )
    previewing = request.POST.get("action") == "preview"
    if request.method == "POST" and form.is_valid() and not previewing:
        services.save_decision_template(
            program,
            kind,
            language,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            by=request.user,
            now=timezone.now(),
        )
        messages.success(request, _("The e-mail is saved."))
        return redirect("screening:decision_templates", pk=program.pk)
    if request.method == "POST" and form.is_valid():
        shown = decisions.Wording(form.cleaned_data["subject"], form.cleaned_data["body"], language, True)
    else:
        shown = start
    sample = decisions.sample_values(program)
    context = {
        "program": program,
        "kind": kind,
        "language": language,
        "form": form,
        "edited": current is not None and current.edited,
        "falls_back": current is None,
        "preview_subject": decisions.fill(shown.subject, sample),
        "preview_body": decisions.fill(shown.body, sample),
        "placeholders": decisions.PLACEHOLDERS.items(),
        "language_name": language_name(language),
        "direction": direction(language),
    }
    return render(request, "screening/decision_template_edit.html", context)


@login_required
@require_POST
def decision_template_reset(request: HttpRequest, pk: int, kind: str, language: str) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    kind, language = _kind_and_language(kind, language)
    if services.reset_decision_template(program, kind, language, by=request.user, now=timezone.now()):
        messages.success(request, _("The e-mail is back to the default wording."))
    return redirect("screening:decision_templates", pk=program.pk)
