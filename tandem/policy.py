"""Every access rule in Tandem, in one place. Views ask these helpers; nothing else decides.

- An organisation admin sees and edits every program of the organisation and manages its people.
- A program coordinator or partner coordinator sees and edits that program, except that the purpose and
  goals and the financing (budget, funding sources, booked costs) are the host organisation's: a partner
  coordinator reads them and changes them only when the host allows it (`Program.partners_edit_setup`,
  set by the host's admins and coordinators; 403 otherwise).
- A read-only viewer sees that program's figures and pseudonymised lists and edits nothing (403 on
  changes); applicant records and CVs are personal data beyond that: 403 for viewers too, unless a
  coordinator (or admin) of the host granted that viewer the people (`ProgramRole.sees_people`): records
  and CVs to read, still nothing to change or export.
- A program is started by an organisation admin or by someone who already coordinates a program of the
  organisation; plain members and viewers may not (they would become its coordinator).
- An exported list of the program's people is downloaded only by the editor who asked for it.
- Anyone else gets 404, so that outsiders cannot even tell that a program exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from tandem.accounts.models import Membership, Organisation
from tandem.applications.models import Application, ApplicationForm, Question
from tandem.followup.models import Invitation as FollowUpInvitation
from tandem.followup.models import Round, Survey
from tandem.gatherings.models import Gathering, Invitation
from tandem.mentoring.models import Mentorship, Participant, Side
from tandem.mentoring.signin import current_participant
from tandem.outbox.models import OutboxMessage, OutboxMessageQuerySet
from tandem.programs.models import Program, ProgramRole
from tandem.reports.models import ExportFile


class Access(IntEnum):
    NONE = 0
    VIEW = 1
    EDIT = 2


ADMIN = "admin"  # the standing of an organisation admin in each of its programs


class Standing(NamedTuple):
    """How far a person may go in a program (`level`), why (`role`: "admin" of its organisation, their
    program role, or "" for no access), and whether they see people's records (`sees_people`)."""

    level: Access
    role: str
    sees_people: bool


NO_STANDING = Standing(Access.NONE, "", False)


def program_standing(user, program: Program) -> Standing:
    """The person's standing in the program, in one or two queries."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_STANDING
    if Membership.objects.filter(user=user, organisation_id=program.organisation_id, is_admin=True).exists():
        return Standing(Access.EDIT, ADMIN, True)
    found = ProgramRole.objects.filter(user=user, program=program).values_list("role", "sees_people").first()
    if found is None:
        return NO_STANDING
    role, granted = found
    if role == ProgramRole.Role.VIEWER:
        return Standing(Access.VIEW, role, granted)
    return Standing(Access.EDIT, role, True)


def program_access(user, program: Program) -> Access:
    return program_standing(user, program).level


@dataclass(frozen=True)
class ProgramAccess:
    """What `access_program` decided: the program, and how far the person may go in it."""

    program: Program
    level: Access
    role: str = ""  # "admin", or the person's ProgramRole.Role in the program
    sees_people: bool = False  # editors always; a viewer when a coordinator granted it

    @property
    def can_edit(self) -> bool:
        return self.level >= Access.EDIT

    @property
    def is_host(self) -> bool:
        """Whether the person speaks for the host organisation and so makes its grants on the program
        (whether partner coordinators change the set-up, which viewers see people): its admins and the
        program's coordinators, not partner coordinators or viewers."""
        return self.role in (ADMIN, ProgramRole.Role.COORDINATOR)

    @property
    def can_edit_setup(self) -> bool:
        """The host's purpose, goals and financing (budget, funding sources, booked costs): the host's
        editors, and partner coordinators when the host allows it (`Program.partners_edit_setup`)."""
        return may_edit_setup(self.role, self.program)

    def may_change_setup(self, *, hosts_own: bool) -> bool:
        """A part of the set-up: the host's own part (`hosts_own`: purpose and goals, financing) under
        `can_edit_setup`, the rest under `can_edit`."""
        return self.can_edit_setup if hosts_own else self.can_edit

    @property
    def sees_special_categories(self) -> bool:
        """Answers of a special category (union membership, health, origin, beliefs; GDPR art. 9):
        only the organisation's admins and the program's own coordinators, never partner coordinators
        or viewers."""
        return sees_special_categories(self.role)

    @property
    def can_see_people(self) -> bool:
        """Names, records and CVs of applicants and participants: editors, and the read-only viewers a
        coordinator granted them (`ProgramRole.sees_people`); not the other viewers."""
        return self.level >= Access.EDIT or (self.level >= Access.VIEW and self.sees_people)


