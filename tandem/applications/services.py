"""What happens to an application: a form is created, an applicant sends it, its status changes.

Editing a form (questions, translations, consent) is in `editing.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tandem.applications.builtins import SPECS
from tandem.applications.consent import with_additions
from tandem.applications.emails import send_application_received, send_withdrawal_confirmed
from tandem.applications.models import (
    Answer,
    Application,
    ApplicationForm,
    ConsentText,
    Question,
    QuestionTranslation,
    StatusChange,
)
from tandem.applications.uploads import stored_cv_exists
from tandem.audit.services import log_action
from tandem.reference import data as reference
from tandem.reference.languages import applicant_language_codes
from tandem.requirements.evaluation import evaluate
from tandem.requirements.models import RequirementProfile

if TYPE_CHECKING:
    from tandem.accounts.models import User
    from tandem.programs.models import Program

Status = Application.Status
SEEDED_LANGUAGES = ("sv", "sv-easyread", "en", "ar")  # settings.APPLICANT_LANGUAGES
SUBMISSION_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")  # secrets.token_urlsafe, as drafts.Draft makes them

# What must be said, and no more: who is responsible, what is collected and why, who sees it, the rights and
# how to withdraw. How long it is kept is added by privacy (applications/consent.py `with_additions`).
DEFAULT_CONSENT = _(
    "%(organisation)s is responsible for your information. We use your name, contact details and answers "
    "to choose participants for %(program)s, find you a mentor or mentee and contact you. Only the program's "
    "organisers see them. You can withdraw at any time through the link in our e-mails, and ask to see, "
    "correct or delete your information, or complain to the Swedish Authority for Privacy Protection (IMY)."
)


class InvalidStatusChange(ValueError):
    """The application cannot move to that status now; `str()` says why in the active language."""


class FormClosed(Exception):
    def __init__(self, availability: Availability):
        super().__init__(availability.reason)
        self.availability = availability


# --- Is the form open? -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Availability:
    """Whether a form takes applications now; if not, why ("unpublished", "recruitment_not_started",
    "recruitment_over", "not_yet_open", "closed", "full") and, when known, when it opens."""

    is_open: bool
    reason: str = ""
    opens_at: datetime | None = None


# The program's state the public form takes applications in (Program.State.RECRUITING; programs imports
# applications, so the value is written out here).
RECRUITING = "recruiting"
BEFORE_RECRUITING = frozenset({"draft"})


def form_availability(form: ApplicationForm, *, now: datetime) -> Availability:
    """The form takes applications while it is published, its program is recruiting, its dates allow
    and it is not full."""
    if not form.is_published:
        return Availability(
            False, "unpublished", form.opens_at if form.opens_at and form.opens_at > now else None
        )
    state = form.program.state
    if state != RECRUITING:
        if state in BEFORE_RECRUITING:
            return Availability(False, "recruitment_not_started")
        return Availability(False, "recruitment_over")
    if form.opens_at is not None and now < form.opens_at:
        return Availability(False, "not_yet_open", form.opens_at)
    if form.closes_at is not None and now >= form.closes_at:
        return Availability(False, "closed")
    if form.cap is not None and count_towards_cap(form) >= form.cap:
        return Availability(False, "full")
    return Availability(True)


def count_towards_cap(form: ApplicationForm) -> int:
    """Applications through this form that still count: withdrawn ones free their place."""
    return Application.objects.filter(form=form).exclude(status=Status.WITHDRAWN).count()


# Staff type in paper forms that arrived in time, register people they met and import lists from
# partners: the program's state (before or after recruiting), the form's opening and closing dates and
# its cap do not stop them (the entry page says so, and the audit log records it). An unpublished form
# stops them too: its questions may still change.
STAFF_CHANNELS = frozenset(
    {Application.Channel.PAPER, Application.Channel.INTERVIEW, Application.Channel.IMPORT}
)
STAFF_MAY_PASS = frozenset({"recruitment_not_started", "recruitment_over", "not_yet_open", "closed", "full"})


def staff_may_enter(availability: Availability) -> bool:
    """Whether staff may store an application through a form in this state (see STAFF_CHANNELS)."""
    return availability.is_open or availability.reason in STAFF_MAY_PASS


@dataclass(frozen=True)
class StaffEntryState:
    """What staff entering applications by hand or from a file should know about the form now.

    `availability`: the public form's state. `cap_reached`: the form has as many applications as its cap
    (staff entries are stored beyond it), also when the form is closed for another reason.
    """

    availability: Availability
    cap_reached: bool

    @property
    def refused(self) -> bool:
        return not staff_may_enter(self.availability)


def staff_entry_state(form: ApplicationForm, *, now: datetime) -> StaffEntryState:
    availability = form_availability(form, now=now)
    if availability.reason == "full":
        cap_reached = True
    else:
        cap_reached = form.cap is not None and count_towards_cap(form) >= form.cap
    return StaffEntryState(availability, cap_reached)


# --- A new form with the built-in questions in Swedish, English and Arabic ----------------------------


@transaction.atomic
def create_default_form(
    program: Program, role: str, *, by: User | None = None, now: datetime | None = None
) -> ApplicationForm:
    """The program's form for `role`, created with the default built-in questions and consent text if it
    does not exist yet. Not published: the coordinator checks it first."""
    now = now or timezone.now()
    form, created = ApplicationForm.objects.get_or_create(program=program, role=role)
    if not created:
        return form
    order = 0
    for spec in SPECS.values():
        if role not in spec.default_for:
            continue
        order += 10
        question = Question.objects.create(
            form=form, builtin=spec.key, required=role in spec.required_for, page=spec.page, order=order
        )
        seed_builtin_translations(question, role)
    seed_default_consent(form, by=by, now=now)
    log_action(
        "application_form.created", actor=by, program=program, target=form, data={"role": role}, now=now
    )
    return form


def seed_builtin_translations(question: Question, role: str) -> None:
    spec = SPECS[question.builtin]
    rows = []
    for language in SEEDED_LANGUAGES:
        with translation.override(language):
            rows.append(
                QuestionTranslation(
                    question=question,
                    language=language,
                    label=str(spec.label_for(role)),
                    help_text=str(spec.help_text),
                )
            )
    QuestionTranslation.objects.bulk_create(rows)


def seed_default_consent(form: ApplicationForm, *, by: User | None = None, now: datetime) -> None:
    names = {"organisation": form.program.organisation.name, "program": form.program.name}
    rows = []
    for language in SEEDED_LANGUAGES:
        with translation.override(language):
            text = with_additions(form.program, language, str(DEFAULT_CONSENT) % names)
        rows.append(
            ConsentText(
                program=form.program,
                form=form,
                version=1,
                language=language,
                text=text,
                created_by=by,
                created_at=now,
            )
        )
    ConsentText.objects.bulk_create(rows)


def form_languages(form: ApplicationForm) -> list[str]:
    """The built-in applicant languages, then any other language the form's questions are translated to."""
    extra = (
        QuestionTranslation.objects.filter(question__form=form)
        .exclude(language__in=applicant_language_codes())
        .values_list("language", flat=True)
        .distinct()
        .order_by("language")
    )
    return [*applicant_language_codes(), *extra]


