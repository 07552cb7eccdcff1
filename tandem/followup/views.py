"""The coordinators' follow-up pages. Access through tandem.policy: everyone on the program reads rounds,
surveys and figures; coordinators and partner coordinators change them and enter answers (viewers 403,
and no names for viewers); outsiders 404. Every view of a person's answers or of who has not answered
is audited."""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem import policy
from tandem.audit.services import log_action
from tandem.followup import attainment, cohorts, exports, figures, planning, services, tasks, templates_data
from tandem.followup import results as figures_results
from tandem.followup.forms import QuestionForm, RoundForm, SettingsForm, StaffEntryForm, SurveyPageForm
from tandem.followup.models import FollowUpSettings, GoalMeasure, Kind, Measure, Question, Round, Survey
from tandem.followup.views_public import onsite_url
from tandem.lib.paging import paginate
from tandem.policy import Access
from tandem.reference.choices import Role


@login_required
def index(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, Access.VIEW)
    return _index_page(request, access)


def _index_page(
    request: HttpRequest,
    access: policy.ProgramAccess,
    settings_form: SettingsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The follow-up page; with `settings_form`, the offsets form as posted, its errors by its fields."""
    program = access.program
    now = timezone.now()
    if settings_form is None and access.can_edit:  # not stored on a GET
        settings = FollowUpSettings.objects.filter(program=program).first() or FollowUpSettings(
            program=program
        )
        settings_form = SettingsForm(instance=settings)
    context = {
        "program": program,
        "can_edit": access.can_edit,
        "rounds": [(r, r.state(now)) for r in Round.objects.filter(program=program).order_by("opens_on")],
        "surveys": list(Survey.objects.filter(program=program).order_by("kind", "audience", "pk")),
        "templates": [
            (t.key, f"{Kind(t.kind).label} – {Role(t.audience).label}") for t in templates_data.TEMPLATES
        ],
        "settings_form": settings_form,
    }
    return render(request, "followup/index.html", context, status=status)


@login_required
@require_POST
def save_settings(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, Access.EDIT)
    program = access.program
    form = SettingsForm(request.POST, instance=planning.settings_for(program))
    if not form.is_valid():
        return _index_page(request, access, settings_form=form, status=400)
    form.save()
    moved = planning.replan(program, now=timezone.now())
    log_action("followup.settings_changed", actor=request.user, program=program, data={"moved": moved})
    messages.success(request, _("The offsets are saved; rounds that have not opened follow them."))
    return redirect("followup:index", pk=program.pk)


@login_required
@require_POST
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    program = policy.access_program(request, pk, Access.EDIT).program
    if program.start_date is None or program.length_months is None:
        messages.error(
            request, _("The program needs a start date and a length before its rounds can be planned.")
        )
        return redirect("followup:index", pk=program.pk)
    made = planning.plan_rounds(program, now=timezone.now())
    messages.success(request, _("%(count)s rounds were planned.") % {"count": len(made)})
    return redirect("followup:index", pk=program.pk)


@login_required
@require_POST
def add_consent_question(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask on the application forms whether we may contact the person after the program."""
    program = policy.access_program(request, pk, Access.EDIT).program
    added = services.add_consent_question(program, by=request.user, now=timezone.now())  # type: ignore[arg-type]
    if added:
        messages.success(
            request, _("The question was added to the application forms. Edit it there like any other.")
        )
    else:
        messages.info(request, _("Every application form already asks it (or the program has no form yet)."))
    return redirect("followup:index", pk=program.pk)


@login_required
@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    program = policy.access_program(request, pk, Access.EDIT).program
    key = request.POST.get("template", "")
    template = templates_data.BY_KEY.get(key)
    if template is None:
        messages.error(request, _("Choose one of the ready surveys."))
        return redirect("followup:index", pk=program.pk)
    survey = services.copy_template(
        program,
        template.kind,
        template.audience,
        by=request.user,  # type: ignore[arg-type]
        now=timezone.now(),
    )
    messages.success(request, _("The survey was copied into the program. Edit it here."))
    return redirect("followup:survey", pk=program.pk, survey=survey.pk)


# --- The survey builder ---------------------------------------------------------------------------


@login_required
def survey(request: HttpRequest, pk: int, survey: int) -> HttpResponse:
    found, access = policy.access_survey(request, pk, survey, Access.VIEW)
    version = found.current_version()
    languages = services.survey_languages(found.program)
    questions = list(version.questions.prefetch_related("translations"))
    rows = []
    for question in questions:
        texts = {t.language: t for t in question.translations.all()}
        rows.append((question, [(code, texts.get(code)) for code, _name in languages]))
    context = {
        "program": found.program,
        "survey": found,
        "version": version,
        "rows": rows,
        "languages": languages,
        "can_edit": access.can_edit,
        "answered": version.frozen_at is not None,
    }
    return render(request, "followup/survey.html", context)


def _initial(question: Question | None) -> dict[str, object]:
    if question is None:
        return {"kind": "likert", "shown_to": "both"}
    initial: dict[str, object] = {
        "kind": question.kind,
        "required": question.required,
        "shown_to": question.shown_to,
        "new_page": question.new_page,
    }
    for t in question.translations.all():
        initial[f"label_{t.language}"] = t.label
        initial[f"help_{t.language}"] = t.help_text
        initial[f"choices_{t.language}"] = "\n".join(t.choices or [])
    return initial


def _edit_question(request: HttpRequest, pk: int, survey_pk: int, key: str | None) -> HttpResponse:
    found, _access = policy.access_survey(request, pk, survey_pk, Access.EDIT)
    question = None
    if key is not None:
        question = found.current_version().questions.prefetch_related("translations").filter(key=key).first()
        if question is None:
            raise Http404
    languages = services.survey_languages(found.program)
    form = QuestionForm(request.POST or None, initial=_initial(question), languages=languages)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(
                found,
                key=key,
                kind=form.cleaned_data["kind"],
                required=form.cleaned_data["required"],
                shown_to=form.cleaned_data["shown_to"],
                new_page=form.cleaned_data["new_page"],
                wordings=form.wordings(),
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The question is saved."))
            return redirect("followup:survey", pk=found.program.pk, survey=found.pk)
    context = {"program": found.program, "survey": found, "form": form, "question": question}
    return render(request, "followup/question.html", context)


@login_required
def question_new(request: HttpRequest, pk: int, survey: int) -> HttpResponse:
    return _edit_question(request, pk, survey, None)


@login_required
def question_edit(request: HttpRequest, pk: int, survey: int, key: str) -> HttpResponse:
    return _edit_question(request, pk, survey, key)


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, survey: int, key: str) -> HttpResponse:
    found, _access = policy.access_survey(request, pk, survey, Access.EDIT)
    try:
        services.move_question(
            found,
            key,
            up=request.POST.get("direction") == "up",
            by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        )
    except services.SurveyError as error:
        messages.error(request, str(error))
    return redirect("followup:survey", pk=found.program.pk, survey=found.pk)


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int, survey: int, key: str) -> HttpResponse:
    found, _access = policy.access_survey(request, pk, survey, Access.EDIT)
    services.remove_question(found, key, by=request.user, now=timezone.now())  # type: ignore[arg-type]
    messages.success(request, _("The question was removed. Answers already given keep it."))
    return redirect("followup:survey", pk=found.program.pk, survey=found.pk)