def access_program(request: HttpRequest, program: Program | int, needed: Access) -> ProgramAccess:
    """The one place that decides about a program, given or found by its pk: 404 for outsiders (and
    for a program that does not exist), 403 when the person's access is below `needed`."""
    if not isinstance(program, Program):
        found = Program.objects.select_related("organisation").filter(pk=program).first()
        if found is None:
            raise Http404
        program = found
    level, role, sees_people = program_standing(request.user, program)
    if level == Access.NONE:
        raise Http404
    if level < needed:
        raise PermissionDenied
    return ProgramAccess(program, level, role, sees_people)


def access_people(request: HttpRequest, program: Program | int, needed: Access) -> ProgramAccess:
    """As `access_program`, for pages that list people by name (pairs, proposals, capacities): 403 for a
    read-only viewer without a coordinator's grant, who sees figures and pseudonymised lists only."""
    access = access_program(request, program, needed)
    if not access.can_see_people:
        raise PermissionDenied
    return access


def may_edit_setup(role: str, program: Program) -> bool:
    """Whether a person of this standing in `program` (`program_standing`) may change the host's purpose,
    goals and financing: the host's admins and coordinators; a partner coordinator only when the host
    allows it (issue 13, item 7); never a viewer."""
    if role in (ADMIN, ProgramRole.Role.COORDINATOR):
        return True
    return role == ProgramRole.Role.PARTNER_COORDINATOR and program.partners_edit_setup


def may_edit_program_setup(user, program: Program) -> bool:
    """`may_edit_setup` for a person rather than a standing (one or two queries)."""
    return may_edit_setup(program_standing(user, program).role, program)


def working_group_colleagues(user, program: Program) -> set[int]:
    """Whose place in the working group a partner coordinator may change (the host's admins and
    coordinators change everyone's): the members of those partner organisations of the program that the
    person belongs to. The host's people and the list of partners stay the host's to change."""
    own = Membership.objects.filter(user=user, organisation__in=program.partners.all()).values(
        "organisation_id"
    )
    return set(Membership.objects.filter(organisation_id__in=own).values_list("user_id", flat=True))


def sees_special_categories(role: str) -> bool:
    """Whether a person of this standing in a program (`program_standing`) may see answers of a special
    category of personal data: the organisation's admins and the program's coordinators only."""
    return role in (ADMIN, ProgramRole.Role.COORDINATOR)


def get_program_for_view(request: HttpRequest, pk: int) -> Program:
    """The program if the person may see it; 404 otherwise."""
    return access_program(request, pk, Access.VIEW).program


def get_program_for_edit(request: HttpRequest, pk: int) -> Program:
    """The program if the person may change it; 404 for outsiders, 403 for read-only viewers."""
    return access_program(request, pk, Access.EDIT).program


