"""The matching page: settings (weights, hard rules, answer time), mentors' capacities, and "Run"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem import policy
from tandem.applications.models import Application
from tandem.audit import subjects
from tandem.audit.services import log_view
from tandem.lib.paging import paginate
from tandem.matching.criteria import CRITERIA
from tandem.pairs import services
from tandem.pairs.engine_input import available_mentees, available_mentors
from tandem.pairs.forms import CapacitiesForm, MatchingSettingsForm, MentorSearchForm, weight_field
from tandem.pairs.gender_rule import gender_rule_notes
from tandem.pairs.models import MatchingRun, MentorCapacity, Pair, PairConstraint
from tandem.programs.models import Program
from tandem.reference.choices import Role


def _access(request: HttpRequest, pk: int) -> policy.ProgramAccess:
    needed = policy.Access.EDIT if request.method == "POST" else policy.Access.VIEW
    return policy.access_program(request, pk, needed)


def _with_preset_weights(data, preset: str):
    """The posted form with the chosen preset's weights in place of the typed ones."""
    data = data.copy()
    weights = services.preset_weights(preset)
    for name in CRITERIA:
        data[weight_field(name)] = str(weights.get(name, 0))
    return data


@login_required
@require_http_methods(["GET", "POST"])
def matching(request: HttpRequest, pk: int) -> HttpResponse:
    access = _access(request, pk)
    program = access.program
    settings = services.settings_for(program)
    data = request.POST or None
    applying_preset = data is not None and "apply_preset" in data
    if applying_preset and data.get("preset") in Program.Purpose.values:
        data = _with_preset_weights(data, data["preset"])
    form = MatchingSettingsForm(data, instance=settings)
    if request.method == "POST" and form.is_valid():
        services.save_settings(
            program,
            preset=form.cleaned_data["preset"],
            weights=form.weights,
            rules=form.rules,
            answer_days=form.cleaned_data["answer_days"],
            reminder_days=form.cleaned_data["reminder_days"],
            by=request.user,
            now=timezone.now(),
        )
        messages.success(request, _("The preset's weights are in place.") if applying_preset else _("Saved."))
        return redirect("pairs:matching", pk=program.pk)
    return render(request, "pairs/matching.html", _context(access, form))


def _context(access: policy.ProgramAccess, form: MatchingSettingsForm) -> dict:
    program = access.program
    accepted = dict(
        Application.objects.filter(program=program, status=Application.Status.ACCEPTED)
        .order_by()
        .values("role")
        .annotate(n=Count("id"))
        .values_list("role", "n")
    )
    free_places = list(available_mentors(program).values_list("free", flat=True))
    constraints = PairConstraint.objects.filter(program=program).select_related("mentee", "mentor")
    runs = list(MatchingRun.objects.filter(program=program).select_related("created_by")[:20])
    replaced = services.replaced_runs(runs)
    for run in runs:
        run.replaced_by = replaced.get(run.pk)
    return {
        "program": program,
        "form": form,
        "can_edit": access.can_edit,
        "accepted_mentees": accepted.get(Role.MENTEE, 0),
        "accepted_mentors": accepted.get(Role.MENTOR, 0),
        "available_mentees": available_mentees(program).count(),
        "available_mentors": len(free_places),
        "free_places": sum(free_places),
        "live_pairs": Pair.objects.live().filter(program=program).count(),
        "runs": runs,
        "locks": [c for c in constraints if c.kind == PairConstraint.Kind.LOCK],
        "forbids": [c for c in constraints if c.kind == PairConstraint.Kind.FORBID],
        "gender_rule_notes": gender_rule_notes(program) if form.instance.rule_gender_wish else [],
    }


@login_required
@require_POST
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    try:
        run = services.start_run(program, by=request.user, now=timezone.now())
    except services.MatchingError as error:
        messages.error(request, str(error))
        return redirect("pairs:matching", pk=program.pk)
    return redirect("pairs:proposal", pk=program.pk, run=run.number)


@login_required
@require_POST
def allow(request: HttpRequest, pk: int, constraint: int) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    found = get_object_or_404(
        PairConstraint.objects.select_related("program__organisation"),
        pk=constraint,
        program=program,
        kind=PairConstraint.Kind.FORBID,
    )
    services.allow_pair(found, by=request.user, now=timezone.now())
    messages.success(request, _("The pair is allowed again."))
    return redirect(_safe_next(request, program))


def _safe_next(request: HttpRequest, program: Program) -> str:
    """Back to the page the button was on, if that is one of this program's matching pages."""
    target = request.POST.get("next", "")
    prefix = reverse("pairs:matching", kwargs={"pk": program.pk})
    return target if target.startswith(prefix) else prefix


@login_required
@require_http_methods(["GET", "POST"])
def capacities(request: HttpRequest, pk: int) -> HttpResponse:
    """The accepted mentors' capacities, 50 a page, found by name or reference. Saving stores the
    figures of the page's mentors. Queries: the access checks, the mentor count, the page of mentors,
    the coordinator's figures for them."""
    access = _access(request, pk)
    if not access.can_see_people:  # the mentors by name: not for a viewer without a grant
        raise PermissionDenied
    program = access.program
    search = MentorSearchForm(request.GET or None)
    mentors = (
        Application.objects.filter(program=program, role=Role.MENTOR, status=Application.Status.ACCEPTED)
        .only(
            "id",
            "program_id",
            "reference",
            "first_name",
            "last_name",
            "occupation_now",
            "municipality",
            "mentee_capacity",
        )
        .order_by("first_name", "last_name", "id")
    )
    pages = paginate(request, search.apply(mentors))
    page_mentors = list(pages.page.object_list)
    current = dict(
        MentorCapacity.objects.filter(mentor__in=[m.pk for m in page_mentors]).values_list(
            "mentor_id", "capacity"
        )
    )
    form = CapacitiesForm(request.POST or None, mentors=page_mentors, capacities=current)
    if request.method == "GET" and page_mentors:
        log_view(
            "matching.viewed",
            actor=request.user,
            program=program,
            subjects={subjects.APPLICATION: [m.pk for m in page_mentors]},
            data={"page": "capacities"},
            now=timezone.now(),
        )
    if request.method == "POST" and form.is_valid():
        services.set_capacities(program, form.capacities, by=request.user, now=timezone.now())
        messages.success(request, _("Saved."))
        return redirect("pairs:matching", pk=program.pk)
    context = {
        "program": program,
        "form": form,
        "search": search,
        "pages": pages,
        "can_edit": access.can_edit,
    }
    return render(request, "pairs/capacities.html", context)
