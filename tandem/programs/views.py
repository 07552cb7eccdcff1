"""Views: access helper → form → service → redirect."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem import policy
from tandem.programs import closing, readiness, services, states
from tandem.programs.finance import program_finances
from tandem.programs.forms import CopyProgramForm, NewProgramForm
from tandem.programs.models import Program
from tandem.programs.pages import PAGES
from tandem.programs.wizard import STEPS, completed_steps, neighbours, step_by_slug

STATE_ORDER = list(Program.State.values)


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    programs = sorted(
        Program.objects.visible_to(request.user).select_related("organisation"),
        key=lambda p: (STATE_ORDER.index(p.state), p.start_date is None, p.start_date, p.name.lower()),
    )
    groups = [
        (Program.State(state), list(group)) for state, group in groupby(programs, key=lambda p: p.state)
    ]
    can_create = bool(policy.organisations_for_new_program(request.user))
    return render(request, "programs/program_list.html", {"groups": groups, "can_create": can_create})


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    organisations = policy.organisations_for_new_program(request.user)
    if not organisations:
        raise PermissionDenied
    form = NewProgramForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        program = services.create_program(
            organisation=form.cleaned_data["organisation"],
            name=form.cleaned_data["name"],
            by=request.user,
            now=timezone.now(),
        )
        return redirect("programs:setup", pk=program.pk, step=STEPS[0].slug)
    return render(request, "programs/program_create.html", {"form": form})


@login_required
def program_overview(request: HttpRequest, pk: int) -> HttpResponse:
    can_edit = policy.access_program(request, pk, policy.Access.VIEW).can_edit
    program = services.program_with_setup(pk)
    items = readiness.open_items(program)
    blocked = any(item.blocking for item in items)
    transitions = [
        {"to": to, "label": states.action_label(program.state, to)}
        for to in states.allowed_next(program.state)
        if not (to == Program.State.RECRUITING and program.state == Program.State.DRAFT and blocked)
    ]
    context = {
        "program": program,
        "items": items,
        "blocked": blocked,
        "finances": program_finances(program),
        "can_edit": can_edit,
        "transitions": transitions if can_edit else [],
        "steps": STEPS,
        "copy_form": CopyProgramForm(initial={"name": program.name}),
        "counts": services.program_counts(program) if program.state != Program.State.DRAFT else None,
        "deadlines": sorted(
            (source for source in program.funding_sources.all() if source.reporting_deadline),
            key=lambda source: source.reporting_deadline,
        ),
        "today": timezone.localdate(),
    }
    return render(request, "programs/program_overview.html", context)


def _extra_rows(request: HttpRequest, page_class) -> dict[str, int]:
    extra = {}
    for prefix in page_class.addable:
        value = request.GET.get(f"{prefix}_extra", "")
        if value.isdigit():
            extra[prefix] = int(value)
    return extra


def _after_save(request: HttpRequest, program: Program, step: str, page) -> HttpResponse:
    add = request.POST.get("add", "")
    if add in page.addable:
        url = reverse("programs:setup", kwargs={"pk": program.pk, "step": step})
        return redirect(f"{url}?{add}_extra={page.blank_rows(add) + 1}")
    goto = request.POST.get("goto", step)
    if goto == "overview":
        return redirect("programs:overview", pk=program.pk)
    if step_by_slug(goto) is None:
        goto = step
    return redirect("programs:setup", pk=program.pk, step=goto)


@login_required
def setup_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """A step of the set-up. Who may read it but not change it (a viewer; a partner coordinator on the
    host's own steps unless the host allows it) gets it read-only, and 403 with the page when posting."""
    current = step_by_slug(step)
    if current is None:
        raise Http404
    page_class = PAGES[step]
    posted = request.method == "POST"
    access = policy.access_program(request, pk, policy.Access.EDIT if posted else policy.Access.VIEW)
    program = access.program
    may_change = access.may_change_setup(hosts_own=current.hosts_own)
    done = completed_steps(program)
    invalid = False
    if posted and may_change:
        page = page_class(program, request.POST, is_host=access.is_host, editor=request.user)
        if page.is_valid():
            page.save(by=request.user, now=timezone.now())
            messages.success(request, _("Saved."))
            return _after_save(request, program, step, page)
        invalid = True
    else:
        extra = _extra_rows(request, page_class)
        page = page_class(
            program, extra=extra, read_only=not may_change, is_host=access.is_host, editor=request.user
        )
    previous, following = neighbours(step)
    context = {
        "program": program,
        "page": page,
        "step": current,
        "number": STEPS.index(current) + 1,
        "steps": [(s, s.slug in done) for s in STEPS],
        "previous": previous,
        "following": following,
        "invalid": invalid,
        "read_only": page.read_only,
        "hosts_own": access.can_edit and not may_change,  # an editor who may not change this step
        "refused": posted and not may_change,
        **page.context(),
    }
    status = 403 if posted and not may_change else 200
    return render(request, f"programs/setup/{step}.html", context, status=status)


@require_POST
@login_required
def change_state(request: HttpRequest, pk: int) -> HttpResponse:
    """First POST shows what the move means and asks to confirm; the confirmed POST makes it."""
    program = policy.get_program_for_edit(request, pk)
    to = request.POST.get("to", "")
    if not states.is_allowed(program.state, to):
        messages.error(request, _("That change of state is not possible from here."))
        return redirect("programs:overview", pk=program.pk)
    opening = program.state == Program.State.DRAFT and to == Program.State.RECRUITING
    if request.POST.get("confirmed") != "yes":
        closing_steps = (
            [(step.template, step.context(program)) for step in closing.steps()]
            if to == Program.State.CLOSED
            else []
        )
        context = {
            "program": program,
            "to": Program.State(to),
            "label": states.action_label(program.state, to),
            "warnings": readiness.items_to_acknowledge(services.program_with_setup(pk)) if opening else [],
            "closing_steps": closing_steps,
        }
        return render(request, "programs/confirm_state.html", context)
    try:
        services.change_state(
            program,
            to,
            by=request.user,
            now=timezone.now(),
            acknowledged=request.POST.getlist("acknowledge"),
            closing_choices={step.name: request.POST.getlist(step.name) for step in closing.steps()},
        )
    except services.ProgramError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The program is now: %(state)s.") % {"state": Program.State(to).label})
    return redirect("programs:overview", pk=program.pk)


@login_required
def program_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = policy.get_program_for_edit(request, pk)
    form = CopyProgramForm(request.POST or None, initial={"name": services.suggested_copy_name(source.name)})
    if request.method == "POST" and form.is_valid():
        copy = services.copy_program(
            services.program_with_setup(source.pk),
            name=form.cleaned_data["name"],
            start_date=form.cleaned_data["start_date"],
            by=request.user,
            now=timezone.now(),
        )
        messages.success(request, _("The copy is ready for you to adjust."))
        return redirect("programs:overview", pk=copy.pk)
    return render(request, "programs/program_copy.html", {"program": source, "copy_form": form})
