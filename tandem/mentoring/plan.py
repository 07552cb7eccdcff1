"""A pair's suggested meeting plan: dates from the program's meeting rules, counted from the pair's start.

Pure (no database), like `programs.meetings`, whose rules it follows: a rule covers whole months of the
pair's life, month m beginning m − 1 calendar months after the start; its first meeting falls on the first
day of that stretch, then one every N weeks (or N months) while the stretch lasts. Every 2 weeks in months
1–2 and then monthly through month 6 gives 5 + 4 = 9 dates, as `programs.meetings` counts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from tandem.programs.meetings import RuleSpan
from tandem.programs.models import add_months

OPEN_ENDED_MONTHS = 12
"""How far a rule without an end reaches when the program has no length yet."""

MATCH_DAYS = 7
"""The widest a log's window reaches from a planned meeting (see `match_window`)."""


def suggested_dates(
    rules: Iterable[RuleSpan], *, start: date, length_months: int | None, until: date | None = None
) -> list[date]:
    """The dates the rules suggest for a pair that started on `start`, sorted, each once.

    `length_months` ends the open-ended rules (12 months without it); no date falls after `until` (e.g. the
    program's end), and none before `start`. Two things keep the plan livable without changing how many
    meetings it has (the wizard's count): a rule that takes over from an earlier one starts no sooner than
    one of the earlier rule's intervals after its last meeting, its meetings spread evenly over the rest of
    its stretch (fortnightly then monthly never puts two meetings five days apart); and a date on a
    Saturday, Sunday or Swedish public holiday moves to the next working day.
    """
    length = length_months or OPEN_ENDED_MONTHS
    dates: set[date] = set()
    spans = sorted((rule for rule in rules if rule.every > 0), key=lambda rule: rule.from_month)
    # The last meeting so far, its rule's interval and its rule's first month.
    previous: tuple[date, timedelta, int] | None = None
    for rule in spans:
        last_month = min(rule.to_month or length, length)
        if last_month < rule.from_month:
            continue
        stretch_start = add_months(start, rule.from_month - 1)
        stretch_end = add_months(start, last_month)  # the first day after the stretch
        days = _rule_dates(rule, stretch_start, stretch_end)
        if not days:
            continue
        takes_over = previous is not None and rule.from_month > previous[2]
        if previous is not None and takes_over and days[0] < previous[0] + previous[1]:
            days = _spread(len(days), previous[0] + previous[1], stretch_end)
        dates.update(days)
        interval = (days[1] - days[0]) if len(days) > 1 else (stretch_end - days[0])
        if previous is None or days[-1] >= previous[0]:
            previous = (days[-1], interval, rule.from_month)
    moved = {next_working_day(day) for day in dates}
    return sorted(d for d in moved if d >= start and (until is None or d <= until))


def match_window(rules: Iterable[RuleSpan], *, start: date, day: date) -> timedelta:
    """How far from a planned meeting a meeting held on `day` still counts as that planned meeting.

    Half the interval of the rule that covers `day`'s month of the pair's life (a month counted as 30
    days), at most `MATCH_DAYS`: every 2 weeks or monthly gives 7 days, weekly 3. Without a rule for that
    month (meetings the pair added) it is `MATCH_DAYS`. Half the interval keeps a window from reaching the
    meeting planned before or after, so a log is never counted for a meeting the plan meant as another.
    """
    month = 1
    while add_months(start, month) <= day:
        month += 1
    for rule in rules:
        if rule.every > 0 and rule.from_month <= month and (rule.to_month is None or month <= rule.to_month):
            days = rule.every * (30 if rule.unit == "months" else 7)
            return timedelta(days=min(days // 2, MATCH_DAYS))
    return timedelta(days=MATCH_DAYS)


def _rule_dates(rule: RuleSpan, stretch_start: date, stretch_end: date) -> list[date]:
    """The rule's dates in its stretch, by the calendar: the first day, then every N weeks or months."""
    days: list[date] = []
    step = 0
    while True:
        if rule.unit == "months":
            day = add_months(stretch_start, step * rule.every)
        else:
            day = stretch_start + timedelta(weeks=step * rule.every)
        if day >= stretch_end:
            return days
        days.append(day)
        step += 1


def _spread(count: int, first: date, stretch_end: date) -> list[date]:
    """`count` dates from `first`, evenly spaced before `stretch_end` (all on `first` if no room is left)."""
    room = max((stretch_end - first).days, 0)
    return [first + timedelta(days=room * index // count) for index in range(count)]


def easter_sunday(year: int) -> date:
    """Easter Day of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_weekday_from(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def swedish_holidays(year: int) -> set[date]:
    """The days off in Sweden besides weekends: the public holidays and the eves people take off
    (midsommarafton, julafton, nyårsafton)."""
    easter = easter_sunday(year)
    midsummer_eve = _first_weekday_from(date(year, 6, 19), 4)  # the Friday from 19 to 25 June
    return {
        date(year, 1, 1),  # nyårsdagen
        date(year, 1, 6),  # trettondedag jul
        easter - timedelta(days=2),  # långfredagen
        easter,  # påskdagen
        easter + timedelta(days=1),  # annandag påsk
        date(year, 5, 1),  # första maj
        easter + timedelta(days=39),  # Kristi himmelsfärds dag
        date(year, 6, 6),  # nationaldagen
        midsummer_eve,  # midsommarafton
        midsummer_eve + timedelta(days=1),  # midsommardagen
        _first_weekday_from(date(year, 10, 31), 5),  # alla helgons dag: the Saturday from 31 Oct to 6 Nov
        date(year, 12, 24),  # julafton
        date(year, 12, 25),  # juldagen
        date(year, 12, 26),  # annandag jul
        date(year, 12, 31),  # nyårsafton
    }


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in swedish_holidays(day.year)


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, else the first working day after it (a Saturday moves to
    Monday, Christmas Eve to 27 December or later)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def pair_end(*, started_on: date, program_start: date | None, length_months: int | None) -> date | None:
    """When a pair ends: the program's end if it has a start and a length, else the pair's start plus the
    program's length; None without a length."""
    if not length_months:
        return None
    if program_start is not None:
        return add_months(program_start, length_months)
    return add_months(started_on, length_months)
