"""A person with sentinel values in every part of Tandem, for the erasure and export tests.

Wherever Tandem keeps something about a person, Amira of pair A leaves a sentinel there: what she wrote,
what staff wrote about her, what Tandem sent her and what it made of her data (survey invitations,
common-meeting invitations, the health page's marks, an exported list, the audit trail). The rows are made
through the apps' own services where one exists, so that the world changes with the code. The erasure
test checks that every registered model with personal data holds a sentinel here (`SEEDED_ELSEWHERE`
names the few exceptions), so a new model must be seeded here too.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from tandem.accounts.models import User
from tandem.applications.models import Answer, ApplicationForm, Question, StatusChange
from tandem.audit import subjects
from tandem.audit.services import log_view
from tandem.factories import UserFactory
from tandem.followup import services as followup
from tandem.followup.models import Channel, LaterContact
from tandem.followup.models import Invitation as SurveyInvitation
from tandem.followup.tests.helpers import opened_round
from tandem.gatherings import services as gatherings
from tandem.gatherings.models import Gathering, Invitation
from tandem.health import digest
from tandem.health import services as health
from tandem.intake.models import InterviewRecord
from tandem.jobs.models import Job
from tandem.jobs.services import Progress
from tandem.mentoring import follow_up, signin
from tandem.mentoring.models import (
    GoalComment,
    HelpRequest,
    MeetingLog,
    Mentorship,
    PersonalGoal,
    PlannedMeeting,
    PrivateNote,
)
from tandem.mentoring.tests.people import two_pairs
from tandem.outbox.services import queue_email
from tandem.pairs.emails import send_introduction
from tandem.privacy.models import Extension
from tandem.programs.models import ProgramRole
from tandem.reports import export_jobs, exports
from tandem.reports.models import ExportFile
from tandem.screening.models import Note
from tandem.screening.services import record_viewed

SENTINELS = ("Zyxw", "sentinel.zyxw@example.org", "0709991234")

# Models with personal data that the world leaves without a sentinel, and why.
SEEDED_ELSEWHERE = {
    # An import's problems and the first rows of an upload quote the uploaded file: working data, deleted
    # with the file a day after the upload (tandem.intake.tasks); nobody in them is an application yet.
    "intake.ImportJob": "working data of an upload",
    "intake.UploadReading": "working data of an upload",
}


def sentinel_person(program, *, now=None, by: User | None = None) -> dict[str, Any]:
    """Amira of pair A becomes "Sentinelname Zyxw", with sentinel texts wherever she or Tandem wrote."""
    now = now or timezone.now()
    by = by or _coordinator(program)
    mentorships = two_pairs(program, now=now)
    mentorship = mentorships["a"]
    pair = mentorship.pair
    person = pair.mentee
    person.first_name, person.last_name = "Sentinelname", "Zyxw"
    person.email, person.phone = "sentinel.zyxw@example.org", "0709991234"
    person.about_me = "Jag heter Sentinelname Zyxw och är revisor."
    person.motivation = person.skills = person.expectations = person.match_wishes = "Zyxw skriver."
    person.availability = person.exclusions = person.current_employer = "Zyxw AB"
    person.education = person.education_country = "Zyxw-skolan"
    person.occupation_now_text = person.occupation_wanted_text = "Zyxw-revisor"
    person.cv_original_name = "Zyxw-cv.pdf"
    person.cv.save("zyxw-cv.pdf", ContentFile(b"%PDF-1.4 Sentinelname Zyxw"), save=False)
    person.save()
    _application(person, now=now, by=by)
    pair.mentee_decline_reason = pair.mentor_decline_reason = "inget, Zyxw"
    pair.dissolve_reason = "Zyxw flyttar kanske"
    pair.save()
    send_introduction(pair, "mentee")
    _mentorship(mentorship, now=now, by=by)
    _followup(program, now=now)
    _gatherings(program, now=now, by=by)
    signin.request_sign_in_link(person.email, language="ar", now=now)  # its e-mail belongs to no program
    queue_email(
        to=["Sentinelname Zyxw <sentinel.zyxw@example.org>"],
        subject="Hej Sentinelname",
        text="Hej Sentinelname Zyxw, ring 0709991234",
        program=program,
    )
    health.take_snapshots(now=now, today=timezone.localdate(now))
    digest.send_digest(program, now=now, today=timezone.localdate(now))
    _exported_lists(program, now=now, by=by)
    Extension.objects.create(application=person, until=now.date(), reason="Zyxw bad om det", created_at=now)
    record_viewed(person, by=by, now=now)
    log_view("pairs.viewed", actor=by, program=program, subjects={subjects.APPLICATION: [person.pk]}, now=now)
    return {"person": person, "mentorship": mentorship, "other": pair.mentor, "b": mentorships["b"]}


def _coordinator(program) -> User:
    role = ProgramRole.objects.filter(program=program, role=ProgramRole.Role.COORDINATOR).first()
    if role is not None:
        return role.user
    user = UserFactory(email="world.coordinator@example.org", full_name="Wilma World")
    ProgramRole.objects.create(program=program, user=user, role=ProgramRole.Role.COORDINATOR)
    return user


def _application(person, *, now, by: User) -> None:
    """Her answers, the decisions about her and the notes of screening and the interview."""
    form = ApplicationForm.objects.create(program=person.program, role="mentee", slug="mentee-extra")
    question = Question.objects.create(form=form, custom_type="text", page="about", order=1)
    Answer.objects.create(application=person, question=question, value="Min historia, Zyxw")
    StatusChange.objects.create(application=person, to_status="accepted", at=now, reason="Zyxw passar bra")
    Note.objects.create(application=person, text="Ringde Zyxw", created_at=now, author=by)
    InterviewRecord.objects.create(
        application=person, held_on=now.date(), notes="Zyxw berättade", created_at=now
    )


def _mentorship(mentorship: Mentorship, *, now, by: User) -> None:
    """What the pair wrote in their space and what the coordinators wrote about them (health page)."""
    mentorship.pause_reason = "Zyxw reser"
    mentorship.end_text = "Zyxw fick jobb"
    mentorship.save()
    goal = PersonalGoal.objects.create(
        mentorship=mentorship, text="Zyxw vill bli auktoriserad", created_at=now
    )
    GoalComment.objects.create(goal=goal, side="mentor", text="Bra, Zyxw!", created_at=now)
    planned = PlannedMeeting.objects.create(mentorship=mentorship, planned_on=now.date(), place="Hos Zyxw")
    log = MeetingLog.objects.create(
        mentorship=mentorship,
        planned=planned,
        held_on=now.date(),
        minutes=60,
        shared_note="Vi pratade om Zyxw",
        correction="Det var Zyxw som ringde",
        logged_by_side="mentee",
        created_at=now,
    )
    PrivateNote.objects.create(meeting=log, side="mentor", text="Zyxw verkade trött")
    request = HelpRequest.objects.create(
        mentorship=mentorship, side="mentee", kind="need_help", text="Zyxw behöver hjälp"
    )
    follow_up.handle_help_request(request, note="Ringde Zyxw på 0709991234", by=by, now=now)
    follow_up.add_follow_up_note(mentorship, text="Samtal med Zyxw", by=by, now=now)
    follow_up.mark_follow_up(mentorship, kind="contacted", text="Zyxw svarade", by=by, now=now)


def _followup(program, *, now) -> None:
    """A mid-term round: her invitation and e-mail, and her answers with a free text naming her."""
    round_ = opened_round(program, step="midterm", short_code="QR7KX3", now=now)
    invitation = SurveyInvitation.objects.get(round=round_, email="sentinel.zyxw@example.org")
    assert invitation.name == "Sentinelname Zyxw"
    version = round_.survey_for(invitation.role).current_version()
    pages = followup.pages_for(
        version,
        role=invitation.role,
        language="sv",
        program_id=program.pk,
        mentorship_id=invitation.mentorship_id,
    )
    values: dict[tuple[str, str], Any] = {}
    for item in (item for page in pages for item in page):
        if item.kind in ("short_text", "long_text"):
            values[(item.question.key, item.row)] = "Jag, Zyxw, nås på 0709991234"
        elif item.required or item.kind in ("consent", "likert", "scale10"):
            values[(item.question.key, item.row)] = {"single": 0, "yes_no": True, "consent": True}.get(
                item.kind, 3
            )
    assert any(isinstance(value, str) for value in values.values()), "the survey has no free text"
    followup.save_answers(
        round_,
        response=None,
        invitation=invitation,
        role=invitation.role,
        version=version,
        values=values,
        page=len(pages),
        channel=Channel.EMAIL,
        language="sv",
        complete=True,
        now=now,
    )
    LaterContact.objects.create(
        program=program,
        application=invitation.application,
        agreed=True,
        text="Får vi fråga dig igen, Sentinelname Zyxw?",
        language="sv",
        source=LaterContact.Source.SURVEY,
        recorded_at=now,
    )


def _gatherings(program, *, now, by: User) -> None:
    """The kick-off: an invitation by hand (her address in capitals) and one the service sent, answered."""
    gathering = Gathering.objects.create(
        program=program,
        kind="kickoff",
        title="Uppstart",
        starts_at=now + timedelta(days=3),
        place="Folkets hus",
    )
    Invitation.objects.create(
        gathering=gathering,
        name="Sentinelname Zyxw",
        email="Sentinel.Zyxw@example.org",
        language="ar",
        role="mentee",
        note="Zyxw äter halal",
    )
    midpoint = gatherings.create_gathering(
        program, by=by, now=now, kind="midpoint", title="Halvtid", starts_at=now + timedelta(days=30),
        place="Stadsbiblioteket",
    )  # fmt: skip
    gatherings.invite(midpoint, by=by, now=now)
    invitation = Invitation.objects.get(gathering=midpoint, email="sentinel.zyxw@example.org")
    gatherings.answer_invitation(invitation, answer="yes", note="Zyxw kommer sent", now=now)


def _exported_lists(program, *, now, by: User) -> None:
    """The participants as XLSX (zipped: her name is not in its bytes as they are) and the pairs as CSV,
    exported by a coordinator and kept for them for a week."""
    for value in ("participants", "pairs"):
        choice = next(c for c in exports.choices(program) if c.key == value)
        file_format = "xlsx" if value == "participants" else "csv"
        job = export_jobs.start_export(program, choice, file_format, by=by, now=now)
        if ExportFile.objects.filter(job=job).exists():  # outside a transaction the worker ran it at once
            continue
        Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
        export_jobs.build_file(job, Progress(job))
        Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)
