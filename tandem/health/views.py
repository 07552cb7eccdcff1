"""Program health pages: a running program's health (what needs action, then the whole picture), follow-up
marks on its pairs, the organisation's programs at a glance, and the digest's link to turn it off.

Reading the health page with names is audited (it lists pairs by name); viewers see the figures and the
rows without names (`ProgramAccess.can_see_people`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem import policy
from tandem.accounts.models import User
from tandem.audit.services import log_action
from tandem.gatherings.services import figures_for_program, next_meetings
from tandem.health import digest, services
from tandem.health.forms import MarkForm, SettingsForm
from tandem.health.models import HealthSettings
from tandem.lib.paging import page_links, page_of
from tandem.mentoring import follow_up
from tandem.mentoring.services import MentoringError
from tandem.policy import Access
from tandem.programs.models import Program

PAGE_SIZE = 25


def _row_context(
    program: Program, row, access: policy.ProgramAccess, form: MarkForm | None = None, next_url: str = ""
) -> dict:
    labels = services.action_labels()
    return {
        "next": next_url or reverse("health:program", args=[program.pk]),
        "program": program,
        "row": row,
        "reasons": [(kind, labels[kind]) for kind in row.reasons],
        "can_edit": access.can_edit,
        "can_see_people": access.can_see_people,
        "form": form or MarkForm(auto_id=f"id_mark_{row.pk}_%s"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def program_health(request: HttpRequest, pk: int) -> HttpResponse:
    """The health page; a POST saves its setting (coordinators: `_save_settings`). Queries: the session
    and the user (2), the program and the access (3), the rules (2), every pair's progress (1: the
    counts and the list are made from it), last week's snapshot (1), the page's rows with names and
    follow-up marks (1), the audit record (1), the common meetings with their counts (1): fixed, however
    many pairs."""
    if request.method == "POST":
        return _save_settings(request, pk)
    access = policy.access_program(request, pk, Access.VIEW)
    return _health_page(request, access)


def _health_page(
    request: HttpRequest,
    access: policy.ProgramAccess,
    settings_form: SettingsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The health page; with `settings_form`, the setting as posted, its error by its field."""
    program = access.program
    if program.state != Program.State.RUNNING:
        return render(request, "health/not_running.html", {"program": program}, status=200)
    today = timezone.localdate()
    rules = services.rules_for(program, today=today)
    health = services.health_of(program, rules)
    counts = health.counts
    snapshot = services.last_week(program, today=today)
    changes = services.changes(counts, snapshot)
    kind = request.GET.get("kind", "")
    if kind not in services.ACTION_KINDS:
        kind = ""
    page = page_of(health.of_kind(kind), request.GET.get("page"), per_page=PAGE_SIZE)
    mentorships = services.rows_for_page(program, list(page.object_list), today=today)
    if access.can_see_people:
        log_action(
            "health.viewed",
            actor=request.user,
            program=program,
            data={"kind": kind, "page": page.number},
            now=timezone.now(),
        )
    labels = services.action_labels()
    plan = services.plan_labels()
    open_pairs = counts["running"] + counts["paused"]
    context = {
        "program": program,
        "can_edit": access.can_edit,
        "can_see_people": access.can_see_people,
        "rules": rules,
        "counts": counts,
        "snapshot": snapshot,
        "kinds": [
            (name, labels[name], counts[name], changes[name], name == kind) for name in services.ACTION_KINDS
        ],
        "all_count": sum(counts[name] for name in services.ACTION_KINDS),
        "kind": kind,
        "kind_label": labels.get(kind, ""),
        "page": page,
        "pages": page_links(request, page),
        "rows": [_row_context(program, row, access, next_url=request.get_full_path()) for row in mentorships],
        "on_track_share": services.share(counts["on_track"], counts["running"]),
        "on_track_change": changes["on_track"],
        "warnings": [labels[name] for name in services.MEETING_WARNINGS],
        "distribution": [
            (name, plan[name], counts[name], services.share(counts[name], open_pairs), changes[name])
            for name in services.PLAN_BUCKETS
        ],
        "meetings_change": changes["meetings_held"],
        "gatherings": figures_for_program(program),
        "settings_form": settings_form
        or SettingsForm(instance=HealthSettings(not_started_weeks=rules.not_started_weeks)),
        "next": request.get_full_path(),
    }
    return render(request, "health/program.html", context, status=status)


