"""Surveys and answers: copying a ready template, editing (a frozen version is copied first), the items a
person is shown (goal questions expanded), and storing answers page by page. Each change is atomic.

Answers are keyed by the question's `key` (and the goal row), not its id: a page rendered before the
survey changed still lands on the same questions where they remain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.services import log_action
from tandem.followup import templates_data
from tandem.followup.models import (
    Answer,
    Channel,
    Invitation,
    LaterContact,
    Question,
    QuestionKind,
    QuestionTranslation,
    Response,
    Round,
    Survey,
    SurveyVersion,
)
from tandem.mentoring.models import Mentorship, Participant, PersonalGoal
from tandem.programs.models import Goal, Program

SOURCE_LANGUAGE = "sv"


class SurveyError(Exception):
    """Something a person asked for cannot be done; the message says why, in their language."""


class AlreadyAnswered(SurveyError):
    pass


class RoundClosed(SurveyError):
    pass


# --- Surveys and their versions -----------------------------------------------------------------


def copy_template(program: Program, kind: str, audience: str, *, by: User | None, now: datetime) -> Survey:
    """The ready template for `kind` and `audience` copied into the program as a new survey."""
    template = templates_data.template_for(kind, audience)
    with transaction.atomic():
        survey = Survey.objects.create(
            program=program,
            kind=kind,
            audience=audience,
            title=template.titles[SOURCE_LANGUAGE],
            template=template.key,
            created_at=now,
        )
        version = SurveyVersion.objects.create(survey=survey, number=1, created_at=now)
        for order, spec in enumerate(template.questions):
            question = Question.objects.create(
                version=version,
                key=spec.key,
                kind=spec.kind,
                required=spec.required,
                new_page=spec.new_page,
                order=order,
            )
            QuestionTranslation.objects.bulk_create(
                QuestionTranslation(
                    question=question, language=language, label=label, choices=spec.choices.get(language, [])
                )
                for language, label in spec.labels.items()
            )
        log_action(
            "followup.survey_copied",
            actor=by,
            program=program,
            target=survey,
            data={"template": template.key},
            now=now,
        )
    return survey


def editable_version(survey: Survey, *, now: datetime) -> SurveyVersion:
    """The version edits go to: the current one while nobody has answered it, else a new copy of it."""
    with transaction.atomic():
        current = SurveyVersion.objects.select_for_update().filter(survey=survey).order_by("-number").first()
        assert current is not None
        if current.frozen_at is None:
            return current
        copy = SurveyVersion.objects.create(survey=survey, number=current.number + 1, created_at=now)
        for question in current.questions.prefetch_related("translations"):
            translations = list(question.translations.all())
            question.pk = None
            question.version = copy
            question.save()
            QuestionTranslation.objects.bulk_create(
                QuestionTranslation(
                    question=question,
                    language=t.language,
                    label=t.label,
                    help_text=t.help_text,
                    choices=t.choices,
                )
                for t in translations
            )
        return copy


def _touch(version: SurveyVersion) -> None:
    SurveyVersion.objects.filter(pk=version.pk).update(revision=version.revision + 1)
    version.revision += 1


@dataclass(frozen=True)
class Wording:
    label: str
    help_text: str = ""
    choices: tuple[str, ...] = ()


def _check_wordings(kind: str, wordings: Mapping[str, Wording]) -> None:
    source = wordings.get(SOURCE_LANGUAGE)
    if source is None or not source.label.strip():
        raise SurveyError(_("Write the question in Swedish first."))
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(source.choices) < 2:
        raise SurveyError(_("A choice question needs at least two choices."))
    if kind == QuestionKind.LIKERT and len(source.choices) not in (0, 5):
        raise SurveyError(_("Give all five labels of the scale, from 1 to 5, or none."))
    for language, wording in wordings.items():
        if wording.label and wording.choices and len(wording.choices) != len(source.choices):
            raise SurveyError(
                _("The %(language)s translation needs as many choices as the Swedish question.")
                % {"language": language}
            )


def save_question(
    survey: Survey,
    *,
    key: str | None,
    kind: str,
    required: bool,
    shown_to: str,
    new_page: bool,
    wordings: Mapping[str, Wording],
    by: User,
    now: datetime,
) -> Question:
    """Add a question (`key` None) or change the question with `key`, in the version edits go to."""
    _check_wordings(kind, wordings)
    with transaction.atomic():
        version = editable_version(survey, now=now)
        if key is None:
            taken = set(version.questions.values_list("key", flat=True))
            number = len(taken) + 1
            while f"q{number}" in taken:
                number += 1
            last = version.questions.aggregate(last=Max("order"))["last"]
            question = Question(version=version, key=f"q{number}", order=(last or 0) + 1)
        else:
            found = version.questions.filter(key=key).first()
            if found is None:
                raise SurveyError(_("This question is no longer in the survey."))
            question = found
        question.kind, question.required, question.shown_to, question.new_page = (
            kind,
            required,
            shown_to,
            new_page,
        )
        question.save()
        question.translations.all().delete()
        QuestionTranslation.objects.bulk_create(
            QuestionTranslation(
                question=question,
                language=language,
                label=w.label.strip(),
                help_text=w.help_text.strip(),
                choices=[c.strip() for c in w.choices if c.strip()],
            )
            for language, w in wordings.items()
            if w.label.strip()
        )
        _touch(version)
        log_action(
            "followup.question_saved",
            actor=by,
            program=survey.program,
            target=survey,
            data={"version": version.number, "key": question.key},
            now=now,
        )
    return question


def move_question(survey: Survey, key: str, *, up: bool, by: User, now: datetime) -> None:
    with transaction.atomic():
        version = editable_version(survey, now=now)
        questions = list(version.questions.all())
        index = next((i for i, q in enumerate(questions) if q.key == key), None)
        if index is None:
            raise SurveyError(_("This question is no longer in the survey."))
        other = index - 1 if up else index + 1
        if 0 <= other < len(questions):
            questions[index], questions[other] = questions[other], questions[index]
            for order, question in enumerate(questions):
                question.order = order
            Question.objects.bulk_update(questions, ["order"])
            _touch(version)


def remove_question(survey: Survey, key: str, *, by: User, now: datetime) -> None:
    with transaction.atomic():
        version = editable_version(survey, now=now)
        version.questions.filter(key=key).delete()
        _touch(version)
        log_action(
            "followup.question_removed",
            actor=by,
            program=survey.program,
            target=survey,
            data={"version": version.number, "key": key},
            now=now,
        )


def survey_languages(program: Program) -> list[tuple[str, str]]:
    """The languages a survey is written in: Swedish, English and Arabic, then any other language the
    program's application forms are translated to (code, the language's own name)."""
    from tandem.applications.models import ApplicationForm
    from tandem.applications.services import form_languages
    from tandem.reference.languages import language_own_name

    codes = ["sv", "en", "ar"]
    for form in ApplicationForm.objects.filter(program=program):
        codes += [code for code in form_languages(form) if code not in codes]
    return [(code, language_own_name(code) or code) for code in codes]


# --- What a person is shown --------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One thing to answer: a question, or one goal row of a goal question."""

    question: Question
    wording: Wording
    row: str = ""
    row_label: str = ""

    @property
    def name(self) -> str:
        return f"q_{self.question.key}__{self.row}" if self.row else f"q_{self.question.key}"

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def required(self) -> bool:
        return self.question.required

    @property
    def is_choice(self) -> bool:
        """Answered by radio buttons or check boxes (drawn as a fieldset), not typed."""
        return self.question.kind not in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


