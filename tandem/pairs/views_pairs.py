"""The program's pairs after publishing: who has answered, who has not, and dissolving a pair."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem import policy
from tandem.audit import subjects
from tandem.audit.services import log_view
from tandem.lib.paging import paginate
from tandem.pairs import publishing, services
from tandem.pairs.forms import DissolveForm, PairFilterForm
from tandem.pairs.models import Pair


@login_required
def pair_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The program's pairs, 50 a page, found by name or reference and narrowed by status; the figures
    above count them all. Queries: the access checks, the figures, the page count, the page."""
    access = policy.access_people(request, pk, policy.Access.VIEW)
    program = access.program
    now = timezone.now()
    pairs = Pair.objects.filter(program=program)
    filters = PairFilterForm(request.GET or None)
    shown = filters.apply(pairs.select_related("mentee", "mentor").defer("reasons"))  # not shown here
    pages = paginate(request, shown)
    on_page = list(pages.page.object_list)
    if on_page:
        log_view(
            "pairs.viewed",
            actor=request.user,
            program=program,
            subjects={subjects.APPLICATION: [i for p in on_page for i in (p.mentee_id, p.mentor_id)]},
            now=now,
        )
    context = {
        "program": program,
        **pairs.figures(now=now),
        "filters": filters,
        "pages": pages,
        "filtered": filters.is_filtering,
        "only_waiting": filters.status == "waiting",
        "now": now,
        "can_edit": access.can_edit,
    }
    return render(request, "pairs/pair_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def dissolve(request: HttpRequest, pk: int, pair: int) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    found = get_object_or_404(Pair.objects.select_related("mentee", "mentor"), pk=pair, program=program)
    if not found.is_live:
        messages.info(request, _("This pair has already ended."))
        return redirect("pairs:pair_list", pk=program.pk)
    form = DissolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rematch = form.cleaned_data["rematch"]
        try:
            publishing.dissolve_pair(
                found, reason=form.cleaned_data["reason"], by=request.user, now=timezone.now(), forbid=rematch
            )
        except services.MatchingError as error:
            messages.error(request, str(error))
            return redirect("pairs:pair_list", pk=program.pk)
        if rematch:
            messages.success(
                request, _("The pair is dissolved. Both are back in the pool: run the matching.")
            )
            return redirect("pairs:matching", pk=program.pk)
        messages.success(request, _("The pair is dissolved. Both are back in the pool."))
        return redirect("pairs:pair_list", pk=program.pk)
    return render(request, "pairs/dissolve.html", {"program": program, "pair": found, "form": form})
