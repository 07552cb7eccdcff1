"""The public accessibility statement (tillgänglighetsredogörelse) of an organisation's Tandem pages.

It follows DIGG's model statement: who stands behind the service, how accessible it is, what one can do
when something does not work and whom to tell (the organisation's contact set by its admin, else its
reply-to address, else a form's contact address: `accounts.contact`), the enforcement body, how the
service was tested, and when the statement was last reviewed. Applicants and participants read it in
Swedish, English or Arabic; every public page links to it from its footer
(`includes/accessibility_link.html`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from tandem.accounts import contact
from tandem.accounts.models import Organisation
from tandem.reference.languages import language_own_name

DIGG_REPORT_URL = "https://www.digg.se/anmal-bristande-tillganglighet"


@require_GET
def statement(request: HttpRequest, lang: str, pk: int | None = None) -> HttpResponse:
    """The statement for organisation `pk` (or Tandem's own, where a page knows no organisation) in `lang`;
    a language applicants cannot have leads to the Swedish one."""
    organisation = get_object_or_404(Organisation, pk=pk) if pk is not None else None
    codes = [code for code, _name in settings.APPLICANT_LANGUAGES]
    if lang not in codes:
        return redirect(_url(organisation, settings.LANGUAGE_CODE))
    links = [(code, language_own_name(code), _url(organisation, code)) for code in codes]
    context = {
        "organisation": organisation,
        "lang": lang,
        "language_links": links,
        "digg_url": DIGG_REPORT_URL,
        "barrier_email": contact.barrier_contact_email(organisation) if organisation else "",
        "reviewed_on": contact.statement_reviewed_on(organisation),
    }
    with translation.override(lang):
        response = render(request, "accounts/accessibility.html", context)
    response.headers["Content-Language"] = lang
    return response


def _url(organisation: Organisation | None, lang: str) -> str:
    if organisation is None:
        return reverse("accessibility", kwargs={"lang": lang})
    return reverse("accessibility_organisation", kwargs={"pk": organisation.pk, "lang": lang})