def wording_of(question: Question, language: str) -> Wording:
    """The question in `language`, else in Swedish (uses prefetched translations)."""
    texts = {t.language: t for t in question.translations.all()}
    found = texts.get(language) or texts.get(SOURCE_LANGUAGE)
    if found is None:
        return Wording(question.key)
    choices = tuple(found.choices or (texts[SOURCE_LANGUAGE].choices if SOURCE_LANGUAGE in texts else ()))
    return Wording(found.label, found.help_text, choices)


def goal_rows(program_id: int, role: str, mentorship_id: int | None) -> list[tuple[str, str]]:
    """The rows of a goal question: the program's goals, and a mentee's own goals from the pair's space."""
    rows = [(f"g{goal.pk}", goal.description) for goal in Goal.objects.filter(program_id=program_id)]
    if role == "mentee" and mentorship_id is not None:
        personal = PersonalGoal.objects.filter(mentorship_id=mentorship_id, removed_at__isnull=True)
        rows += [(f"p{goal.pk}", goal.text) for goal in personal]
    return rows


def pages_for(
    version: SurveyVersion, *, role: str, language: str, program_id: int, mentorship_id: int | None
) -> list[list[Item]]:
    """The items a person in `role` answers, page by page (a question marked "starts a new page" does)."""
    questions = [q for q in version.questions.prefetch_related("translations") if q.shown_for(role)]
    pages: list[list[Item]] = []
    rows: list[tuple[str, str]] | None = None
    for question in questions:
        if question.new_page or not pages:
            pages.append([])
        wording = wording_of(question, language)
        if question.kind == QuestionKind.GOALS:
            if rows is None:
                rows = goal_rows(program_id, role, mentorship_id)
            pages[-1].extend(Item(question, wording, row, label) for row, label in rows)
        else:
            pages[-1].append(Item(question, wording))
    return [page for page in pages if page]


