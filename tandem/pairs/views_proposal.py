"""A run's proposal: the table of pairs with scores and reasons, the coordinator's changes to it,
comparing two runs, and publishing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
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
from tandem.jobs.services import running_job
from tandem.lib.paging import paginate
from tandem.pairs import jobs, services
from tandem.pairs.compare import changed_mentees, changes, compare_runs
from tandem.pairs.forms import PickForm, ProposalFilterForm, SwapForm
from tandem.pairs.models import MatchingRun, PairConstraint, ProposedPair, UnmatchedMentee
from tandem.pairs.reasons import describe_stored, staff_language, staff_reasons
from tandem.programs.models import Program
from tandem.reference.data import ssyk_title


def _run(program: Program, number: int) -> MatchingRun:
    return get_object_or_404(MatchingRun, program=program, number=number)


def _proposal_url(program: Program, run: MatchingRun) -> str:
    return reverse("pairs:proposal", kwargs={"pk": program.pk, "run": run.number})


@dataclass
class Candidate:
    mentor: Application | None
    mentor_id: int
    score: float
    has_room: bool


@dataclass
class Row:
    """One line of the proposal: a pair (or an unmatched mentee) with what the page shows about it."""

    item: ProposedPair | UnmatchedMentee
    locked: bool
    reasons: list[str]
    candidates: list[Candidate]

    @property
    def can_pick(self) -> bool:
        return any(c.has_room for c in self.candidates)

    @property
    def mentee(self) -> Application:
        return self.item.mentee


def _candidates(item, mentors: dict[int, Application], room: Counter) -> list[Candidate]:
    return [
        Candidate(mentors.get(c["mentor"]), c["mentor"], c["score"], room[c["mentor"]] > 0)
        for c in item.candidates
        if c["mentor"] in mentors
    ]


def _occupations(run: MatchingRun) -> list[tuple[str, str]]:
    """The occupations the run's mentees want, for the filter (one query)."""
    lang = staff_language()
    codes = sorted(
        set(
            run.proposed_pairs.exclude(mentee__occupation_wanted="")
            .order_by()
            .values_list("mentee__occupation_wanted", flat=True)
            .distinct()
        )
    )
    return [(code, f"{ssyk_title(code, lang) or code} ({code})") for code in codes]  # type: ignore[arg-type]


def _proposal_context(request: HttpRequest, access: policy.ProgramAccess, run: MatchingRun) -> dict:
    """What the proposal page shows: a page of 50 pairs and one of 50 unmatched mentees, in a fixed
    number of queries whatever the number of pairs (see test_proposal_changes)."""
    program = access.program
    filters = ProposalFilterForm(request.GET or None, occupations=_occupations(run))
    # The page is chosen on the narrow rows (ids), then its 50 pairs are read with their reasons: the
    # database never sorts thousands of rows with their JSON.
    pages = paginate(request, filters.apply(run.proposed_pairs.all()).values_list("id", flat=True))
    ids = list(pages.page.object_list)
    by_id = ProposedPair.objects.select_related("mentee", "mentor").in_bulk(ids)
    pairs = [by_id[pk] for pk in ids]
    unmatched_pages = paginate(request, run.unmatched.select_related("mentee"), param="unmatched_page")
    unmatched = list(unmatched_pages.page.object_list)
    shown_mentees = [p.mentee_id for p in pairs]
    constraints = list(
        PairConstraint.objects.filter(program=program)
        .filter(Q(kind=PairConstraint.Kind.FORBID) | Q(mentee_id__in=shown_mentees))
        .select_related("mentee", "mentor")
    )
    locked = {(c.mentee_id, c.mentor_id) for c in constraints if c.kind == PairConstraint.Kind.LOCK}
    wanted = {c["mentor"] for item in [*pairs, *unmatched] for c in item.candidates}
    mentors = {
        a.pk: a
        for a in Application.objects.filter(pk__in=wanted | {p.mentor_id for p in pairs}).only(
            "id", "first_name", "last_name"
        )
    }
    used = Counter(
        dict(
            run.proposed_pairs.filter(mentor_id__in=wanted)
            .order_by()
            .values("mentor_id")
            .annotate(n=Count("id"))
            .values_list("mentor_id", "n")
        )
    )
    room = Counter({int(k): v - used[int(k)] for k, v in run.capacities.items() if int(k) in wanted})
    runs = list(MatchingRun.objects.filter(program=program))
    standing = services.run_standing(run, runs)
    can_edit = access.can_edit and standing.is_current
    shown_count = pages.page.paginator.count
    pair_count = run.proposed_pairs.count() if filters.is_filtering else shown_count
    return {
        "program": program,
        "run": run,
        "standing": standing,
        "can_edit": can_edit,
        "filters": filters,
        "pages": pages,
        "rows": [
            Row(
                p,
                (p.mentee_id, p.mentor_id) in locked,
                staff_reasons(p.reasons),
                _candidates(p, mentors, room),
            )
            for p in pairs
        ],
        "shown_all": not filters.is_filtering,
        "shown_count": shown_count,
        "pair_count": pair_count,
        "unmatched_pages": unmatched_pages,
        "unmatched_count": unmatched_pages.page.paginator.count,
        "unmatched_rows": [
            Row(u, False, [describe_stored(u.reason)] if u.reason else [], _candidates(u, mentors, room))
            for u in unmatched
        ],
        "forbids": [c for c in constraints if c.kind == PairConstraint.Kind.FORBID],
        "swap_form": SwapForm(pairs=sorted(pairs, key=lambda p: p.mentee.full_name.casefold())),
        "other_runs": [r.number for r in runs if r.is_done and r.pk != run.pk],
        "average": round(run.total_score / run.matched_count) if run.matched_count else None,
    }


