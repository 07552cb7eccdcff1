"""The public application form: no login, one short page at a time, works without JavaScript.

Every page is rendered inside `translation.override(<language in the URL>)`, so Arabic pages come out
right to left with Bootstrap's RTL styles (base.html switches on LANGUAGE_BIDI).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.applications.builtins import Builtin, Page
from tandem.applications.drafts import Draft, to_submission
from tandem.applications.models import (
    Application,
    ApplicationForm,
    ConsentText,
    PlaceOffer,
    Question,
)
from tandem.applications.offers import accept_offer
from tandem.applications.public_forms import PageForm, asked_search, pages_for
from tandem.applications.ratelimit import FILE_BODY_BYTES, allow_submission, allow_upload, uploads_exhausted
from tandem.applications.services import (
    FormClosed,
    InvalidStatusChange,
    current_consent,
    form_availability,
    form_languages,
    submit_application,
    submitted_application,
    withdraw_application,
)
from tandem.applications.summary import summary_sections
from tandem.applications.uploads import StorageFull, delete_cv, store_cv, unsent_cv_bytes
from tandem.lib.clientip import client_ip
from tandem.reference.languages import EASY_SWEDISH, language_own_name

SENT_KEY = "tandem_applications_sent"
View = Callable[..., HttpResponse]


def applicant_page(view: View) -> View:
    """Load the form from its address and render the view in the language of the URL."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, lang: str, **kwargs) -> HttpResponse:
        form = get_object_or_404(ApplicationForm.objects.select_related("program__organisation"), slug=slug)
        languages = form_languages(form)
        if lang not in languages:
            raise Http404
        request.applicant_languages = languages  # type: ignore[attr-defined]
        with translation.override(lang):
            response = view(request, form, lang, **kwargs)
        response.headers["Content-Language"] = lang
        return response

    return wrapper


def _questions(form: ApplicationForm) -> list[Question]:
    return list(form.questions.filter(removed_at__isnull=True).prefetch_related("translations"))


def _render(request: HttpRequest, template: str, form: ApplicationForm, lang: str, context: dict, status=200):
    match = request.resolver_match
    switch = []
    for code in request.applicant_languages:  # type: ignore[attr-defined]
        kwargs = {**(match.kwargs if match else {}), "lang": code}
        switch.append((code, language_own_name(code), reverse(match.view_name, kwargs=kwargs)))
    intro, intro_lang = form.intro_in(lang)
    base = {
        "form_obj": form,
        "program": form.program,
        "lang": lang,
        "language_links": switch,
        "intro": intro,
        "intro_lang": intro_lang,
    }
    return render(request, template, {**base, **context}, status=status)


def _closed(request: HttpRequest, form: ApplicationForm, lang: str, availability) -> HttpResponse:
    return _render(request, "applications/public/closed.html", form, lang, {"availability": availability})


@require_GET
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """/apply/<slug>/ → the landing page in the applicant's browser language, if we have it."""
    form = get_object_or_404(ApplicationForm, slug=slug)
    wanted = request.headers.get("Accept-Language", "")
    codes = form_languages(form)
    chosen = next(
        (code for part in wanted.split(",") if (code := part.split(";")[0].strip().lower()[:2]) in codes),
        "sv",
    )
    return redirect("apply:landing", slug=slug, lang=chosen)


@require_GET
@applicant_page
def landing(request: HttpRequest, form: ApplicationForm, lang: str) -> HttpResponse:
    availability = form_availability(form, now=timezone.now())
    if not availability.is_open:
        return _closed(request, form, lang, availability)
    pages = pages_for(_questions(form))
    target, target_lang = form.target_group_in(lang)
    return _render(
        request,
        "applications/public/landing.html",
        form,
        lang,
        {
            "first_page": pages[0],
            "step_count": len(pages) + 1,
            "target_group": target,
            "target_group_lang": target_lang,
            # On the Swedish page: easy-read Swedish offered by name, beside the language links.
            "easy_read_url": reverse("apply:landing", kwargs={"slug": form.slug, "lang": EASY_SWEDISH})
            if lang == "sv" and EASY_SWEDISH in request.applicant_languages  # type: ignore[attr-defined]
            else "",
        },
    )


def _page_urls(form: ApplicationForm, lang: str, pages: list[str], page: str) -> tuple[str, str]:
    index = pages.index(page)
    back = (
        reverse("apply:step", kwargs={"slug": form.slug, "lang": lang, "page": pages[index - 1]})
        if index
        else reverse("apply:landing", kwargs={"slug": form.slug, "lang": lang})
    )
    if index + 1 < len(pages):
        following = reverse("apply:step", kwargs={"slug": form.slug, "lang": lang, "page": pages[index + 1]})
    else:
        following = reverse("apply:summary", kwargs={"slug": form.slug, "lang": lang})
    return back, following