def organisations_for_new_program(user) -> list[Organisation]:
    """Where the person may start a program (and become its coordinator): organisations they administer,
    and those in which they already coordinate a program. Viewers and plain members may not."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    admin_of = Membership.objects.filter(user=user, is_admin=True).values("organisation_id")
    coordinating = ProgramRole.objects.filter(user=user, role=ProgramRole.Role.COORDINATOR).values(
        "program__organisation_id"
    )
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    return list(
        Organisation.objects.filter(Q(pk__in=admin_of) | Q(pk__in=coordinating), pk__in=member_of)
        .distinct()
        .order_by("name")
    )


def get_organisation_for_admin(request: HttpRequest, pk: int) -> Organisation:
    """The organisation if the person is its admin; 404 for non-members, 403 for plain members."""
    membership = (
        Membership.objects.select_related("organisation")
        .filter(organisation_id=pk, user=request.user if request.user.is_authenticated else None)
        .first()
    )
    if membership is None:
        raise Http404
    if not membership.is_admin:
        raise PermissionDenied
    return membership.organisation


def get_organisation_for_member(request: HttpRequest, pk: int) -> Organisation:
    membership = (
        Membership.objects.select_related("organisation")
        .filter(organisation_id=pk, user=request.user if request.user.is_authenticated else None)
        .first()
    )
    if membership is None:
        raise Http404
    return membership.organisation


@dataclass(frozen=True)
class LibraryAccess:
    """What `access_theme_library` decided: the organisation, and whether the person may edit its library."""

    organisation: Organisation
    can_edit: bool


def access_theme_library(request: HttpRequest, pk: int, needed: Access) -> LibraryAccess:
    """An organisation's library of themes and exercises: every member sees it; its admins and the
    coordinators of its programs edit it (403 for the other members); 404 for everyone else."""
    organisation = get_organisation_for_member(request, pk)
    user = request.user
    can_edit = is_organisation_admin(user, organisation) or (
        user.is_authenticated
        and ProgramRole.objects.filter(
            user=user, program__organisation=organisation, role=ProgramRole.Role.COORDINATOR
        ).exists()
    )
    if needed >= Access.EDIT and not can_edit:
        raise PermissionDenied
    return LibraryAccess(organisation, can_edit)


def get_mentorship_for_staff(
    request: HttpRequest, pk: int, mentorship: int, needed: Access
) -> tuple[ProgramAccess, Mentorship]:
    """A program's mentorship for the coordinators' pages: the program's access rules, and 404 for a
    mentorship of another program."""
    access = access_program(request, pk, needed)
    found = (
        Mentorship.objects.select_related("pair__mentee", "pair__mentor", "pair__program__organisation")
        .filter(pk=mentorship, pair__program=access.program)
        .first()
    )
    if found is None:
        raise Http404
    return access, found


def is_organisation_admin(user, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation, is_admin=True).exists()


# --- Outbox ----------------------------------------------------------------------------------


def outbox_messages_for(user) -> OutboxMessageQuerySet:
    """Outgoing e-mail a person may see: their organisations' if they are its admin, the programs' they
    coordinate (as coordinator or partner coordinator; not as viewer), all for superusers.

    Everyone else gets an empty queryset (so the staff list shows nothing, and details give 404).
    Messages without an organisation (e.g. password resets) are for superusers only.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return OutboxMessage.objects.none()
    if user.is_superuser:
        return OutboxMessage.objects.all()
    admin_of = Membership.objects.filter(user=user, is_admin=True).values("organisation_id")
    coordinates = ProgramRole.objects.filter(
        user=user, role__in=[ProgramRole.Role.COORDINATOR, ProgramRole.Role.PARTNER_COORDINATOR]
    ).values("program_id")
    return OutboxMessage.objects.filter(Q(organisation_id__in=admin_of) | Q(program_id__in=coordinates))


def get_outbox_message_for_staff(request: HttpRequest, pk: int) -> OutboxMessage:
    """One outgoing e-mail if the person may see (and retry) it; 404 otherwise."""
    messages = outbox_messages_for(request.user).select_related("organisation", "program")
    message = messages.filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


# --- Recruitment: application forms, their questions, and applications (tandem.applications) ---------


def get_application_form_for_edit(request: HttpRequest, pk: int) -> ApplicationForm:
    """An application form if the person may change its program; 404 for outsiders, 403 for viewers."""
    form = ApplicationForm.objects.select_related("program__organisation").filter(pk=pk).first()
    if form is None:
        raise Http404
    access_program(request, form.program, Access.EDIT)
    return form


def get_question_for_edit(request: HttpRequest, pk: int) -> Question:
    """A question of an application form, under the same rule as its form."""
    questions = Question.objects.select_related("form__program__organisation")
    question = questions.filter(pk=pk, removed_at__isnull=True).first()
    if question is None:
        raise Http404
    access_program(request, question.form.program, Access.EDIT)
    return question