def current_consent(form: ApplicationForm, language: str) -> ConsentText | None:
    """The newest version of the form's consent text in `language`, else in Swedish."""
    texts = ConsentText.objects.filter(form=form)
    latest = texts.order_by("-version").values_list("version", flat=True).first()
    if latest is None:
        return None
    found = {text.language: text for text in texts.filter(version=latest, language__in=[language, "sv"])}
    return found.get(language) or found.get("sv")


# --- Sending an application -----------------------------------------------------------------------


@dataclass
class Submission:
    """Everything an applicant gave, already validated: `values` by Application column name, `answers`
    by custom question id."""

    language: str
    values: dict[str, Any]
    answers: dict[int, Any] = field(default_factory=dict)
    # Custom questions of a special category: the consent text the applicant ticked, by question id.
    special_consents: dict[int, str] = field(default_factory=dict)
    consent: ConsentText | None = None
    cv_name: str = ""
    cv_original_name: str = ""
    channel: str = Application.Channel.WEB
    entered_by: User | None = None


def submitted_application(token: str) -> Application | None:
    """The application already sent with this one-time token, if any (None for a malformed token)."""
    if not SUBMISSION_TOKEN.fullmatch(token or ""):
        return None
    return Application.objects.filter(submission_token=token).first()


def submit_application(
    form: ApplicationForm,
    submission: Submission,
    *,
    token: str,
    now: datetime,
    send_confirmation: bool = True,
) -> Application:
    """Store the application, check it against the requirement profile, flag a possible duplicate, and
    queue the confirmation e-mail (unless `send_confirmation` is off), all or nothing.

    Idempotent per `token` (the one-time token of the summary page): a double click or a resubmission
    returns the application the first request stored. Raises FormClosed when the form does not take
    applications (checked under a lock on the form, so the cap holds against simultaneous senders).
    Staff channels (STAFF_CHANNELS) pass a closed, not yet open or full form; the audit event then
    records why the public form was not open ("form_not_open").
    """
    if (existing := submitted_application(token)) is not None:
        return existing
    try:
        with transaction.atomic():
            return _store_submission(
                form, submission, token=token, now=now, send_confirmation=send_confirmation
            )
    except IntegrityError:
        # Another request with the same token won the race and committed first.
        if (existing := submitted_application(token)) is not None:
            return existing
        raise