@require_http_methods(["GET", "POST"])
@applicant_page
def step(request: HttpRequest, form: ApplicationForm, lang: str, page: str) -> HttpResponse:
    availability = form_availability(form, now=timezone.now())
    if not availability.is_open:
        return _closed(request, form, lang, availability)
    questions = _questions(form)
    pages = pages_for(questions)
    if page not in pages:
        raise Http404
    draft = Draft(request.session, form)
    consent = current_consent(form, lang) if page == Page.CONSENT else None
    options = {
        "page": page,
        "questions": questions,
        "language": lang,
        "cv": draft.cv,
        "suggest_url": reverse("apply:occupations", kwargs={"slug": form.slug, "lang": lang}),
    }
    back_url, next_url = _page_urls(form, lang, pages, page)
    status, upload_error, unread = 200, "", False
    has_cv = any(question.builtin == Builtin.CV and question.page == page for question in questions)
    if request.method == "POST" and has_cv and (refusal := _refuse_upload_unread(request)):
        # Refused before the body is read: the file never reaches the disk.
        upload_error, status, unread = *refusal, True
        page_form = PageForm(initial=PageForm.initial_from(draft.values), **options)
    elif request.method == "POST" and (key := asked_search(request.POST, questions, page)):
        bound = PageForm(request.POST, request.FILES, **options)
        page_form = PageForm(
            initial=bound.raw_initial(), searches={key: request.POST.get(f"{key}_query", "")}, **options
        )
    elif request.method == "POST":
        page_form = PageForm(request.POST, request.FILES, **options)
        if page_form.is_valid() and (refusal := _save_files(request, page_form, draft)):
            upload_error, status = refusal
        elif page_form.is_valid():
            if consent is not None:
                draft.set_consent(consent.pk)
            draft.save_page(page, page_form.values())
            if request.POST.get("return") == "summary":
                return redirect("apply:summary", slug=form.slug, lang=lang)
            return redirect(next_url)
    else:
        page_form = PageForm(initial=PageForm.initial_from(draft.values), **options)
    return _render(
        request,
        "applications/public/step.html",
        form,
        lang,
        {
            "page": page,
            "page_title": Page(page).label,
            "page_form": page_form,
            "step_number": pages.index(page) + 1,
            "step_count": len(pages) + 1,
            "back_url": back_url,
            "consent": consent,
            "returning": request.GET.get("return") == "summary"
            or (not unread and request.POST.get("return") == "summary"),
            "upload_error": upload_error,
        },
        status=status,
    )


def _uploads_paused() -> str:
    return _(
        "Many files have been sent from here lately, so we cannot take this file now. "
        "Please try again in an hour. Your earlier answers are kept."
    )


def _storage_full() -> str:
    return _("We cannot store files at the moment. Please try again later. Your earlier answers are kept.")


def _over_quota(extra_bytes: int) -> bool:
    return unsent_cv_bytes() + extra_bytes > settings.CV_UNSENT_QUOTA_MB * 1024 * 1024


