"""The record of processing (GDPR art. 30) for one organisation, generated from the registry, the
programs' application forms, their retention policies and their roles."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import translation

from tandem.accounts.models import Membership, Organisation
from tandem.applications.models import ApplicationForm, Question
from tandem.privacy import registry
from tandem.privacy.models import RetentionPolicy
from tandem.programs.models import Program, ProgramRole


@dataclass(frozen=True)
class Category:
    what: str
    why: str


@dataclass(frozen=True)
class ProgramRecord:
    program: Program
    questions: dict[str, list[str]]  # role → the form's questions, in the reader's language
    policy: RetentionPolicy
    roles: dict[str, list[str]]  # role label → people


def categories() -> list[Category]:
    """What Tandem keeps about applicants and participants, and why (from the registry)."""
    return [
        Category(str(d.category), str(d.purpose))
        for d in registry.exported_declarations()
        if d.category and d.purpose
    ]


def _label(question: Question, language: str) -> str:
    texts = {t.language: t.label for t in question.translations.all()}
    return texts.get(language) or texts.get("sv") or question.builtin or "?"


def records_for(organisation: Organisation) -> tuple[list[ProgramRecord], list[str]]:
    """Each program's record (a fixed number of queries), and the organisation's admins."""
    language = translation.get_language() or "sv"
    programs = list(
        Program.objects.filter(organisation=organisation)
        .prefetch_related(
            Prefetch(
                "application_forms",
                queryset=ApplicationForm.objects.prefetch_related(
                    Prefetch(
                        "questions",
                        queryset=Question.objects.filter(removed_at__isnull=True)
                        .prefetch_related("translations")
                        .order_by("order", "pk"),
                    )
                ),
            ),
            Prefetch(
                "roles",
                queryset=ProgramRole.objects.select_related("user").order_by("role", "user__full_name"),
            ),
        )
        .order_by("name")
    )
    policies = {p.program_id: p for p in RetentionPolicy.objects.filter(program__in=programs)}
    missing = [RetentionPolicy(program=p) for p in programs if p.pk not in policies]
    if missing:
        for policy in RetentionPolicy.objects.bulk_create(missing):
            policies[policy.program_id] = policy
    records = []
    for program in programs:
        questions: dict[str, list[str]] = {}
        for form in program.application_forms.all():
            questions[str(form.get_role_display())] = [_label(q, language) for q in form.questions.all()]
        roles: dict[str, list[str]] = {}
        for role in program.roles.all():
            roles.setdefault(str(role.get_role_display()), []).append(role.user.full_name or role.user.email)
        records.append(ProgramRecord(program, questions, policies[program.pk], roles))
    admins = [
        m.user.full_name or m.user.email
        for m in Membership.objects.filter(organisation=organisation, is_admin=True).select_related("user")
    ]
    return records, admins
