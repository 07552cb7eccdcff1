"""The requirement-profile editor: /programs/<pk>/requirements/<role>/…

Views: access helper → form → service → redirect. The pass count beside the form is live with htmx
(`preview`) and, without JavaScript, shown by the form's "Preview" button. The occupation picker's hits
come the same two ways: from `occupations` while the coordinator types, or from the form's "Search" button.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from tandem import policy
from tandem.programs.models import Program
from tandem.reference.choices import CriterionKind, Role
from tandem.requirements import services
from tandem.requirements.applicants import FormQuestion
from tandem.requirements.evaluation import CriterionSpec
from tandem.requirements.forms import FORMS, KindForm, QuestionChoiceForm, criterion_form, unchecked_form
from tandem.requirements.models import Criterion
from tandem.requirements.occupation_picker import occupation_picker
from tandem.requirements.words import criterion_words

TITLES = {
    Role.MENTEE: _lazy("Requirement profile for mentees"),
    Role.MENTOR: _lazy("Requirement profile for mentors"),
}


def _role(role: str) -> Role:
    if role not in Role.values:
        raise Http404
    return Role(role)


def _page(program: Program, role: str, **context) -> dict:
    """What every page of the editor shows: the program, the role, and the way to the other role."""
    other = Role.MENTOR if role == Role.MENTEE else Role.MENTEE
    return {
        "program": program,
        "role": role,
        "title": TITLES[role],
        "other_role": other,
        "other_title": TITLES[other],
        **context,
    }


def _criterion(program: Program, role: str, criterion_id: int) -> Criterion:
    criterion = (
        Criterion.objects.select_related("profile__program__organisation")
        .filter(pk=criterion_id, profile__program=program, profile__role=role)
        .first()
    )
    if criterion is None:
        raise Http404
    return criterion


def _rows(criteria: list[Criterion]) -> list[dict]:
    return [
        {"criterion": c, "label": c.get_kind_display(), "words": criterion_words(c.kind, c.params)}
        for c in criteria
    ]


def _saved_message(request: HttpRequest, result: services.Reevaluation) -> None:
    if result.queued:
        messages.success(
            request,
            _("The profile is saved. %(count)s applications are being checked again; this takes a moment.")
            % {"count": result.count},
        )
    else:
        messages.success(
            request,
            ngettext(
                "The profile is saved and %(count)s application was checked again.",
                "The profile is saved and %(count)s applications were checked again.",
                result.count,
            )
            % {"count": result.count},
        )


def _after_save(program, role: str, result: services.Reevaluation) -> HttpResponse:
    """Back to the profile; to the job's progress page when the worker checks the applications."""
    if result.job_id is not None:
        return redirect("jobs:job", pk=program.pk, job=result.job_id)
    return redirect("requirements:profile", pk=program.pk, role=role)