def _refuse_upload_unread(request: HttpRequest) -> tuple[str, int] | None:
    """For a body large enough to carry a file: the limits, checked before anything of it is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length < FILE_BODY_BYTES or not request.content_type.startswith("multipart/"):
        return None
    if uploads_exhausted(client_ip(request), request.session):
        return _uploads_paused(), 429
    if _over_quota(0):
        return _storage_full(), 503
    return None


def _save_files(request: HttpRequest, page_form: PageForm, draft: Draft) -> tuple[str, int] | None:
    """Store a new CV (or remove the old one); a message and a status when the file cannot be taken."""
    if "cv" not in page_form.fields:
        return None
    upload = page_form.cleaned_data.get("cv")
    old = draft.cv
    if upload:
        if not allow_upload(client_ip(request), request.session):
            return _uploads_paused(), 429
        if _over_quota(upload.size):
            return _storage_full(), 503
        try:
            name = store_cv(upload, upload.document_kind)
        except StorageFull:
            return _storage_full(), 503
        draft.set_cv({"name": name, "original": upload.clean_name, "size": upload.size})
    elif page_form.cleaned_data.get("remove_cv"):
        draft.set_cv(None)
    else:
        return None
    if old:
        delete_cv(old["name"])
    return None


@require_http_methods(["GET", "POST"])
@applicant_page
def summary(request: HttpRequest, form: ApplicationForm, lang: str) -> HttpResponse:
    token = request.POST.get("token", "")
    if request.method == "POST" and (application := submitted_application(token)) is not None:
        return _sent_redirect(request, form, lang, application)  # a double click or a resubmission
    availability = form_availability(form, now=timezone.now())
    if not availability.is_open:
        return _closed(request, form, lang, availability)
    questions = _questions(form)
    pages = pages_for(questions)
    draft = Draft(request.session, form)
    missing = [page for page in pages if page not in draft.done]
    if missing:
        if request.method == "POST" or draft.done:
            messages.warning(request, _("Please answer the questions on this page first."))
        return redirect("apply:step", slug=form.slug, lang=lang, page=missing[0])
    status, error = 200, ""
    if request.method == "POST":
        consent = ConsentText.objects.filter(pk=draft.consent_id, form=form).first()
        if consent is None or token != draft.token():
            return redirect("apply:summary", slug=form.slug, lang=lang)
        address_limit = form.address_limit_at(timezone.now())
        if not allow_submission(
            client_ip(request), draft.values.get("email", ""), address_limit=address_limit
        ):
            status = 429
            error = _(
                "Many applications have been sent from here in the last hour, so we cannot take this one "
                "now. Please wait an hour and send again. Your answers are kept."
            )
        else:
            submission = to_submission(draft, questions, language=lang, consent=consent)
            try:
                application = submit_application(form, submission, token=token, now=timezone.now())
            except FormClosed as closed:
                return _closed(request, form, lang, closed.availability)
            draft.clear()
            return _sent_redirect(request, form, lang, application)
    return _render(
        request,
        "applications/public/summary.html",
        form,
        lang,
        {
            "sections": summary_sections(pages, questions, draft, lang),
            "token": draft.token(),
            "step_number": len(pages) + 1,
            "step_count": len(pages) + 1,
            "back_url": reverse("apply:step", kwargs={"slug": form.slug, "lang": lang, "page": pages[-1]}),
            "error": error,
        },
        status=status,
    )


def _sent_redirect(request: HttpRequest, form: ApplicationForm, lang: str, application: Application):
    sent = request.session.get(SENT_KEY) or {}
    sent[str(form.pk)] = application.reference
    request.session[SENT_KEY] = sent
    return redirect("apply:sent", slug=form.slug, lang=lang)


@require_GET
@applicant_page
def sent(request: HttpRequest, form: ApplicationForm, lang: str) -> HttpResponse:
    reference = (request.session.get(SENT_KEY) or {}).get(str(form.pk))
    if not reference:
        return redirect("apply:landing", slug=form.slug, lang=lang)
    return _render(request, "applications/public/sent.html", form, lang, {"reference": reference})


@require_GET
@applicant_page
def occupation_suggestions(request: HttpRequest, form: ApplicationForm, lang: str) -> HttpResponse:
    """The list of occupations for a search, as a fragment (htmx) or a page of its own (no JavaScript)."""
    key = request.GET.get("field", "")
    if key not in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
        raise Http404
    question = next((q for q in _questions(form) if q.builtin == key), None)
    if question is None:
        raise Http404
    page_form = PageForm(
        page=question.page,
        questions=[question],
        language=lang,
        searches={key: request.GET.get(f"{key}_query", "")[:100]},
    )
    item = next(item for item in page_form.items() if item.key == key)
    return render(request, "applications/public/fields/occupation_results.html", {"item": item})


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: confirm, then withdraw (shown in the application's language)."""
    application = get_object_or_404(
        Application.objects.select_related("program", "form"), withdraw_token=token
    )
    with translation.override(application.language):
        if request.method == "POST" and not application.is_withdrawn:
            try:
                withdraw_application(application, now=timezone.now())
            except InvalidStatusChange:
                pass
            else:
                return redirect(f"{reverse('apply:withdraw', args=[token])}?done=1")
        can_withdraw = bool(application.allowed_statuses(by_applicant=True))
        response = render(
            request,
            "applications/public/withdraw.html",
            {
                "application": application,
                "form_obj": application.form,
                "program": application.program,
                "can_withdraw": can_withdraw,
                "just_withdrawn": application.is_withdrawn and request.GET.get("done") == "1",
                "contact_email": application.form.contact_email if application.form else "",
                "language_links": [],
            },
        )
    response.headers["Content-Language"] = application.language
    return response


@require_http_methods(["GET", "POST"])
def place_offer(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail that offers a waitlisted applicant a place in the next cohort: the new
    program's consent to agree to, then an application made from their old answers."""
    offer = get_object_or_404(
        PlaceOffer.objects.select_related("application__program", "program__organisation"), token=token
    )
    old = offer.application
    form = ApplicationForm.objects.filter(program=offer.program, role=old.role).first()
    if form is None:
        raise Http404
    language = old.language if old.language in form_languages(form) else "sv"
    now = timezone.now()
    with translation.override(language):
        consent = current_consent(form, language)
        error, closed = "", not form_availability(form, now=now).is_open
        if request.method == "POST" and offer.new_application_id is None and not closed and consent:
            if request.POST.get("consent") != "yes":
                error = _("Tick the box to agree, or close this page if you do not want the place.")
            else:
                try:
                    accept_offer(offer, consent=consent, now=now)
                except FormClosed:
                    closed = True
                else:
                    return redirect(reverse("apply:offer", args=[token]))
        offer.refresh_from_db()
        response = render(
            request,
            "applications/public/offer.html",
            {
                "offer": offer,
                "old": old,
                "form_obj": form,
                "program": offer.program,
                "consent": consent,
                "lang": language,
                "closed": closed,
                "error": error,
                "language_links": [],
            },
            status=400 if error else 200,
        )
    response.headers["Content-Language"] = language
    return response
