"""Every access rule in Tandem, in one place. Views ask these helpers; nothing else decides.

- An organisation admin sees and edits every program of the organisation and manages its people.
- A program coordinator or partner coordinator sees and edits that program.
- A read-only viewer sees that program's figures and pseudonymised lists and edits nothing (403 on
  changes); applicant records and CVs are personal data beyond that: 403 for viewers too.
- A program is started by an organisation admin or by someone who already coordinates a program of the
  organisation; plain members and viewers may not (they would become its coordinator).
- Anyone else gets 404, so that outsiders cannot even tell that a program exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from tandem.accounts.models import Membership, Organisation
from tandem.applications.models import Application, ApplicationForm, Question
from tandem.outbox.models import OutboxMessage, OutboxMessageQuerySet
from tandem.programs.models import Program, ProgramRole


class Access(IntEnum):
    NONE = 0
    VIEW = 1
    EDIT = 2


def program_access(user, program: Program) -> Access:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Access.NONE
    if Membership.objects.filter(user=user, organisation_id=program.organisation_id, is_admin=True).exists():
        return Access.EDIT
    role = ProgramRole.objects.filter(user=user, program=program).values_list("role", flat=True).first()
    if role is None:
        return Access.NONE
    return Access.VIEW if role == ProgramRole.Role.VIEWER else Access.EDIT


@dataclass(frozen=True)
class ProgramAccess:
    """What `access_program` decided: the program, and how far the person may go in it."""

    program: Program
    level: Access

    @property
    def can_edit(self) -> bool:
        return self.level >= Access.EDIT

    @property
    def can_see_people(self) -> bool:
        """Names, records and CVs of applicants and participants: not for read-only viewers."""
        return self.level >= Access.EDIT


def access_program(request: HttpRequest, program: Program | int, needed: Access) -> ProgramAccess:
    """The one place that decides about a program, given or found by its pk: 404 for outsiders (and
    for a program that does not exist), 403 when the person's access is below `needed`."""
    if not isinstance(program, Program):
        found = Program.objects.select_related("organisation").filter(pk=program).first()
        if found is None:
            raise Http404
        program = found
    level = program_access(request.user, program)
    if level == Access.NONE:
        raise Http404
    if level < needed:
        raise PermissionDenied
    return ProgramAccess(program, level)


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


def is_organisation_admin(user, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation, is_admin=True).exists()


# --- Outbox ----------------------------------------------------------------------------------


def outbox_messages_for(user) -> OutboxMessageQuerySet:
    """Outgoing e-mail a person may see: their organisations' if they are its admin, all for superusers.

    Everyone else gets an empty queryset (so the staff list shows nothing, and details give 404).
    Messages without an organisation (e.g. password resets) are for superusers only.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return OutboxMessage.objects.none()
    if user.is_superuser:
        return OutboxMessage.objects.all()
    admin_of = Membership.objects.filter(user=user, is_admin=True).values("organisation_id")
    return OutboxMessage.objects.filter(organisation_id__in=admin_of)


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