# --- Rounds ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_detail(request: HttpRequest, pk: int, round: int) -> HttpResponse:  # noqa: A002
    """A round's figures and who has not answered; a POST changes the round (coordinators), and a
    form with errors comes back on this page, each error by its field."""
    if request.method == "POST":
        return _round_edit(request, pk, round)
    found, access = policy.access_round(request, pk, round, Access.VIEW)
    return _round_page(request, found, access)


def _round_page(
    request: HttpRequest,
    found: Round,
    access: policy.ProgramAccess,
    form: RoundForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """A round's page; with `form`, the round's form as posted, its errors by its fields."""
    pages = paginate(request, figures.not_answered(found)) if access.can_see_people else None
    missing = list(pages.page.object_list) if pages is not None else []
    if access.can_see_people:
        log_action(
            "followup.not_answered_viewed",
            actor=request.user,
            program=found.program,
            target=found,
            data={"count": len(missing)},
        )
    if form is None and access.can_edit:
        form = RoundForm(instance=found)
    context = {
        "program": found.program,
        "round": found,
        "figures": figures.figures_for(found),
        "missing": missing,
        "pages": pages,
        "can_edit": access.can_edit,
        "can_see_people": access.can_see_people,
        "form": form,
        "state": found.state(timezone.now()),
        "onsite_url": request.build_absolute_uri(onsite_url(found)),
    }
    return render(request, "followup/round.html", context, status=status)


@login_required
def round_results(request: HttpRequest, pk: int, round: int) -> HttpResponse:  # noqa: A002
    """The answers question by question, mentees and mentors side by side; free text only for those who
    see people (it may name someone), and no figure for a group of fewer than five."""
    found, access = policy.access_round(request, pk, round, Access.VIEW)
    results = figures_results.round_results(found, language=translation.get_language() or "sv")
    if access.can_see_people:
        log_action("followup.results_viewed", actor=request.user, program=found.program, target=found)
    goals, personal = (
        attainment.goal_attainment(found.program) if found.step in ATTAINMENT_STEPS else ([], None)
    )
    context = {
        "program": found.program,
        "round": found,
        "results": results,
        "goals": goals,
        "personal": personal,
        "measures": Measure.choices,
        "can_edit": access.can_edit,
        "can_see_people": access.can_see_people,
        "min_group": figures_results.MIN_GROUP,
    }
    return render(request, "followup/results.html", context)


ATTAINMENT_STEPS = (Round.Step.GOAL, Round.Step.EFFECT_6, Round.Step.EFFECT_12)


@login_required
def round_cohorts(request: HttpRequest, pk: int, round: int) -> HttpResponse:  # noqa: A002
    """This round beside the same round of the earlier cohorts of the program line (figures only)."""
    found, _access = policy.access_round(request, pk, round, Access.VIEW)
    context = {
        "program": found.program,
        "round": found,
        "comparison": cohorts.compare(found, language=translation.get_language() or "sv"),
        "min_group": figures_results.MIN_GROUP,
    }
    return render(request, "followup/cohorts.html", context)


@login_required
@require_POST
def goal_measures(request: HttpRequest, pk: int, round: int) -> HttpResponse:  # noqa: A002
    """Which answers measure each program goal (one choice per goal, `measure_<goal id>`)."""
    found, _access = policy.access_round(request, pk, round, Access.EDIT)
    allowed = set(Measure.values)
    chosen = {}
    for goal in found.program.goals.all():
        value = request.POST.get(f"measure_{goal.pk}", Measure.RATING)
        if value not in allowed:
            messages.error(request, _("Choose how the goal is measured from the list."))
            return redirect("followup:results", pk=found.program.pk, round=found.pk)
        chosen[goal.pk] = value
    with transaction.atomic():
        for goal_id, value in chosen.items():
            GoalMeasure.objects.update_or_create(goal_id=goal_id, defaults={"measure": value})
    log_action("followup.goal_measures_changed", actor=request.user, program=found.program, target=found)
    messages.success(request, _("The goals' measures are saved."))
    return redirect("followup:results", pk=found.program.pk, round=found.pk)


@login_required
def round_export(request: HttpRequest, pk: int, round: int, fmt: str) -> HttpResponse:  # noqa: A002
    """Every response of the round, one row each, as CSV or XLSX: for those who see people (403 viewers);
    audited."""
    found, access = policy.access_round(request, pk, round, Access.VIEW)
    if not access.can_see_people:
        raise PermissionDenied
    log_action(
        "followup.answers_exported",
        actor=request.user,
        program=found.program,
        target=found,
        data={"format": fmt},
    )
    if fmt == "csv":
        response = HttpResponse(exports.as_csv(found), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(found),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="round-{found.pk}.{fmt}"'
    return response


def _round_edit(request: HttpRequest, pk: int, round: int) -> HttpResponse:  # noqa: A002
    found, access = policy.access_round(request, pk, round, Access.EDIT)
    form = RoundForm(request.POST, instance=found)
    if not form.is_valid():
        # the page shows the round as saved (validating changed `found`) and the form as posted
        saved, _access = policy.access_round(request, pk, round, Access.EDIT)
        return _round_page(request, saved, access, form=form, status=400)
    changed = form.save(commit=False)
    changed.reminder_days = form.cleaned_data["reminder_text"]
    changed.save()
    log_action("followup.round_changed", actor=request.user, program=found.program, target=found)
    messages.success(request, _("The round is saved."))
    return redirect("followup:round", pk=found.program.pk, round=found.pk)


@login_required
@require_POST
def round_open(request: HttpRequest, pk: int, round: int) -> HttpResponse:  # noqa: A002
    """Open the round today: the worker sends the invitations."""
    found, _access = policy.access_round(request, pk, round, Access.EDIT)
    now = timezone.now()
    if found.state(now) == "closed":
        messages.error(request, _("This round has closed."))
        return redirect("followup:round", pk=found.program.pk, round=found.pk)
    today = timezone.localdate(now)
    if found.opens_on > today:
        Round.objects.filter(pk=found.pk).update(opens_on=today)
    tasks.open_in_background(found.pk)
    log_action("followup.round_opened_by_hand", actor=request.user, program=found.program, target=found)
    messages.success(request, _("The round is opening: the invitations are being sent."))
    return redirect("followup:round", pk=found.program.pk, round=found.pk)


@login_required
def round_qr(request: HttpRequest, pk: int, round: int) -> HttpResponse:  # noqa: A002
    """A page to show on a screen or print: the on-site link and its QR code (SVG made here)."""
    found, _access = policy.access_round(request, pk, round, Access.VIEW)
    url = request.build_absolute_uri(onsite_url(found))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", xmldecl=False, scale=10, title=_("QR code for %(url)s") % {"url": url}
    )
    svg = mark_safe(buffer.getvalue().decode())  # noqa: S308 - made by segno from our own URL
    context = {"program": found.program, "round": found, "url": url, "qr": svg}
    return render(request, "followup/round_qr.html", context)


@login_required
def enter(request: HttpRequest, pk: int, round: int, invitation: int) -> HttpResponse:  # noqa: A002
    """A coordinator types a participant's answers during a phone call or from a paper form: all items on
    one page; the response is marked with the channel, who entered it and when."""
    found, _access = policy.get_round_invitation_for_staff(request, pk, round, invitation)
    round_ = found.round
    now = timezone.now()
    response = services.response_for_invitation(found)
    survey_ = round_.survey_for(found.role)
    if survey_ is None:
        raise Http404
    version = response.version if response is not None else survey_.current_version()
    pages = services.pages_for(
        version,
        role=found.role,
        language="sv",
        program_id=round_.program_id,
        mentorship_id=found.mentorship_id,
    )
    items = [item for page in pages for item in page]
    if request.method == "GET":
        log_action(
            "followup.response_opened_by_staff",
            actor=request.user,
            program=round_.program,
            target=found,
            data={"round": round_.pk},
        )
    complete = response is not None and response.is_complete
    channel_form = StaffEntryForm(request.POST or None)
    form = SurveyPageForm(items, data=request.POST or None, answers=services.answers_of(response))
    if request.method == "POST" and not complete and channel_form.is_valid() and form.is_valid():
        try:
            services.save_answers(
                round_,
                response=response,
                invitation=found,
                role=found.role,
                version=version,
                values=form.values(),
                page=len(pages),
                channel=channel_form.cleaned_data["channel"],
                language="sv",
                complete=True,
                now=now,
                by=request.user,  # type: ignore[arg-type]
            )
        except services.AlreadyAnswered:
            complete = True
        else:
            messages.success(request, _("The answers are saved, marked as entered by you."))
            return redirect("followup:round", pk=round_.program.pk, round=round_.pk)
    context = {
        "program": round_.program,
        "round": round_,
        "invitation": found,
        "response": response,
        "complete": complete,
        "form": form,
        "channel_form": channel_form,
        "phone": found.application.phone,
    }
    return render(
        request, "followup/enter.html", context, status=409 if complete and request.method == "POST" else 200
    )