def short_name(first: str, last: str) -> str:
    """A name as the on-site list shows it: the first name and the initial of the last ("Amira H.")."""
    first, last = first.strip(), last.strip()
    return f"{first} {last[0]}." if first and last else first or (f"{last[0]}." if last else "")


def names_to_pick(round_: Round) -> list[tuple[int, str]]:
    """The on-site list of an identified round: (invitation, short name) of those who have not answered,
    in name order (one query). The list is on a shared screen or phone, so it shows no more than a short
    name; two people with the same short name are both left out (neither could tell which is theirs):
    they type the code from their invitation instead."""
    rows = round_.invitations.filter(answered_at__isnull=True).values_list(
        "pk", "application__first_name", "application__last_name"
    )
    named = sorted(
        ((pk, short_name(first, last)) for pk, first, last in rows), key=lambda r: (r[1].casefold(), r[0])
    )
    counts = Counter(name.casefold() for _pk, name in named)
    return [(pk, name) for pk, name in named if name and counts[name.casefold()] == 1]


# --- Storing answers ----------------------------------------------------------------------------


def response_for_invitation(invitation: Invitation) -> Response | None:
    return Response.objects.filter(invitation=invitation).select_related("version").first()


def save_answers(
    round_: Round,
    *,
    response: Response | None,
    invitation: Invitation | None,
    role: str,
    version: SurveyVersion,
    values: Mapping[tuple[str, str], Any],
    page: int,
    channel: str,
    language: str,
    complete: bool,
    now: datetime,
    by: User | None = None,
) -> Response:
    """Store one page's answers (`values`: (question key, row) → value; None clears an answer) and, with
    `complete`, send the response. The response is made on the first page, one per invitation at most:
    a replayed POST finds it and writes the same answers again. Sending twice changes nothing."""
    with transaction.atomic():
        locked_round = Round.objects.select_for_update().get(pk=round_.pk)
        if not locked_round.is_open(now) and by is None:
            raise RoundClosed(_("This survey has closed."))
        if invitation is not None:
            Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
            response = Response.objects.filter(invitation=invitation).first()
        elif response is not None:
            response = Response.objects.select_for_update().filter(pk=response.pk).first()
        if response is not None and response.is_complete:
            raise AlreadyAnswered(_("You have already answered this survey. Thank you!"))
        if response is None:
            response = Response.objects.create(
                round=locked_round,
                version=version,
                invitation=invitation,
                role=role,
                channel=channel,
                language=language,
                started_at=now,
                updated_at=now,
            )
            SurveyVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(frozen_at=now)
        if by is not None:
            response.channel, response.entered_by, response.entered_at = channel, by, now
        questions = {q.key: q for q in response.version.questions.all()}
        for (key, row), value in values.items():
            question = questions.get(key)
            if question is None:
                continue
            if value is None or value == "" or value == []:
                Answer.objects.filter(response=response, question=question, row=row).delete()
            else:
                Answer.objects.update_or_create(
                    response=response, question=question, row=row, defaults={"value": value}
                )
        response.pages_done = max(response.pages_done, page)
        response.updated_at = now
        if complete:
            response.completed_at = now
            if invitation is not None:
                Invitation.objects.filter(pk=invitation.pk).update(answered_at=now)
                invitation.answered_at = now
            _record_consent(response, invitation, now=now)
        response.save()
        if by is not None:
            log_action(
                "followup.answers_entered",
                actor=by,
                program=locked_round.program,
                target=response,
                data={"round": locked_round.pk, "channel": channel, "complete": complete},
                now=now,
            )
    return response


def missing_required(response: Response, pages: list[list[Item]]) -> int | None:
    """The first page (1-based) with a required item left unanswered, or None."""
    answered = set(response.answers.values_list("question__key", "row"))
    for number, page in enumerate(pages, start=1):
        if any(item.required and (item.question.key, item.row) not in answered for item in page):
            return number
    return None