@login_required
def proposal(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    access = policy.access_people(request, pk, policy.Access.VIEW)
    program = access.program
    found = _run(program, run)
    if request.headers.get("HX-Request") and found.status != MatchingRun.Status.RUNNING:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # done: htmx reloads the whole page
        return response
    if found.status == MatchingRun.Status.RUNNING:
        template = (
            "pairs/includes/running.html" if request.headers.get("HX-Request") else "pairs/running.html"
        )
        return render(request, template, {"program": program, "run": found})
    context = _proposal_context(request, access, found)
    shown = {r.item.mentee_id for r in [*context["rows"], *context["unmatched_rows"]]}
    shown |= {r.item.mentor_id for r in context["rows"]}
    log_view(
        "matching.viewed",
        actor=request.user,
        program=program,
        subjects={subjects.APPLICATION: sorted(shown)},
        data={"run": found.number},
        now=timezone.now(),
    )
    return render(request, "pairs/proposal.html", context)


def _proposed(program: Program, run: int, proposed: int) -> ProposedPair:
    return get_object_or_404(
        ProposedPair.objects.select_related("run__program__organisation"),
        pk=proposed,
        run__number=run,
        run__program=program,
    )


def _change(request: HttpRequest, pk: int, run: int, change, success) -> HttpResponse:
    """Shared shape of the row buttons: edit access, the change, a message, back to the proposal
    (Post/Redirect/Get, also when the change is refused). ``success``: the message, or a function of
    what the change returned that gives it."""
    program = policy.get_program_for_edit(request, pk)
    found = _run(program, run)
    try:
        services.check_current(found)
        result = change(program, found)
    except services.MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(_proposal_url(program, found))


@login_required
@require_POST
def lock(request: HttpRequest, pk: int, run: int, proposed: int) -> HttpResponse:
    def change(program, found):
        services.lock_pair(_proposed(program, run, proposed), by=request.user, now=timezone.now())

    return _change(request, pk, run, change, _("The pair is locked: a new run keeps it."))


@login_required
@require_POST
def unlock(request: HttpRequest, pk: int, run: int, proposed: int) -> HttpResponse:
    def change(program, found):
        services.unlock_pair(_proposed(program, run, proposed), by=request.user, now=timezone.now())

    return _change(request, pk, run, change, _("The pair is no longer locked."))


@login_required
@require_POST
def forbid(request: HttpRequest, pk: int, run: int, proposed: int) -> HttpResponse:
    def change(program, found):
        return services.forbid_pair(_proposed(program, run, proposed), by=request.user, now=timezone.now())

    def success(unmatched: UnmatchedMentee) -> str:
        if services.free_candidates(unmatched, services.places_left(unmatched.run)):
            return _("The pair is forbidden. Pick another mentor below, or run the matching again.")
        return _(
            "The pair is forbidden. No other mentor who may be paired with %(name)s has a free place in "
            "this proposal: run the matching again, or put %(name)s on the waitlist."
        ) % {"name": unmatched.mentee.full_name}

    return _change(request, pk, run, change, success)


@login_required
@require_POST
def pick(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    form = PickForm(request.POST)

    def change(program, found):
        if not form.is_valid():
            raise services.MatchingError(_("Choose a mentor."))
        services.pick_mentor(
            found,
            form.cleaned_data["mentee"],
            form.cleaned_data["mentor"],
            by=request.user,
            now=timezone.now(),
        )

    return _change(request, pk, run, change, _("The new mentor is in place and locked."))


@login_required
@require_POST
def swap(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    def change(program, found):
        posted = [request.POST.get(name, "") for name in ("first", "second")]
        chosen = [int(value) for value in posted if value.isdigit()]
        pairs = list(found.proposed_pairs.filter(pk__in=chosen).select_related("mentee", "mentor"))
        form = SwapForm(request.POST, pairs=pairs)
        if not form.is_valid():
            raise services.MatchingError(
                " ".join(
                    f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
                    for name, errors in form.errors.items()
                    for error in errors
                )
            )
        by_pk = {p.pk: p for p in pairs}
        services.swap_mentors(
            by_pk[form.cleaned_data["first"]],
            by_pk[form.cleaned_data["second"]],
            by=request.user,
            now=timezone.now(),
        )

    return _change(request, pk, run, change, _("The mentors are swapped, and both pairs are locked."))


@login_required
@require_POST
def waitlist(request: HttpRequest, pk: int, run: int, unmatched: int) -> HttpResponse:
    def change(program, found):
        row = get_object_or_404(
            UnmatchedMentee.objects.select_related("mentee", "run__program__organisation"),
            pk=unmatched,
            run=found,
        )
        services.waitlist_mentee(row, by=request.user, now=timezone.now())

    return _change(request, pk, run, change, _("The mentee is on the waitlist for the next program."))


@login_required
def compare(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    program = policy.access_people(request, pk, policy.Access.VIEW).program
    found = _run(program, run)
    others = list(
        MatchingRun.objects.filter(program=program, status=MatchingRun.Status.DONE).exclude(pk=found.pk)
    )
    if not others:
        messages.info(request, _("There is no other run to compare with yet."))
        return redirect(_proposal_url(program, found))
    wanted = request.GET.get("with", "")
    other = next((r for r in others if str(r.number) == wanted), None)
    if other is None:
        other = next((r for r in others if r.number < found.number), others[0])
    comparison = compare_runs(found, other)
    pages = paginate(request, changed_mentees(comparison))
    shown = list(pages.page.object_list)
    people = {m.pk for m in shown} | {m.before_mentor for m in shown} | {m.after_mentor for m in shown}
    if shown:
        log_view(
            "matching.viewed",
            actor=request.user,
            program=program,
            subjects={subjects.APPLICATION: sorted(people - {None})},
            data={"run": found.number, "compared_with": other.number},
            now=timezone.now(),
        )
    context = {
        "program": program,
        "run": found,
        "others": others,
        "comparison": comparison,
        "pages": pages,
        "changes": changes(shown),
    }
    return render(request, "pairs/compare.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    found = _run(program, run)
    now = timezone.now()
    if request.method == "POST":
        # The worker publishes (short transactions, e-mails in bulk); this request only starts the job.
        try:
            job = jobs.start_publishing(found, by=request.user, now=now)
        except services.MatchingError as error:
            messages.error(request, str(error))
            if found.published_at is not None:
                return redirect("pairs:pair_list", pk=program.pk)
            return redirect(_proposal_url(program, found))
        return redirect("jobs:job", pk=program.pk, job=job.pk)
    if (running := running_job(jobs.publish_key(program.pk), now=now)) is not None:
        return redirect("jobs:job", pk=program.pk, job=running.pk)
    if found.published_at is not None:
        return redirect("pairs:pair_list", pk=program.pk)
    try:
        services.check_current(found)
    except services.MatchingError as error:
        messages.error(request, str(error))
        return redirect(_proposal_url(program, found))
    settings = services.settings_for(program)
    context = {
        "program": program,
        "run": found,
        "settings": settings,
        "deadline": timezone.now() + timedelta(days=settings.answer_days),
        "unmatched_count": found.unmatched.count(),
    }
    return render(request, "pairs/publish.html", context)