def new_application(
    form: ApplicationForm, submission: Submission, *, now: datetime, token: str | None = None
) -> Application:
    """The unsaved application a submission makes, on every channel (without `duplicate_of` and the
    requirement-profile fields, which the caller fills in). `token`: the public form's one-time token."""
    application = Application(
        program=form.program,
        role=form.role,
        form=form,
        channel=submission.channel,
        entered_by=submission.entered_by,
        language=submission.language,
        submitted_at=now,
        submission_token=token if SUBMISSION_TOKEN.fullmatch(token or "") else None,
        consent=submission.consent,
        consented_at=now if submission.consent else None,
        **{**submission.values, "email": submission.values["email"].strip()},
    )
    if submission.cv_name and stored_cv_exists(submission.cv_name):
        application.cv.name = submission.cv_name
        application.cv_original_name = submission.cv_original_name
    return application


def _store_submission(
    form: ApplicationForm, submission: Submission, *, token: str, now: datetime, send_confirmation: bool
) -> Application:
    form = ApplicationForm.objects.select_for_update().select_related("program__organisation").get(pk=form.pk)
    availability = form_availability(form, now=now)
    by_staff = submission.channel in STAFF_CHANNELS
    if not availability.is_open and not (by_staff and staff_may_enter(availability)):
        raise FormClosed(availability)
    program = form.program
    application = new_application(form, submission, now=now, token=token)
    application.duplicate_of = first_application_with_email(program, form.role, application.email)
    apply_evaluation(application, today=timezone.localdate(now), now=now, answers=submission.answers)
    application.save()
    Answer.objects.bulk_create(
        Answer(
            application=application,
            question_id=question_id,
            value=value,
            consent_text=submission.special_consents.get(question_id, ""),
        )
        for question_id, value in submission.answers.items()
    )
    StatusChange.objects.create(
        application=application,
        from_status="",
        to_status=Status.RECEIVED,
        by=submission.entered_by,
        by_applicant=not by_staff,
        at=now,
    )
    log_action(
        "application.received",
        actor=submission.entered_by,
        program=program,
        target=application,
        data=received_event_data(application, "" if availability.is_open else availability.reason),
        now=now,
    )
    if send_confirmation:
        send_application_received(application)
    return application


def received_event_data(application: Application, form_not_open: str) -> dict[str, Any]:
    """What the audit event "application.received" records (ids and flags, no personal data);
    `form_not_open` is why the public form was not open when staff entered it, or ""."""
    return {
        "role": application.role,
        "channel": application.channel,
        "duplicate_of": application.duplicate_of_id,
        "passes_requirements": application.passes_requirements,
        "requirement_score": application.requirement_score,
        **({"form_not_open": form_not_open} if form_not_open else {}),
    }


def first_application_with_email(program: Program, role: str, email: str) -> Application | None:
    """The earliest application with the same e-mail address for the same program and role."""
    return (
        Application.objects.filter(program=program, role=role, email__iexact=email)
        .order_by("submitted_at", "id")
        .first()
    )