def access_application(
    request: HttpRequest, pk: int, needed: Access, *, program_pk: int | None = None
) -> tuple[Application, ProgramAccess]:
    """An application (of the program `program_pk`, when the address names one) and the person's access
    to its program. 404 for everyone outside the program, signed in or not, so that nobody can even tell
    that an application (or its CV) exists; 403 below `needed`, and 403 for read-only viewers, who see
    figures and pseudonymised lists, not records."""
    application = Application.objects.select_related("program__organisation", "form").filter(pk=pk).first()
    if application is None or (program_pk is not None and application.program_id != program_pk):
        raise Http404
    access = access_program(request, application.program, needed)
    if not access.can_see_people:
        raise PermissionDenied
    return application, access


def get_application_for_view(request: HttpRequest, pk: int) -> Application:
    """An application if the person may see its program; 404 for everyone else."""
    return access_application(request, pk, Access.VIEW)[0]


def get_application_for_edit(request: HttpRequest, pk: int) -> Application:
    """An application if the person may change its program (decide, add notes, merge duplicates);
    404 for outsiders, 403 for read-only viewers."""
    return access_application(request, pk, Access.EDIT)[0]


def partner_organisation_choices(program: Program):
    """Organisations a program may pick as partners without revealing other tenants: those that
    already partner in any program of the same owner. Others are added by typing their name."""
    return (
        Organisation.objects.filter(partner_programs__organisation_id=program.organisation_id)
        .exclude(pk=program.organisation_id)
        .distinct()
        .order_by("name")
    )


# --- The participants' space (tandem.mentoring) ---------------------------------------------------
# A participant sees the mentorships whose mentee or mentor applied with their e-mail address, and nothing
# else: any other mentorship is a 404, as if it did not exist. Staff never reach the space through these
# helpers (a staff login is no participant session); they read a pair through the coordinators' pages.


@dataclass(frozen=True)
class SpaceAccess:
    participant: Participant
    mentorship: Mentorship
    side: str  # "mentee" or "mentor"

    @property
    def other_side(self) -> str:
        return Side.MENTOR if self.side == Side.MENTEE else Side.MENTEE

    @property
    def me(self):
        return self.mentorship.pair.person(self.side)

    @property
    def other(self):
        return self.mentorship.pair.person(self.other_side)


def side_of(participant: Participant, mentorship: Mentorship) -> str | None:
    pair = mentorship.pair
    if pair.mentee.email.strip().lower() == participant.email:
        return Side.MENTEE
    if pair.mentor.email.strip().lower() == participant.email:
        return Side.MENTOR
    return None


def get_mentorship_for_participant(request: HttpRequest, pk: int) -> SpaceAccess:
    """The mentorship if the signed-in participant is its mentee or mentor; 404 otherwise."""
    participant = current_participant(request)
    if participant is None:
        raise Http404
    mentorship = (
        Mentorship.objects.select_related(
            "pair__program__organisation", "pair__mentee__form", "pair__mentor__form"
        )
        .filter(pk=pk)
        .first()
    )
    side = side_of(participant, mentorship) if mentorship is not None else None
    if mentorship is None or side is None:
        raise Http404
    return SpaceAccess(participant, mentorship, side)


# --- Common meetings (tandem.gatherings) -----------------------------------------------------------


def access_gathering(
    request: HttpRequest, pk: int, gathering: int, needed: Access
) -> tuple[Gathering, ProgramAccess]:
    """A common meeting of program `pk` and the person's access to that program: 404 for outsiders and
    for a meeting of another program, 403 below `needed` (viewers read, coordinators change)."""
    access = access_program(request, pk, needed)
    found = Gathering.objects.filter(pk=gathering, program=access.program).first()
    if found is None:
        raise Http404
    found.program = access.program
    return found, access


def get_invitation_at_door(request: HttpRequest, gathering: Gathering, invitation: int) -> Invitation:
    """An invitation to `gathering` (whose program the caller already checked); 404 for any other."""
    found = Invitation.objects.filter(pk=invitation, gathering=gathering).first()
    if found is None:
        raise Http404
    found.gathering = gathering
    return found


# --- Follow-up and evaluation (tandem.followup) -------------------------------------------------------


