"""Staff pages for applications that do not come through the web form: paper, interview, import.

Views: access helper (tandem.policy) → form → service → redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem import policy
from tandem.applications.models import ApplicationForm
from tandem.applications.services import (
    Availability,
    FormClosed,
    current_consent,
    form_languages,
    staff_entry_state,
)
from tandem.audit.services import log_action
from tandem.intake import tables, tasks
from tandem.intake.answers import active_questions
from tandem.intake.columns import guess_mapping, targets_for
from tandem.intake.forms import InterviewEntryForm, MappingForm, PaperEntryForm, UploadForm
from tandem.intake.imports import consent_statement
from tandem.intake.interview import register_interview
from tandem.intake.models import ImportJob, UploadReading
from tandem.intake.paper import enter_paper_application, paper_form_pdf
from tandem.intake.template_files import template_csv, template_xlsx
from tandem.programs.models import Program
from tandem.reference.choices import Role
from tandem.reference.languages import language_own_name


def _staff_language() -> str:
    return (get_language() or "sv").split("-")[0]


def _forms(program: Program) -> list[ApplicationForm]:
    return list(ApplicationForm.objects.filter(program=program).order_by("-role"))  # mentees first


def _form_for_role(program: Program, role: str | None) -> ApplicationForm:
    """The program's form for `role` (mentees by default); 404 when the program has no such form."""
    role = role or Role.MENTEE
    if role not in Role.values:
        raise Http404
    form = ApplicationForm.objects.filter(program=program, role=role).first()
    if form is None:
        raise Http404
    form.program = program
    return form


def _languages(form: ApplicationForm) -> list[tuple[str, str]]:
    return [(code, language_own_name(code)) for code in form_languages(form)]


def closed_message(availability: Availability) -> str:
    reasons = {
        "unpublished": _(
            "The application form is not published, so it takes no applications. Publish it first."
        ),
        "not_yet_open": _("The application form has not opened yet, so it takes no applications."),
        "closed": _("The application form has closed, so it takes no more applications."),
        "full": _("The application form has reached its most applications, so it takes no more."),
    }
    return reasons.get(availability.reason, reasons["closed"])


def job_error_message(code: str) -> str:
    """Why an import job failed, in the reader's language (the job stores only the code)."""
    Error = ImportJob.Error
    if not code:
        return ""
    messages_by_code = {
        Error.INTERRUPTED: _("The import was interrupted; nothing was imported. Start it again."),
        Error.FILE_GONE: _(
            "The file is no longer here (files are kept for a day); nothing was imported. Upload it again."
        ),
        Error.UNREADABLE: _("The file could not be read; nothing was imported. Save it again and upload it."),
        Error.UNPUBLISHED: _(
            "The application form is not published, so it takes no applications; nothing was imported. "
            "Publish it, then start the import again."
        ),
        Error.NO_ROWS: _("The file has no rows of applicants; nothing was imported."),
    }
    return messages_by_code.get(
        code,
        _(
            "Something went wrong; nothing was imported. Start again, and tell your administrator if it "
            "happens again."
        ),
    )


@login_required
@require_GET
def intake_home(request: HttpRequest, pk: int) -> HttpResponse:
    """Every way in besides the web form, per role: printable forms, typing in, interviews, import."""
    access = policy.access_program(request, pk, policy.Access.VIEW)
    program = access.program
    forms = [(form, _languages(form)) for form in _forms(program)]
    can_edit = access.can_edit
    return render(request, "intake/home.html", {"program": program, "forms": forms, "can_edit": can_edit})