@login_required
@require_POST
def mark(request: HttpRequest, pk: int, mentorship: int) -> HttpResponse:
    """A follow-up mark on a pair (contacted, resolved, note): htmx gets the row back, a form without
    JavaScript goes back to the page it came from."""
    access, found = policy.get_mentorship_for_staff(request, pk, mentorship, Access.EDIT)
    program = access.program
    form = MarkForm(request.POST, auto_id=f"id_mark_{found.pk}_%s")
    error = ""
    if form.is_valid():
        try:
            follow_up.mark_follow_up(
                found,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                by=request.user,
                now=timezone.now(),
            )
        except MentoringError as problem:
            error = str(problem)
            form.add_error("text", error)
    htmx = bool(request.headers.get("HX-Request"))
    if htmx:
        today = timezone.localdate()
        health = services.health_of(program, services.rules_for(program, today=today))
        mine = [item for item in health.needing if item[0].pk == found.pk]
        if not mine:  # no longer needs action
            return HttpResponse("")
        (row,) = services.rows_for_page(program, mine, today=today)
        context = _row_context(program, row, access, form if form.errors else None)
        context["saved"] = not form.errors
        return render(request, "health/includes/row.html", context)
    if form.errors:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    else:
        messages.success(request, _("The follow-up is marked."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith(
        reverse("health:program", args=[program.pk])
    ):
        back = reverse("health:program", args=[program.pk])
    return redirect(f"{back}#pair-{found.pk}")


def _save_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """The program's health setting: after how many weeks without a meeting a pair has not started. A
    wrong value comes back on the page, its error by its field."""
    access = policy.access_program(request, pk, Access.EDIT)
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _health_page(request, access, settings_form=form, status=400)
    services.set_not_started_weeks(
        access.program, form.cleaned_data["not_started_weeks"], by=request.user, now=timezone.now()
    )
    messages.success(request, _("The setting is saved."))
    return redirect("health:program", pk=access.program.pk)


@login_required
def organisation_health(request: HttpRequest, pk: int) -> HttpResponse:
    """All the organisation's programs at a glance, for its admins. Queries: the session and the user
    (2), the membership (1), the programs (1), their rules (2), every pair's progress (1), the next
    common meetings (1): fixed, however many programs."""
    organisation = policy.get_organisation_for_admin(request, pk)
    programs = list(Program.objects.filter(organisation=organisation).order_by("name", "pk"))
    figures = services.figures_by_program(programs, today=timezone.localdate())
    upcoming = next_meetings([p.pk for p in programs], now=timezone.now())
    empty = services.ProgramFigures()
    rows = [
        (
            program,
            figures.get(program.pk, empty),
            services.share(figures.get(program.pk, empty).on_track, figures.get(program.pk, empty).running),
            upcoming.get(program.pk),
        )
        for program in programs
    ]
    return render(request, "health/organisation.html", {"organisation": organisation, "rows": rows})


@require_http_methods(["GET", "POST"])
def digest_off(request: HttpRequest, token: str) -> HttpResponse:
    """The digest's own link: turn the weekly digest off (or on again), without logging in. A GET only
    shows the question, so that a mail scanner following links changes nothing."""
    user_id = digest.user_id_from_token(token)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404
    if request.method == "POST":
        on = request.POST.get("digest") == "on"
        digest.set_digest(user, on=on)
        log_action(
            "health.digest_turned_" + ("on" if on else "off"), actor=user, target=user, now=timezone.now()
        )
        messages.success(request, _("The weekly digest is on.") if on else _("The weekly digest is off."))
        return redirect("health_digest:off", token=token)
    with translation.override(user.language):
        return render(request, "health/digest_off.html", {"off": digest.is_opted_out(user), "token": token})