def _record_consent(response: Response, invitation: Invitation | None, *, now: datetime) -> None:
    if invitation is None:
        return
    for answer in response.answers.select_related("question").filter(question__kind=QuestionKind.CONSENT):
        wording = wording_of(answer.question, response.language)
        LaterContact.objects.create(
            program_id=response.round.program_id,
            application_id=invitation.application_id,
            agreed=bool(answer.value),
            text=wording.label,
            language=response.language,
            source=LaterContact.Source.SURVEY,
            recorded_at=now,
        )


def answers_of(response: Response | None) -> dict[tuple[str, str], Any]:
    if response is None:
        return {}
    return {(a.question.key, a.row): a.value for a in response.answers.select_related("question")}


def staff_channels() -> list[tuple[str, str]]:
    return [(Channel.PHONE.value, str(Channel.PHONE.label)), (Channel.PAPER.value, str(Channel.PAPER.label))]


def mentorship_of(invitation: Invitation) -> Mentorship | None:
    return invitation.mentorship


# --- Consent to the effect evaluation on the application form ----------------------------------------


def add_consent_question(program: Program, *, by: User | None, now: datetime) -> int:
    """Add the optional question "may we ask you again after the program?" to each of the program's
    application forms that lacks it, in Swedish, English and Arabic. Returns how many forms got it."""
    from tandem.applications.builtins import Page
    from tandem.applications.models import ApplicationForm
    from tandem.applications.models import Question as FormQuestion
    from tandem.applications.models import QuestionTranslation as FormTranslation
    from tandem.followup.models import ApplicationConsentQuestion

    added = 0
    with transaction.atomic():
        marked = set(
            ApplicationConsentQuestion.objects.filter(program=program).values_list(
                "question__form_id", flat=True
            )
        )
        for form in ApplicationForm.objects.filter(program=program).exclude(pk__in=marked):
            last = form.questions.aggregate(last=Max("order"))["last"] or 0
            question = FormQuestion.objects.create(
                form=form,
                custom_type=FormQuestion.CustomType.YES_NO,
                required=False,
                page=Page.CUSTOM,
                order=last + 10,
            )
            FormTranslation.objects.bulk_create(
                FormTranslation(question=question, language=language, label=label)
                for language, label in templates_data.APPLICATION_CONSENT.items()
            )
            ApplicationConsentQuestion.objects.create(program=program, question=question)
            added += 1
        if added:
            log_action(
                "followup.consent_question_added", actor=by, program=program, data={"forms": added}, now=now
            )
    return added


def import_application_consents(program_id: int) -> int:
    """Record the answers to the application form's consent question as `LaterContact`s (once each),
    with the question's text in the applicant's language. Returns how many were recorded."""
    from tandem.applications.models import Answer as FormAnswer
    from tandem.followup.models import ApplicationConsentQuestion

    questions = list(
        ApplicationConsentQuestion.objects.filter(program_id=program_id).values_list("question_id", flat=True)
    )
    if not questions:
        return 0
    recorded = set(
        LaterContact.objects.filter(
            program_id=program_id, source=LaterContact.Source.APPLICATION
        ).values_list("application_id", flat=True)
    )
    answers = (
        FormAnswer.objects.filter(question_id__in=questions, value__isnull=False)
        .exclude(application_id__in=recorded)
        .select_related("application")
        .prefetch_related("question__translations")
    )
    rows = []
    for answer in answers:
        texts = {t.language: t.label for t in answer.question.translations.all()}
        language = answer.application.language if answer.application.language in texts else SOURCE_LANGUAGE
        rows.append(
            LaterContact(
                program_id=program_id,
                application_id=answer.application_id,
                agreed=answer.value is True,
                text=texts.get(language, ""),
                language=language,
                source=LaterContact.Source.APPLICATION,
                recorded_at=answer.application.submitted_at,
            )
        )
    LaterContact.objects.bulk_create(rows)
    return len(rows)


# --- The participant's space ---------------------------------------------------------------------------


def space_section(participant: Participant, mentorship: Mentorship) -> str:
    """The participant's open surveys on "My pair" (tandem.mentoring.sections), or "" when none: the
    rounds open today that invited this person for this pair and have no answers sent from them."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    now = timezone.now()
    invitations = [
        invitation
        for invitation in Invitation.objects.filter(
            mentorship=mentorship,
            email=participant.email,
            answered_at__isnull=True,
            round__opened_at__isnull=False,
            round__closed_at__isnull=True,
        ).select_related("round")
        if invitation.round.is_open(now)
    ]
    if not invitations:
        return ""
    return render_to_string("followup/includes/space_surveys.html", {"invitations": invitations})
