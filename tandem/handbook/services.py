"""The program handbook, built from the program itself: purpose and goals, what is expected of mentors
and mentees, the meeting plan in words, the common meetings, how to run a good meeting, the themes and
exercises by phase, the working group, the evaluation, and the coordinator's own sections.

`build_handbook` reads everything in a fixed number of queries and returns plain rows; the web page and
the PDF (`pdf.py`) both render those rows, in the active language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.audit.services import log_action
from tandem.followup.models import Round
from tandem.handbook import texts
from tandem.handbook.models import HandbookSection
from tandem.mentoring.models import Mentorship, Participant, Phase, ProgramTheme
from tandem.mentoring.sections import Tab, scheduled_meetings
from tandem.mentoring.themes import item_texts, phase_for_month
from tandem.programs.models import CommonMeeting, Goal, MeetingRule, Program, ProgramRole


@dataclass(frozen=True)
class GoalRow:
    description: str
    indicator: str
    target: str


@dataclass(frozen=True)
class MeetingRow:
    title: str
    when: str
    place: str


@dataclass(frozen=True)
class ThemeRow:
    title: str
    kind: str
    short_text: str
    month: int | None
    lang: str


@dataclass(frozen=True)
class PhaseRow:
    name: str
    themes: list[ThemeRow]


@dataclass(frozen=True)
class ContactRow:
    name: str
    role: str
    email: str


@dataclass(frozen=True)
class RoundRow:
    name: str
    when: str


@dataclass(frozen=True)
class OwnSection:
    title: str
    paragraphs: list[str]


@dataclass
class Handbook:
    program: Program
    language: str
    purpose: str
    goals: list[GoalRow]
    mentor_expectations: list[str]
    mentee_expectations: list[str]
    meeting_plan: list[str]
    common_meetings: list[MeetingRow]
    good_meeting: list[str]
    phases: list[PhaseRow]
    contacts: list[ContactRow]
    rounds: list[RoundRow]
    evaluation_text: str
    own_sections: list[OwnSection] = field(default_factory=list)


def _date(day: date | datetime) -> str:
    if isinstance(day, datetime):
        return formats.date_format(timezone.localtime(day), "DATETIME_FORMAT")
    return formats.date_format(day, "DATE_FORMAT")


def rule_in_words(rule: MeetingRule) -> str:
    """One meeting rule as a sentence, e.g. "Every second week in months 1–2"."""
    if rule.unit == MeetingRule.Unit.WEEKS:
        often = (
            _("Every week")
            if rule.every == 1
            else _("Every second week")
            if rule.every == 2
            else ngettext("Every %(n)d week", "Every %(n)d weeks", rule.every) % {"n": rule.every}
        )
    else:
        often = (
            _("Every month")
            if rule.every == 1
            else _("Every second month")
            if rule.every == 2
            else ngettext("Every %(n)d month", "Every %(n)d months", rule.every) % {"n": rule.every}
        )
    if rule.to_month is None:
        span = _("from month %(start)d to the end of the program") % {"start": rule.from_month}
    elif rule.to_month == rule.from_month:
        span = _("in month %(start)d") % {"start": rule.from_month}
    else:
        span = _("in months %(start)d–%(end)d") % {"start": rule.from_month, "end": rule.to_month}
    return f"{often} {span}."


def target_text(goal: Goal) -> str:
    """A goal's target in the active language, without a needless decimal: "60 procent", "60 في المائة",
    "12,5 procent"; a number of things is the number alone ("5": "5 antal" reads badly in every language)."""
    if goal.target_value is None:
        return ""
    number = floatformat(goal.target_value, -1)
    return f"{number} {goal.get_unit_display()}" if goal.unit == Goal.Unit.PERCENT else number


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def build_handbook(program: Program, language: str) -> Handbook:
    """The program's handbook in `language` (sv, en or ar): our own texts in that language, the
    program's texts as written, theme texts in their translation where there is one."""
    with translation.override(language):
        goals = [
            GoalRow(
                goal.description,
                goal.indicator,
                target_text(goal),
            )
            for goal in program.goals.all()
        ]
        rules = list(MeetingRule.objects.filter(program=program))
        plan = [rule_in_words(rule) for rule in rules]
        if program.length_months:
            plan.append(
                ngettext(
                    "The program lasts %(n)d month.", "The program lasts %(n)d months.", program.length_months
                )
                % {"n": program.length_months}
            )
        scheduled = scheduled_meetings([program])
        made_real = {m.plan_id for m in scheduled if m.plan_id is not None}
        found: list[tuple[date, MeetingRow]] = [
            (timezone.localdate(m.starts_at), MeetingRow(m.title, _date(m.starts_at), m.place))
            for m in scheduled
            if not m.cancelled
        ]
        undated: list[MeetingRow] = []
        for planned in CommonMeeting.objects.filter(program=program).select_related("program"):
            if planned.pk in made_real:
                continue
            day = planned.planned_date
            if day is None:
                week = _("week %(n)d of the program") % {"n": planned.week_offset + 1}
                undated.append(MeetingRow(str(planned), week, ""))
            else:
                found.append((day, MeetingRow(str(planned), _date(day), _("place to be announced"))))
        meetings = [row for _day, row in sorted(found, key=lambda item: item[0])] + undated

        by_phase: dict[str, list[ThemeRow]] = {
            Phase.START: [],
            Phase.MIDDLE: [],
            Phase.END: [],
            Phase.ANY: [],
        }
        for pick in ProgramTheme.objects.filter(
            program=program, item__archived_at__isnull=True
        ).select_related("item"):
            item = pick.item
            phase = phase_for_month(pick.month, program.length_months) if pick.month else item.phase
            shown = item_texts(item, language)
            by_phase[phase].append(
                ThemeRow(
                    shown.title, str(item.get_kind_display()), shown.short_text, pick.month, shown.title_lang
                )
            )
        phases = [PhaseRow(str(Phase(key).label), rows) for key, rows in by_phase.items() if rows]
        contacts = [
            ContactRow(role.user.full_name or role.user.email, str(role.get_role_display()), role.user.email)
            for role in ProgramRole.objects.filter(program=program)
            .exclude(role=ProgramRole.Role.VIEWER)
            .select_related("user")
        ]
        rounds = [
            RoundRow(str(r.get_step_display()), f"{_date(r.opens_on)} – {_date(r.last_day)}")
            for r in Round.objects.filter(program=program)
        ]
        own = [
            OwnSection(section.title, _paragraphs(section.body))
            for section in HandbookSection.objects.filter(program=program)
            if section.language in ("", language[:2])  # easy-read Swedish reads the Swedish ones
        ]
        return Handbook(
            program=program,
            language=language,
            purpose=program.purpose,
            goals=goals,
            mentor_expectations=texts.mentor_expectations(),
            mentee_expectations=texts.mentee_expectations(),
            meeting_plan=plan,
            common_meetings=meetings,
            good_meeting=texts.good_meeting(),
            phases=phases,
            contacts=contacts,
            rounds=rounds,
            evaluation_text=texts.evaluation(),
            own_sections=own,
        )


def space_link(participant: Participant, mentorship: Mentorship) -> str:
    """The link to the handbook on "My pair" (tandem.mentoring.sections)."""
    return render_to_string(
        "handbook/includes/space_link.html",
        {
            "url": reverse("handbook_space:page", args=[mentorship.pk]),
            "pdf": reverse("handbook_space:pdf", args=[mentorship.pk]),
        },
    )


def space_tab(mentorship: Mentorship) -> Tab:
    """The handbook's tab in the space's menu (tandem.mentoring.sections)."""
    return Tab("handbook", _("Handbook"), reverse("handbook_space:page", args=[mentorship.pk]))


@transaction.atomic
def save_section(section: HandbookSection, *, by, now: datetime, created: bool) -> HandbookSection:
    """Save a coordinator's section and audit the change (ids only, no text)."""
    section.updated_at = now
    section.save()
    log_action(
        "handbook.section_added" if created else "handbook.section_changed",
        actor=by,
        program=section.program,
        target=section,
        now=now,
    )
    return section


@transaction.atomic
def delete_section(section: HandbookSection, *, by, now: datetime) -> None:
    log_action(
        "handbook.section_removed", actor=by, program=section.program, data={"section": section.pk}, now=now
    )
    section.delete()