@login_required
@require_http_methods(["GET"])
def profile(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    access = policy.access_program(request, pk, policy.Access.VIEW)
    program = access.program
    role = _role(role)
    criteria = services.profile_criteria(program, role)
    context = _page(
        program,
        role,
        rows=_rows(criteria),
        count=services.count_passing(program, role, criteria, today=timezone.localdate()),
        kind_form=KindForm(),
        can_edit=access.can_edit,
    )
    return render(request, "requirements/profile.html", context)


def _edit_page(
    request: HttpRequest,
    program: Program,
    role: str,
    kind: str,
    criterion: Criterion | None,
    question: FormQuestion | None = None,
) -> HttpResponse:
    """Add (criterion None) or edit one criterion: save, or only preview the pass count. A criterion on a
    custom question has its `question`."""
    data = request.POST if request.method == "POST" else None
    form = criterion_form(kind, data=data, criterion=criterion, question=question)
    # "preview" (the pass count) and "search" (the occupation picker without JavaScript) save nothing.
    action = request.POST.get("action") if data is not None else None
    if data is not None and action not in ("preview", "search") and form.is_valid():
        values = {
            "importance": form.cleaned_data["importance"],
            "weight": form.cleaned_data["weight"],
            "params": form.cleaned_params,
        }
        try:
            if criterion is None:
                _added, result = services.add_criterion(
                    program, role, kind=kind, by=request.user, now=timezone.now(), **values
                )
            else:
                result = services.update_criterion(criterion, by=request.user, now=timezone.now(), **values)
        except services.QuestionNotOnForm as error:
            form.add_error(None, error)
        else:
            _saved_message(request, result)
            return _after_save(program, role, result)
    saved_count = services.count_passing(
        program, role, services.profile_criteria(program, role), today=timezone.localdate()
    )
    if data is not None:
        count = _preview_count(program, role, form, criterion)
    else:
        count = saved_count if criterion is not None else None
    if action == "search":
        form = unchecked_form(
            kind, data, question=question
        )  # as filled in, without complaints about what is missing yet
    context = _page(
        program,
        role,
        kind=kind,
        kind_label=CriterionKind(kind).label,
        form=form,
        criterion=criterion,
        question=question,
        count=count,
        saved_count=saved_count,
    )
    return render(request, "requirements/criterion_form.html", context)


def _preview_count(
    program: Program, role: str, form, criterion: Criterion | None
) -> services.PassCount | None:
    """The pass count with the criterion as the form has it now; None while the form is incomplete."""
    if not form.is_valid():
        return None
    changed = CriterionSpec(
        kind=form.kind,
        importance=form.cleaned_data["importance"],
        params=form.cleaned_params,
        weight=form.cleaned_data["weight"],
    )
    criteria = services.with_change(
        services.profile_criteria(program, role), changed, replacing=criterion.pk if criterion else None
    )
    return services.count_passing(program, role, criteria, today=timezone.localdate())


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    role = _role(role)
    kind = request.POST.get("kind") or request.GET.get("kind")
    if kind not in FORMS:
        kind_form = KindForm(request.GET if "kind" in request.GET else None)
        kind_form.is_valid()
        return render(request, "requirements/choose_kind.html", _page(program, role, kind_form=kind_form))
    if kind == CriterionKind.CUSTOM_QUESTION:
        return _custom_question_step(request, program, role)
    return _edit_page(request, program, role, kind, None)


def _custom_question_step(request: HttpRequest, program: Program, role: str) -> HttpResponse:
    """A criterion on a custom question: first which question of the role's form (a question of another
    form or program is refused with a clear error), then its form."""
    questions = services.form_questions(program, role)
    chosen = request.POST.get("question") or request.GET.get("question")
    question_form = QuestionChoiceForm({"question": chosen} if chosen else None, questions=questions)
    if chosen and question_form.is_valid():
        question = services.question_of_form(program, role, question_form.cleaned_data["question"])
        if question is not None:
            return _edit_page(request, program, role, CriterionKind.CUSTOM_QUESTION, None, question)
    context = _page(program, role, question_form=question_form, questions=questions)
    status = 400 if chosen else 200
    return render(request, "requirements/choose_question.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request: HttpRequest, pk: int, role: str, criterion_id: int) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    role = _role(role)
    criterion = _criterion(program, role, criterion_id)
    question = None
    if criterion.kind == CriterionKind.CUSTOM_QUESTION:
        question = services.question_of_form(program, role, criterion.params.get("question"))
        if question is None:
            messages.error(
                request,
                _("The question of this criterion is no longer on the form. Remove the criterion instead."),
            )
            return redirect("requirements:profile", pk=program.pk, role=role)
    return _edit_page(request, program, role, criterion.kind, criterion, question)


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int, role: str, criterion_id: int) -> HttpResponse:
    program = policy.get_program_for_edit(request, pk)
    role = _role(role)
    criterion = _criterion(program, role, criterion_id)
    result = services.remove_criterion(criterion, by=request.user, now=timezone.now())
    _saved_message(request, result)
    return _after_save(program, role, result)


@login_required
@require_POST
def preview(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    """The pass count for the form as it is being filled in (htmx swaps it in beside the form)."""
    program = policy.get_program_for_edit(request, pk)
    role = _role(role)
    kind = request.POST.get("kind")
    if kind not in FORMS:
        raise Http404
    criterion = None
    if request.POST.get("criterion"):
        try:
            criterion = _criterion(program, role, int(request.POST["criterion"]))
        except ValueError as bad_id:
            raise Http404 from bad_id
    question = None
    if kind == CriterionKind.CUSTOM_QUESTION:
        question = services.question_of_form(program, role, request.POST.get("question"))
        if question is None:
            raise Http404
    form = criterion_form(kind, data=request.POST, criterion=criterion, question=question)
    context = {"count": _preview_count(program, role, form, criterion), "role": role}
    return render(request, "requirements/includes/pass_count.html", context)


@login_required
@require_POST
def occupations(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    """The occupation picker's hits for the words in its search box, with the groups ticked now listed as
    chosen (htmx swaps them into the criterion form while the coordinator types). Changes nothing."""
    policy.get_program_for_edit(request, pk)
    _role(role)
    picker = occupation_picker(
        request.POST.getlist("codes"), request.POST.get("query", ""), language=get_language() or "sv"
    )
    return render(request, "requirements/includes/occupation_update.html", {"picker": picker})