def apply_evaluation(
    application: Application, *, today, now: datetime, answers: dict[int, Any] | None = None
) -> None:
    """Fill the screening columns from the program's requirement profile for the role (unsaved).

    `answers`: the answers to custom questions by question id, for an application not stored yet; a stored
    one's are read. Without a profile the columns stay empty (null): there is nothing to check against.
    """
    profile = (
        RequirementProfile.objects.filter(program_id=application.program_id, role=application.role)
        .prefetch_related("criteria")
        .first()
    )
    if profile is None:
        application.passes_requirements = None
        application.requirement_flags = []
        application.requirement_score = None
        return
    if answers is None:
        answers = {}
        if application.pk is not None:
            answers = dict(application.answers.values_list("question_id", "value"))
    result = evaluate(profile.criteria.all(), application.facts(answers), today=today)
    application.passes_requirements = result.passes
    application.requirement_flags = result.flags()
    application.requirement_score = result.score
    application.evaluated_at = now


OCCUPATION_COLUMNS = ("occupation_now", "occupation_wanted")


class InvalidOccupation(ValueError):
    """The code is not an SSYK 2012 unit group, or the column is not an occupation."""


@transaction.atomic
def map_occupation(
    application: Application, which: str, code: str, *, by: User, now: datetime
) -> Application:
    """Give an occupation the applicant wrote in their own words its SSYK unit group (`which`:
    "occupation_now" or "occupation_wanted"), and check the application against the requirement profile
    again, so that the code counts for screening and matching. Audited with the codes only (the own
    words stay on the application)."""
    group = reference.ssyk_groups().get(code)
    if which not in OCCUPATION_COLUMNS or group is None or group.level != 4:
        raise InvalidOccupation(_("Choose an occupation (an SSYK unit group with four digits)."))
    previous = getattr(application, which)
    setattr(application, which, code)
    apply_evaluation(application, today=timezone.localdate(now), now=now)
    application.save()
    log_action(
        "application.occupation_mapped",
        actor=by,
        program=application.program,
        target=application,
        data={"question": which, "code": code, "previous": previous},
        now=now,
    )
    return application


@transaction.atomic
def evaluate_application(application: Application, *, now: datetime) -> Application:
    """Check a stored application again, e.g. after the requirement profile changed."""
    apply_evaluation(application, today=timezone.localdate(now), now=now)
    application.save(
        update_fields=[
            "passes_requirements",
            "requirement_flags",
            "requirement_score",
            "evaluated_at",
            "updated_at",
        ]
    )
    return application


# --- Status -------------------------------------------------------------------------------------


@transaction.atomic
def change_status(
    application: Application,
    to: str,
    *,
    by: User | None,
    reason: str = "",
    reason_code: str = "",
    now: datetime,
) -> StatusChange:
    """Move an application to status `to`, recording who (None: the applicant), when and why: `reason`
    as staff typed it, or Tandem's own `reason_code` (a `StatusChange.Reason`), translated when shown.

    Only the moves in `models.TRANSITIONS` are allowed, and the applicant (by=None) may only withdraw.
    Raises InvalidStatusChange otherwise.
    """
    locked = (
        Application.objects.select_for_update().select_related("program__organisation").get(pk=application.pk)
    )
    if to not in locked.allowed_statuses(by_applicant=by is None):
        raise InvalidStatusChange(
            _("An application that is “%(current)s” cannot become “%(new)s”.")
            % {"current": locked.get_status_display(), "new": Status(to).label if to in Status.values else to}
        )
    change = StatusChange.objects.create(
        application=locked,
        from_status=locked.status,
        to_status=to,
        by=by,
        by_applicant=by is None,
        at=now,
        reason=reason,
        reason_code=reason_code,
    )
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    application.status = to
    log_action(
        "application.status_changed",
        actor=by,
        program=locked.program,
        target=locked,
        data={"from": change.from_status, "to": to, "by_applicant": by is None},
        now=now,
    )
    return change


@transaction.atomic
def withdraw_application(application: Application, *, now: datetime) -> StatusChange:
    """The applicant withdraws through the link in their confirmation e-mail, and gets a receipt."""
    change = change_status(
        application,
        Status.WITHDRAWN,
        by=None,
        reason_code=StatusChange.Reason.WITHDRAWN_BY_APPLICANT,
        now=now,
    )
    send_withdrawal_confirmed(application)
    return change