def access_round(request: HttpRequest, pk: int, round_pk: int, needed: Access) -> tuple[Round, ProgramAccess]:
    """A follow-up round of program `pk` and the person's access: 404 for outsiders and for a round of
    another program, 403 below `needed`. Names of who has not answered are for those who see people."""
    access = access_program(request, pk, needed)
    found = (
        Round.objects.select_related("mentee_survey", "mentor_survey")
        .filter(pk=round_pk, program=access.program)
        .first()
    )
    if found is None:
        raise Http404
    found.program = access.program
    return found, access


def access_survey(
    request: HttpRequest, pk: int, survey_pk: int, needed: Access
) -> tuple[Survey, ProgramAccess]:
    """A survey of program `pk`: read by everyone on the program, edited by coordinators (403 viewers)."""
    access = access_program(request, pk, needed)
    found = Survey.objects.filter(pk=survey_pk, program=access.program).first()
    if found is None:
        raise Http404
    found.program = access.program
    return found, access


def get_round_invitation_for_staff(
    request: HttpRequest, pk: int, round_pk: int, invitation_pk: int
) -> tuple[FollowUpInvitation, ProgramAccess]:
    """A person invited to a round, for entering their answers (phone, paper): coordinators and partner
    coordinators; 403 for viewers (personal data), 404 for anyone outside and for another round's."""
    round_, access = access_round(request, pk, round_pk, Access.EDIT)
    found = FollowUpInvitation.objects.filter(pk=invitation_pk, round=round_).first()
    if found is None:
        raise Http404
    found.round = round_
    return found, access


def get_invitation_for_participant(
    request: HttpRequest, pk: int, invitation: int
) -> tuple[SpaceAccess, Invitation]:
    """The signed-in participant's own invitation to a common meeting of mentorship `pk`'s program, with
    their space. 404 for anything else: another person's invitation (of their own pair, another pair or
    another program), a mentorship that is not theirs, or an invitation never sent."""
    space = get_mentorship_for_participant(request, pk)
    program = space.mentorship.pair.program
    found = (
        Invitation.objects.select_related("gathering")
        .filter(
            pk=invitation,
            email=space.participant.email,
            gathering__program_id=program.pk,
            invited_at__isnull=False,
            walk_in=False,
        )
        .first()
    )
    if found is None:
        raise Http404
    found.gathering.program = program
    return space, found


# --- Exported lists (tandem.reports) ----------------------------------------------------------------
# A list of the program's people, built by the worker, is downloaded by the person who asked for it and
# by nobody else: they ticked that they will keep it safe, and the audit trail names them. Other editors
# of the program see that the job ran and export the list themselves; viewers get 403, outsiders 404.


def may_download_export(user, export: ExportFile) -> bool:
    """For someone who may edit the export's program: whether the file is theirs to download."""
    return bool(getattr(user, "is_authenticated", False)) and export.created_by_id == user.pk


def get_export_file(request: HttpRequest, pk: int, job: int) -> ExportFile:
    """The file job `job` of program `pk` made, for its download: 404 for anyone but the person who asked
    (and for a file already deleted), 403 for the program's read-only viewers."""
    access = access_program(request, pk, Access.EDIT)
    found = ExportFile.objects.filter(job_id=job, job__status="done", program=access.program).first()
    if found is None or not may_download_export(request.user, found):
        raise Http404
    found.program = access.program
    return found


# --- Personal data: retention, access, erasure (tandem.privacy) -------------------------------------
# Only the program's coordinators and the organisation's admins manage a person's data as a whole
# (export, erasure, retention, extensions); partner coordinators and viewers get 403, outsiders 404.


def access_privacy(request: HttpRequest, pk: int) -> ProgramAccess:
    access = access_program(request, pk, Access.VIEW)
    user = request.user if request.user.is_authenticated else None
    if not is_organisation_admin(user, access.program.organisation) and not (
        ProgramRole.objects.filter(
            user=user, program=access.program, role=ProgramRole.Role.COORDINATOR
        ).exists()
    ):
        raise PermissionDenied
    return access


def get_person_for_privacy(
    request: HttpRequest, pk: int, application: int
) -> tuple[Application, ProgramAccess]:
    """An application of program `pk` for its export or erasure: coordinators and admins only."""
    access = access_privacy(request, pk)
    found = Application.objects.select_related("program__organisation", "form").filter(
        pk=application, program=access.program
    )
    person = found.first()
    if person is None:
        raise Http404
    return person, access