@login_required
@require_GET
def paper_pdf(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    program = policy.get_program_for_view(request, pk)
    form = _form_for_role(program, role)
    language = request.GET.get("lang", "sv")
    if language not in form_languages(form):
        raise Http404
    pdf = paper_form_pdf(form, active_questions(form), language)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{slugify(program.name) or 'program'}-{form.role}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _entry_page(request: HttpRequest, pk: int, form_class, template: str, save) -> HttpResponse:
    """The paper and interview pages work alike: every question, a few fields of their own, one service."""
    program = policy.get_program_for_edit(request, pk)
    form = _form_for_role(program, request.GET.get("role"))
    questions = active_questions(form)
    language = _staff_language()
    entry_class = form_class.for_questions(questions, language)
    entry = entry_class(
        request.POST or None,
        request.FILES or None,
        languages=_languages(form),
        staff_language=language,
        initial={"language": "sv", "signed_on": timezone.localdate(), "held_on": timezone.localdate()},
    )
    if request.method == "POST" and not entry.searching() and entry.is_valid():
        try:
            application = save(form, questions, entry)
        except FormClosed as closed:
            entry.add_error(None, closed_message(closed.availability))
        else:
            messages.success(
                request,
                format_html(
                    '{} <a class="alert-link" href="{}">{}</a>',
                    _("Saved. The application has the reference number %(reference)s.")
                    % {"reference": application.reference},
                    reverse("screening:record", args=[program.pk, application.pk]),
                    _("Open the application"),
                ),
            )
            return redirect(f"{request.path}?role={form.role}")
    consent = current_consent(form, entry["language"].value() or "sv")
    context = {
        "program": program,
        "form_obj": form,
        "entry": entry,
        "consent": consent,
        "other_forms": _forms(program),
        "form_state": staff_entry_state(form, now=timezone.now()),
    }
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    def save(form, questions, entry):
        return enter_paper_application(
            form,
            questions,
            entry.answers(),
            language=entry.cleaned_data["language"],
            signed_on=entry.cleaned_data["signed_on"],
            cv=entry.cleaned_data.get("cv"),
            by=request.user,
            now=timezone.now(),
        )

    return _entry_page(request, pk, PaperEntryForm, "intake/paper_entry.html", save)


@login_required
@require_http_methods(["GET", "POST"])
def interview_entry(request: HttpRequest, pk: int) -> HttpResponse:
    def save(form, questions, entry):
        application, _record = register_interview(
            form,
            questions,
            entry.answers(),
            language=entry.cleaned_data["language"],
            held_on=entry.cleaned_data["held_on"],
            notes=entry.cleaned_data["notes"],
            by=request.user,
            now=timezone.now(),
        )
        return application

    return _entry_page(request, pk, InterviewEntryForm, "intake/interview_entry.html", save)


# --- Import --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: choose the role and upload the file; it is checked for its kind, size and rows."""
    program = policy.get_program_for_edit(request, pk)
    forms = _forms(program)
    upload_form = UploadForm(
        request.POST or None,
        request.FILES or None,
        roles=[(form.role, form.get_role_display()) for form in forms],
        initial={"role": request.GET.get("role")},
    )
    if request.method == "POST" and upload_form.is_valid():
        tables.purge_stale_uploads(now=timezone.now())
        token = tables.store_upload(
            upload_form.cleaned_data["file"],
            program_id=program.pk,
            role=upload_form.cleaned_data["role"],
            kind=upload_form.kind,
        )
        tasks.start_reading(program, token, language=_staff_language(), by=request.user, now=timezone.now())
        return redirect("intake:import_check", pk=program.pk, token=token)
    context = {
        "program": program,
        "upload_form": upload_form,
        "forms": forms,
        "recent_jobs": [
            (job, job.is_interrupted(timezone.now())) for job in ImportJob.objects.filter(program=program)[:5]
        ],
    }
    return render(request, "intake/import_start.html", context)


@login_required
@require_GET
def import_template(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    """The template file: the form's headings in the staff member's language and one example row."""
    program = policy.get_program_for_view(request, pk)
    form = _form_for_role(program, request.GET.get("role"))
    language = _staff_language()
    targets = targets_for(active_questions(form), language)
    name = f"{slugify(program.name) or 'program'}-{form.role}-{_('template')}"
    if ext == "csv":
        response = HttpResponse(
            template_csv(targets, form.role, language), content_type="text/csv; charset=utf-8"
        )
    elif ext == "xlsx":
        response = HttpResponse(
            template_xlsx(targets, form.role, language),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{ext}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_check(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Step 2: preview and column mapping; then the worker checks every row, and imports them if asked
    to and nothing is wrong (`tasks.start_import_job`). `?job=<id>` fills the mapping in as that job had
    it."""
    program = policy.get_program_for_edit(request, pk)
    now = timezone.now()
    reading = UploadReading.objects.filter(program=program, token=token).first()
    upload = tables.find_upload(program_id=program.pk, token=token)
    if reading is not None and (
        reading.status != UploadReading.Status.READY or request.headers.get("HX-Request")
    ):
        return _reading_page(request, program, token, reading, now=now)
    if upload is None:
        imported = tasks.job_holding_upload(program, token, now=now)
        if imported is not None:  # imported already (the file is deleted then), e.g. a second click
            return redirect("intake:import_job", pk=program.pk, job=imported.pk)
        messages.warning(
            request, _("That file is no longer here (files are kept for a day). Upload it again.")
        )
        return redirect("intake:import", pk=program.pk)
    if reading is None:  # uploaded before the worker read files: read it now
        reading = tasks.start_reading(program, token, language=_staff_language(), by=request.user, now=now)
        return _reading_page(request, program, token, reading, now=now)
    form = _form_for_role(program, upload.role)
    questions = active_questions(form)
    language = _staff_language()
    targets = targets_for(questions, language)
    table = tasks.preview_table(reading)
    if request.method == "GET":
        log_action(
            "intake.preview_viewed",
            actor=request.user,
            program=program,
            target=reading,
            data={"rows": table.row_count},
            now=now,
        )
    importing = request.method == "POST" and request.POST.get("action") == "import"
    mapping_form = MappingForm(
        request.POST or None,
        header=table.header,
        targets=targets,
        languages=_languages(form),
        importing=importing,
        initial=_mapping_initial(request, program, token, table, targets, form),
    )
    statement = consent_statement(form, language)
    if request.method == "POST" and mapping_form.is_valid():
        job = tasks.start_import_job(
            form,
            token=token,
            rows=table.row_count,
            mapping=mapping_form.mapping(),
            default_language=mapping_form.cleaned_data["default_language"],
            language=language,
            import_requested=importing,
            send_confirmation=mapping_form.cleaned_data["send_confirmation"],
            consent_text=statement,
            by=request.user,
            now=timezone.now(),
        )
        return redirect("intake:import_job", pk=program.pk, job=job.pk)
    context = {
        "program": program,
        "form_obj": form,
        "table": table,
        "mapping_form": mapping_form,
        "statement": statement,
        "form_state": staff_entry_state(form, now=timezone.now()),
    }
    return render(request, "intake/import_check.html", context)


def _reading_page(
    request: HttpRequest, program: Program, token: str, reading: UploadReading, *, now
) -> HttpResponse:
    """While the worker reads the file: a page that asks again every 2 seconds (htmx, or a refresh
    without JavaScript) and reloads into the mapping page when the rows are here; or why the file
    cannot be imported."""
    waiting = reading.is_waiting(now)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204 if waiting else 200)
        if not waiting:
            response["HX-Refresh"] = "true"  # read (or failed): htmx reloads the whole page
        return response
    context = {
        "program": program,
        "reading": reading,
        "waiting": waiting,
        "lost": reading.is_lost(now),
        "check_url": reverse("intake:import_check", args=[program.pk, token]),
    }
    return render(request, "intake/import_reading.html", context)


def _mapping_initial(request: HttpRequest, program: Program, token: str, table, targets, form) -> dict:
    """The columns as an earlier job of this upload had them (?job=<id>), else as the headings suggest."""
    earlier = None
    if (job_id := request.GET.get("job", "")).isdigit():
        earlier = ImportJob.objects.filter(pk=int(job_id), program=program, token=token).first()
    if earlier is not None and len(earlier.mapping) == len(table.header):
        mapping = earlier.mapping
        initial = {
            "default_language": earlier.default_language,
            "send_confirmation": earlier.send_confirmation,
        }
    else:
        mapping = guess_mapping(table.header, targets, form.role)
        initial = {"default_language": "sv"}
    return {**initial, **{f"column_{i}": key for i, key in enumerate(mapping)}}


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int, job: int) -> HttpResponse:
    """Step 3: the job's progress, then its result. The page asks again every 2 seconds (htmx, or a
    refresh without JavaScript) while the job runs; htmx gets the changing parts only."""
    program = policy.get_program_for_edit(request, pk)
    found = get_object_or_404(ImportJob.objects.select_related("form"), pk=job, program=program)
    found.form.program = program
    now = timezone.now()
    context = {
        "program": program,
        "job": found,
        "form_obj": found.form,
        "running": found.is_running(now),
        "interrupted": found.is_interrupted(now),
        "stored": tasks.rows_stored(found),
        "error_message": job_error_message(found.error),
    }
    if request.headers.get("HX-Request"):
        response = render(request, "intake/import_job_update.html", context)
        if not context["running"]:
            response.status_code = 286  # htmx stops asking
        return response
    return render(request, "intake/import_job.html", context)
