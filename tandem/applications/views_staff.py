"""Coordinators' pages: the program's application forms, their questions, translations and consent,
and the CV download. Views: access helper → form → service → redirect."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem import policy
from tandem.applications import offers, offers_job
from tandem.applications.builtins import PAGE_ORDER, Page
from tandem.applications.editing import (
    EditError,
    add_builtin_question,
    add_custom_question,
    current_consent_texts,
    move_question,
    raise_address_limit,
    remove_question,
    save_consent_texts,
    save_form_settings,
    save_translations,
    update_question,
)
from tandem.applications.forms import (
    AddressLimitForm,
    BuiltinQuestionForm,
    ConsentForm,
    FormSettingsForm,
    LanguageForm,
    QuestionForm,
    TranslationForm,
)
from tandem.applications.models import Application, PlaceOffer, QuestionTranslation
from tandem.applications.public_forms import wording
from tandem.applications.services import create_default_form
from tandem.applications.uploads import CONTENT_TYPES
from tandem.audit.services import log_action
from tandem.reference.choices import Role
from tandem.reference.languages import applicant_language_codes, language_own_name


@login_required
@require_http_methods(["GET"])
def form_list(request: HttpRequest, pk: int) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    forms = program.application_forms.annotate(
        received=Count("applications", filter=~Q(applications__status=Application.Status.WITHDRAWN))
    )
    by_role = {form.role: form for form in forms}
    roles = [(role, by_role.get(role.value)) for role in (Role.MENTEE, Role.MENTOR)]
    return render(request, "applications/staff/form_list.html", {"program": program, "roles": roles})


@login_required
@require_POST
def form_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    role = request.POST.get("role", "")
    if role not in Role.values:
        raise Http404
    form = create_default_form(program, role, by=request.user, now=timezone.now())
    messages.success(request, _("The form is ready. Check it, then publish it."))
    return redirect("applications:form_settings", pk=form.pk)


@login_required
@require_http_methods(["GET", "POST"])
def form_settings(request: HttpRequest, pk: int) -> HttpResponse:
    form = policy.get_application_form_for_edit(request, pk)
    settings_form = FormSettingsForm(request.POST or None, instance=form)
    if request.method == "POST" and settings_form.is_valid():
        save_form_settings(
            settings_form.instance, changed=settings_form.changed_data, by=request.user, now=timezone.now()
        )
        messages.success(request, _("The settings are saved."))
        return redirect("applications:form_settings", pk=form.pk)
    return _settings_page(request, form, settings_form=settings_form)


def _settings_page(request: HttpRequest, form, *, settings_form=None, limit_form=None, status: int = 200):
    now = timezone.now()
    return render(
        request,
        "applications/staff/form_settings.html",
        {
            "form_obj": form,
            "form": settings_form or FormSettingsForm(instance=form),
            "limit_form": limit_form or AddressLimitForm(now=now),
            "address_limit": form.address_limit_at(now),
            "limit_raised": form.address_limit_at(now) != settings.APPLICATION_ADDRESS_RATE_LIMIT,
        },
        status=status,
    )


@login_required
@require_POST
def form_address_limit(request: HttpRequest, pk: int) -> HttpResponse:
    """Raise the limit of applications from one address for an event (a class applying together), or end
    a raised limit at once ("reset")."""
    form = policy.get_application_form_for_edit(request, pk)
    now = timezone.now()
    if request.POST.get("reset"):
        raise_address_limit(form, limit=None, until=None, by=request.user, now=now)
        messages.success(request, _("The usual limit applies again."))
        return redirect("applications:form_settings", pk=form.pk)
    limit_form = AddressLimitForm(request.POST, now=now)
    if not limit_form.is_valid():
        return _settings_page(request, form, limit_form=limit_form, status=400)
    raise_address_limit(
        form,
        limit=limit_form.cleaned_data["limit"],
        until=limit_form.cleaned_data["until"],
        by=request.user,
        now=now,
    )
    messages.success(request, _("The higher limit is on."))
    return redirect("applications:form_settings", pk=form.pk)


def _questions_page(request: HttpRequest, form, *, add_form=None, builtin_form=None, status: int = 200):
    questions = list(form.questions.filter(removed_at__isnull=True).prefetch_related("translations"))
    rows = [(question, wording(question, "sv").label) for question in questions]
    by_page = [(Page(page), [row for row in rows if row[0].page == page]) for page in PAGE_ORDER]
    return render(
        request,
        "applications/staff/questions.html",
        {
            "form_obj": form,
            "pages": [(page, items) for page, items in by_page if items],
            "add_form": add_form or QuestionForm(),
            "builtin_form": builtin_form or BuiltinQuestionForm(form=form),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    return _questions_page(request, policy.get_application_form_for_edit(request, pk))


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = policy.get_application_form_for_edit(request, pk)
    add_form = QuestionForm(request.POST)
    if not add_form.is_valid():
        return _questions_page(request, form, add_form=add_form)
    data = add_form.cleaned_data
    add_custom_question(
        form,
        custom_type=data["custom_type"],
        required=data["required"],
        page=data["page"],
        words=add_form.words(),
        scale_min=data.get("scale_min") or 1,
        scale_max=data.get("scale_max") or 5,
        special_category=data.get("special_category") or "",
        by=request.user,
        now=timezone.now(),
    )
    messages.success(request, _("The question is added."))
    return redirect("applications:questions", pk=form.pk)


@login_required
@require_POST
def builtin_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = policy.get_application_form_for_edit(request, pk)
    builtin_form = BuiltinQuestionForm(request.POST, form=form)
    if not builtin_form.is_valid():
        return _questions_page(request, form, builtin_form=builtin_form)
    add_builtin_question(form, builtin_form.cleaned_data["key"], by=request.user, now=timezone.now())
    messages.success(request, _("The question is added."))
    return redirect("applications:questions", pk=form.pk)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = policy.get_question_for_edit(request, pk)
    edit_form = QuestionForm(request.POST or None, question=question)
    if request.method == "POST" and edit_form.is_valid():
        data = edit_form.cleaned_data
        update_question(
            question,
            required=data["required"],
            page=data.get("page"),
            words=edit_form.words(),
            scale_min=data.get("scale_min"),
            scale_max=data.get("scale_max"),
            special_category=data.get("special_category") if not question.is_builtin else None,
            by=request.user,
            now=timezone.now(),
        )
        messages.success(request, _("The question is saved."))
        return redirect("applications:questions", pk=question.form_id)
    return render(
        request,
        "applications/staff/question_edit.html",
        {"form_obj": question.form, "question": question, "form": edit_form},
    )


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = policy.get_question_for_edit(request, pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    move_question(question, direction, by=request.user, now=timezone.now())
    return redirect(f"{_questions_url(question.form_id)}#question-{question.pk}")


def _questions_url(form_id: int) -> str:
    return reverse("applications:questions", kwargs={"pk": form_id})


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    question = policy.get_question_for_edit(request, pk)
    try:
        remove_question(question, by=request.user, now=timezone.now())
    except EditError:
        messages.error(request, _("Name and e-mail address are always asked; they cannot be removed."))
    else:
        messages.success(request, _("The question is removed from the form."))
    return redirect("applications:questions", pk=question.form_id)


@login_required
@require_http_methods(["GET"])
def translations(request: HttpRequest, pk: int) -> HttpResponse:
    form = policy.get_application_form_for_edit(request, pk)
    language_form = LanguageForm(request.GET or None)
    if request.GET and language_form.is_valid():
        return redirect(
            "applications:translation_edit", pk=form.pk, lang=language_form.cleaned_data["language"]
        )
    found = set(
        QuestionTranslation.objects.filter(question__form=form).values_list("language", flat=True).distinct()
    )
    codes = [code for code in applicant_language_codes() if code != "sv"]
    codes += sorted(found - set(codes) - {"sv"})
    languages = [(code, language_own_name(code)) for code in codes]
    return render(
        request,
        "applications/staff/translations.html",
        {"form_obj": form, "languages": languages, "language_form": language_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def translation_edit(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    form = policy.get_application_form_for_edit(request, pk)
    if lang == "sv":
        raise Http404
    questions = list(form.questions.filter(removed_at__isnull=True).prefetch_related("translations"))
    translation_form = TranslationForm(request.POST or None, questions=questions, language=lang, form=form)
    if request.method == "POST" and translation_form.is_valid():
        save_translations(
            form,
            lang,
            translation_form.words(),
            intro=translation_form.cleaned_data["intro"],
            target_group=translation_form.cleaned_data["target_group"],
            by=request.user,
            now=timezone.now(),
        )
        messages.success(request, _("The translation is saved."))
        return redirect("applications:translation_edit", pk=form.pk, lang=lang)
    return render(
        request,
        "applications/staff/translation_edit.html",
        {"form_obj": form, "lang": lang, "language_name": language_own_name(lang), "form": translation_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    form = policy.get_application_form_for_edit(request, pk)
    version, current = current_consent_texts(form)
    languages = [*applicant_language_codes(), *sorted(set(current) - set(applicant_language_codes()))]
    consent_form = ConsentForm(
        request.POST or None, languages=languages, current={code: text.text for code, text in current.items()}
    )
    if request.method == "POST" and consent_form.is_valid():
        new_version = save_consent_texts(form, consent_form.texts(), by=request.user, now=timezone.now())
        if new_version == version:
            messages.info(request, _("Nothing was changed."))
        else:
            messages.success(
                request, _("The consent text is saved as version %(version)s.") % {"version": new_version}
            )
        return redirect("applications:consent", pk=form.pk)
    return render(
        request,
        "applications/staff/consent.html",
        {"form_obj": form, "form": consent_form, "version": version},
    )


@require_http_methods(["GET"])
def cv_download(request: HttpRequest, pk: int) -> FileResponse:
    """The CV of an application, for staff who may see its program; 404 for everyone else."""
    application = policy.get_application_for_view(request, pk)
    if not application.cv:
        raise Http404
    kind = application.cv.name.rsplit(".", 1)[-1]
    try:
        handle = application.cv.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_action(
        "application.cv_downloaded",
        actor=request.user,
        program=application.program,
        target=application,
        now=timezone.now(),
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=application.cv_original_name or f"cv.{kind}",
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_offers(request: HttpRequest, pk: int) -> HttpResponse:
    """Offer the waitlisted applicants of the program this one was copied from a place (by e-mail)."""
    program = policy.get_program_for_edit(request, pk)
    if program.copied_from_id is None:
        raise Http404
    if request.method == "POST":
        if offers.waitlisted_to_offer(program).count() > offers_job.INLINE_LIMIT:
            job = offers_job.start_place_offers(program, by=request.user, now=timezone.now())
            return redirect("jobs:job", pk=program.pk, job=job.pk)
        try:
            sent = offers.offer_places(program, by=request.user, now=timezone.now())
        except offers.OfferError:
            messages.error(request, _("Open recruitment and publish the form first: the offer leads to it."))
        else:
            messages.success(request, _("%(count)s offers are on their way.") % {"count": sent})
        return redirect("applications:place_offers", pk=program.pk)
    made = PlaceOffer.objects.filter(program=program).order_by()
    context = {
        "program": program,
        "source": program.copied_from,
        "to_offer": offers.waitlisted_to_offer(program).count(),
        "offered": made.count(),
        "accepted": made.filter(new_application__isnull=False).count(),
    }
    return render(request, "applications/staff/place_offers.html", context)
