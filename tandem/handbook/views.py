"""The coordinators' handbook pages: the preview (web and PDF) in sv, en or ar, and their own sections.
Access through tandem.policy: everyone on the program previews; editors change sections (viewers 403);
outsiders 404. The handbook holds no personal data of participants (only the working group's names)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem import policy
from tandem.handbook import services
from tandem.handbook.forms import SectionForm
from tandem.handbook.models import HandbookSection
from tandem.handbook.pdf import handbook_pdf
from tandem.policy import Access

READER_LANGUAGES = ("sv", "en", "ar")


def _language(request: HttpRequest) -> str:
    """The reader's language asked for (?lang=), else the staff member's own (sv for any other)."""
    asked = request.GET.get("lang", "")
    if asked:
        if asked not in READER_LANGUAGES:
            raise Http404
        return asked
    own = (translation.get_language() or "sv")[:2]
    return own if own in READER_LANGUAGES else "sv"


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, Access.VIEW)
    language = _language(request)
    handbook = services.build_handbook(access.program, language)
    return render(
        request,
        "handbook/preview.html",
        {
            "program": access.program,
            "handbook": handbook,
            "can_edit": access.can_edit,
            "reader_language": language,
            "languages": READER_LANGUAGES,
            "sections": HandbookSection.objects.filter(program=access.program),
        },
    )


@login_required
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, Access.VIEW)
    language = _language(request)
    content = handbook_pdf(services.build_handbook(access.program, language))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="handbook-{access.program.pk}-{language}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, pk: int, section: int | None = None) -> HttpResponse:
    access = policy.access_program(request, pk, Access.EDIT)
    program = access.program
    instance = (
        get_object_or_404(HandbookSection, program=program, pk=section)
        if section is not None
        else HandbookSection(program=program)
    )
    form = SectionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_section(
            form.save(commit=False), by=request.user, now=timezone.now(), created=section is None
        )
        messages.success(request, _("The section is saved."))
        return redirect("handbook:preview", pk=program.pk)
    return render(
        request, "handbook/section_form.html", {"program": program, "form": form, "section": instance}
    )


@login_required
@require_POST
def delete(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    access = policy.access_program(request, pk, Access.EDIT)
    instance = get_object_or_404(HandbookSection, program=access.program, pk=section)
    services.delete_section(instance, by=request.user, now=timezone.now())
    messages.success(request, _("The section is removed."))
    return redirect("handbook:preview", pk=access.program.pk)
