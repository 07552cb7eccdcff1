"""What apps above this one add to the participant's space: parts of "My pair", tabs of the space's menu,
and the common meetings as they were really scheduled (for "My pair" and the calendar feed).

Those apps import mentoring, so mentoring cannot import them: each hands a provider to `provide` from its
`AppConfig.ready()`. A provider gets the participant and the mentorship and returns HTML rendered in the
active language (the space's), or "" when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from tandem.mentoring.models import Mentorship, Participant
    from tandem.programs.models import Program

Provider = Callable[["Participant", "Mentorship"], SafeString | str]
_providers: list[Provider] = []


def provide(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def sections_for(participant: Participant, mentorship: Mentorship) -> list[SafeString]:
    """The providers' parts of the page, in the order the apps were set up; empty parts left out."""
    parts = (provider(participant, mentorship) for provider in _providers)
    return [SafeString(part) for part in parts if part]


@dataclass(frozen=True)
class Tab:
    """A tab of the space's menu, after mentoring's own: `key` is the `active` of the page it leads to."""

    key: str
    label: str
    url: str


TabProvider = Callable[["Mentorship"], Tab | None]
_tab_providers: list[TabProvider] = []


def provide_tab(provider: TabProvider) -> None:
    """A provider gets the mentorship and returns its tab (label in the active language), or None."""
    if provider not in _tab_providers:
        _tab_providers.append(provider)


def tabs_for(mentorship: Mentorship) -> list[Tab]:
    """The providers' tabs, in the order the apps were set up."""
    tabs = (provider(mentorship) for provider in _tab_providers)
    return [tab for tab in tabs if tab is not None]


@dataclass(frozen=True)
class ScheduledMeeting:
    """A common meeting with its real time and place, as the app that schedules them knows it."""

    program_id: int
    plan_id: int | None  # the planned meeting (programs.CommonMeeting) it made real, if any
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    uid: str
    sequence: int
    cancelled: bool
    sides: frozenset[str] = frozenset({"mentee", "mentor"})  # the participants invited: by its audience

    def is_for(self, side: str) -> bool:
        """Whether a participant on this side ("mentee" or "mentor") is invited to it."""
        return side in self.sides


Schedule = Callable[[Iterable["Program"]], list[ScheduledMeeting]]
_schedules: list[Schedule] = []


def provide_schedule(schedule: Schedule) -> None:
    if schedule not in _schedules:
        _schedules.append(schedule)


def scheduled_meetings(programs: Iterable[Program]) -> list[ScheduledMeeting]:
    """The programs' scheduled common meetings, by start (none when no app schedules them)."""
    programs = list(programs)
    found = [meeting for schedule in _schedules for meeting in schedule(programs)]
    return sorted(found, key=lambda meeting: meeting.starts_at)


@dataclass(frozen=True)
class NextCommonMeeting:
    title: str
    when: datetime | date
    has_time: bool


def next_common_meeting(program: Program, *, now: datetime, side: str = "") -> NextCommonMeeting | None:
    """The program's next common meeting (for a participant on `side`: one they are invited to): as
    scheduled where it is, else as the set-up plan has it."""
    from tandem.programs.models import CommonMeeting

    scheduled = scheduled_meetings([program])
    made_real = {meeting.plan_id for meeting in scheduled if meeting.plan_id is not None}
    today = timezone.localdate(now)
    found = [
        (timezone.localdate(m.starts_at), NextCommonMeeting(m.title, timezone.localtime(m.starts_at), True))
        for m in scheduled
        if not m.cancelled and m.ends_at >= now and (not side or m.is_for(side))
    ]
    for planned in CommonMeeting.objects.filter(program=program).select_related("program"):
        day = planned.planned_date
        if planned.pk not in made_real and day is not None and day >= today:
            found.append((day, NextCommonMeeting(str(planned), day, False)))
    return min(found, key=lambda item: item[0])[1] if found else None
