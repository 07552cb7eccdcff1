"""The demo's running program after three months: 25 pairs in their space, as a coordinator would find them.

Most pairs are on track (a logged meeting for every planned one so far), some are behind plan, two are
silent (nothing logged for more than five weeks), one is paused and one has an open help request. The
mentees wrote goals and rated them; the program picked themes from the starter library and scheduled
them by month; some pairs marked themes as used. Everything is made from a fixed seed, no e-mail is sent,
and a second run changes nothing (the program's pairs are found again).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.applications.models import Application
from tandem.applications.services import create_default_form
from tandem.demo.applying import record_sent_and_accepted, web_application
from tandem.demo.recruitment import mentor_criteria, set_profiles
from tandem.mentoring import services, themes
from tandem.mentoring.models import (
    GoalRating,
    HelpRequest,
    MeetingLog,
    Mentorship,
    PersonalGoal,
    ThemeItem,
    ThemeUse,
)
from tandem.pairs.models import Pair
from tandem.programs.models import Program, ProgramRole
from tandem.reference.choices import CriterionKind, Importance, Role

SEED = 2027
PAIRS = 25
SILENT = (6, 17)  # pair numbers (0-based) that went quiet after their first two meetings
BEHIND = (3, 9, 14, 21)  # pairs that logged about half their planned meetings
PAUSED = 11
HELP = 4  # the pair with an open help request
PLACES = ["1480", "1480", "1481", "1480", "1402", "1480", "1441", "0180", "1480", "1490", "1482", "1280"]
"""Where the pairs live: mostly Göteborg and its neighbours, a few in Stockholm and Malmö (off the region)."""

MENTEES = [
    ("Leila", "Haddad", "ar"), ("Ahmad", "Khalil", "ar"), ("Salma", "Nasser", "ar"),
    ("Bilal", "Aziz", "ar"), ("Rasha", "Ibrahim", "ar"), ("Yasin", "Darwish", "ar"),
    ("Dima", "Saleh", "ar"), ("Hamza", "Mansour", "ar"), ("Sara", "Tesfay", "sv"),
    ("Mahmoud", "Farah", "sv"), ("Negin", "Karimi", "sv"), ("Habib", "Moradi", "sv"),
    ("Tigist", "Berhane", "sv"), ("Abdullahi", "Warsame", "sv"), ("Oksana", "Melnyk", "en"),
    ("Ravi", "Kumar", "en"), ("Ana", "Lopes", "en"), ("Zeynep", "Kaya", "sv"), ("Jamal", "Osman", "sv"),
    ("Mina", "Rostami", "sv"), ("Fatima", "Zahra", "ar"), ("Kwame", "Mensah", "en"), ("Lina", "Yousef", "ar"),
    ("Arash", "Tehrani", "sv"), ("Elif", "Aydın", "sv"),
]  # fmt: skip
"""First name, last name and the language each mentee wrote their application in (and reads the space in)."""
MENTORS = [
    ("Karin", "Lindqvist"), ("Johan", "Sjöberg"), ("Maria", "Holm"), ("Anders", "Nyström"),
    ("Eva", "Bergström"), ("Per", "Lundgren"), ("Sofia", "Ekström"), ("Lars", "Wikström"),
    ("Anna", "Forsberg"), ("Mikael", "Sandberg"), ("Helena", "Dahl"), ("Fredrik", "Åberg"),
    ("Ulrika", "Hedlund"), ("Magnus", "Lindberg"), ("Camilla", "Björk"), ("Henrik", "Nordin"),
    ("Lena", "Strand"), ("Peter", "Engström"), ("Malin", "Sundberg"), ("Jonas", "Öberg"),
    ("Ingrid", "Falk"), ("Tobias", "Blom"), ("Cecilia", "Wallin"), ("Niklas", "Hermansson"),
    ("Therese", "Lund"),
]  # fmt: skip
GOALS = [
    "Få ett jobb som redovisningsekonom före sommaren.",
    "Bli säkrare på att prata svenska på möten.",
    "Bygga ett nätverk med minst fem personer i branschen.",
    "Få min utländska examen bedömd.",
    "Göra klart ett svenskt CV och en LinkedIn-profil.",
]
NOTES = [
    "Vi gick igenom CV:t och bestämde vad som ska skrivas om.",
    "Pratade om arbetsplatskultur och fika.",
    "Övningsintervju inför en riktig intervju nästa vecka.",
    "Vi ritade en nätverkskarta och valde två personer att kontakta.",
    "",
]
SCHEDULE = [  # starter item key, month of the program
    ("theme-goals", 1),
    ("theme-expectations", 1),
    ("theme-cv-linkedin", 2),
    ("exercise-pitch", 2),
    ("theme-workplace-culture", 3),
    ("theme-networks", 4),
    ("exercise-network-map", 4),
    ("theme-interviews", 5),
    ("exercise-mock-interview", 5),
    ("theme-salary", 6),
    ("theme-unions", 6),
    ("theme-first-100-days", 8),
    ("theme-ending-well", 9),
    ("theme-professional-swedish", None),
]


@dataclass
class MentoringDemo:
    swedish_mentee: Application
    arabic_mentee: Application
    mentor: Application


def load_mentoring_demo(program: Program, *, today: date, by: User | None = None) -> MentoringDemo:
    """The running program's pairs and their three months of life (made once; found again after). `by`:
    the coordinator who set the requirement profile."""
    with transaction.atomic():
        if not Pair.objects.filter(program=program).exists():
            _make(program, today=today, by=by)
    pairs = list(Pair.objects.filter(program=program).select_related("mentee", "mentor").order_by("pk"))
    return MentoringDemo(
        swedish_mentee=next(p.mentee for p in pairs if p.mentee.language == "sv"),
        arabic_mentee=next(p.mentee for p in pairs if p.mentee.language == "ar"),
        mentor=pairs[0].mentor,
    )


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _profiles(program: Program, *, by: User | None, now: datetime) -> None:
    """The requirement profile the program screened its applicants with: must-haves and weighted
    criteria (the target groups of `demo.services._program`), set before the applications came in."""
    occupations = {"codes": ["241", "331"], "match_digits": 3}
    mentee = [
        (CriterionKind.EMPLOYMENT_STATUS, Importance.MUST, 1, {"statuses": ["job_seeking", "studying"]}),
        (CriterionKind.SWEDISH_LEVEL, Importance.MUST, 1, {"min_level": "B1"}),
        (CriterionKind.OCCUPATION, Importance.SHOULD, 5, occupations),
        (CriterionKind.YEARS_IN_SWEDEN, Importance.SHOULD, 3, {"max": 5}),
        (CriterionKind.REGION, Importance.SHOULD, 2, {"counties": ["14"]}),
    ]
    set_profiles(program, {Role.MENTEE: mentee, Role.MENTOR: mentor_criteria(occupations)}, by=by, now=now)


def _make(program: Program, *, today: date, by: User | None) -> None:
    from tandem.demo.services import DEMO_DOMAIN  # here, so that load_demo may import this module

    rng = random.Random(SEED)
    start = program.start_date or today - timedelta(weeks=13)
    applied = _at(start - timedelta(weeks=10))
    forms = {role: create_default_form(program, role, now=applied) for role in (Role.MENTEE, Role.MENTOR)}
    _profiles(program, by=by, now=applied - timedelta(days=7))
    people = []
    for n in range(PAIRS):
        first, last, language = MENTEES[n]
        mentor_first, mentor_last = MENTORS[n]
        mentee = web_application(
            forms[Role.MENTEE],
            language=language,
            at=applied + timedelta(hours=n * 5),
            status=Application.Status.ACCEPTED,
            first_name=first,
            last_name=last,
            email=f"par{n + 1:02d}.adept@{DEMO_DOMAIN}",
            phone=f"070-{100 + n:03d} 11 22",
            employment_status="studying" if n % 7 == 2 else "job_seeking",
            occupation_now="2411" if n % 3 else "",
            occupation_wanted="2411" if n % 5 else "2412",
            experience_years=2 + n % 9,
            swedish_level=("B1", "B1", "B2", "C1")[n % 4],
            municipality=PLACES[n % len(PLACES)],
            years_in_sweden=(1, 2, 3, 2, 1, 3, 6, 2, 1, 4, 2, 3, 7)[n % 13],  # mostly newly arrived
            expectations="Jag vill komma tillbaka till mitt yrke som ekonom.",
        )
        mentor = web_application(
            forms[Role.MENTOR],
            language="sv",
            at=applied + timedelta(hours=n * 5 + 2),
            status=Application.Status.ACCEPTED,
            first_name=mentor_first,
            last_name=mentor_last,
            email=f"par{n + 1:02d}.mentor@{DEMO_DOMAIN}",
            phone=f"073-{200 + n:03d} 33 44",
            employment_status="self_employed" if n % 8 == 5 else "employed",
            occupation_now=("2411", "2411", "2412", "2413", "3313")[n % 5],
            experience_years=(6, 8, 10, 12, 15, 20, 25)[n % 7],
            swedish_level="C2",
            municipality=PLACES[(n + 3) % len(PLACES)],
            skills="Ekonom med lång erfarenhet; vill hjälpa nya kollegor in i yrket.",
        )
        people.append((mentee, mentor))
    created = Application.objects.bulk_create([a for pair in people for a in pair])
    accepted = applied + timedelta(weeks=4)
    # The applicants sent the form; the program's first coordinator (the planner) accepted them.
    decider = (
        ProgramRole.objects.filter(program=program, role=ProgramRole.Role.COORDINATOR)
        .order_by("pk")
        .values_list("user", flat=True)
        .first()
    )
    record_sent_and_accepted(created, decider_id=decider, at=accepted)
    published = _at(start - timedelta(days=10))
    pairs = Pair.objects.bulk_create(
        Pair(
            program=program,
            mentee=created[2 * n],
            mentor=created[2 * n + 1],
            status=Pair.Status.ACTIVE,
            published_at=published,
            answer_deadline=published + timedelta(days=7),
            mentee_answer="accept",
            mentee_answered_at=published + timedelta(days=1 + n % 3),
            mentor_answer="accept",
            mentor_answered_at=published + timedelta(days=2 + n % 4),
        )
        for n in range(PAIRS)
    )
    themes.install_starter_library(program.organisation, now=_at(start - timedelta(days=14)))
    items = {i.starter_key: i for i in ThemeItem.objects.filter(organisation=program.organisation)}
    for key, month in SCHEDULE:
        themes.pick_item(program, items[key], month=month, by=None, now=_at(start - timedelta(days=7)))
    used_items = [items[key] for key, month in SCHEDULE if month is not None and month <= 3]
    for n, pair in enumerate(pairs):
        mentorship = services.open_mentorship(pair, now=_at(start))
        _life(mentorship, n, rng, today=today, used_items=used_items)


def _life(mentorship: Mentorship, n: int, rng: random.Random, *, today: date, used_items: list) -> None:
    """Meetings logged, goals and ratings, themes used, and the odd pause or help request."""
    due = [m for m in mentorship.planned_meetings.order_by("planned_on") if m.planned_on < today]
    if n in SILENT:
        held = due[:2]
    elif n in BEHIND:  # every other meeting, the latest one included
        held = [m for k, m in enumerate(due) if k % 2 or k == len(due) - 1]
    else:
        held = due
    for k, planned in enumerate(held):
        day = min(planned.planned_on + timedelta(days=rng.randint(0, 3)), today - timedelta(days=1))
        log = MeetingLog.objects.create(
            mentorship=mentorship,
            planned=planned,
            held_on=day,
            minutes=rng.choice([45, 60, 60, 90]),
            format=rng.choice(["in_person", "in_person", "online", "phone"]),
            shared_note=NOTES[(n + k) % len(NOTES)],
            logged_by_side="mentee" if (n + k) % 2 else "mentor",
            created_at=_at(day, 18),
            confirmed_at=_at(day + timedelta(days=1), 9) if (n + k) % 3 else None,
        )
        if k < len(used_items):
            log.themes.add(used_items[k])
    if held:
        mentorship.last_meeting_on = max(log.held_on for log in mentorship.meeting_logs.all())
    for k, item in enumerate(used_items[: len(held)]):
        ThemeUse.objects.create(
            mentorship=mentorship,
            item=item,
            side="mentee" if k % 2 else "mentor",
            used_at=_at(held[k].planned_on),
        )
    started = mentorship.started_on
    for k in range(1 + n % 3):
        goal = PersonalGoal.objects.create(
            mentorship=mentorship, text=GOALS[(n + k) % len(GOALS)], order=k + 1, created_at=_at(started, 19)
        )
        for month, rating in enumerate(sorted(rng.sample(range(1, 6), 2 if n in SILENT else 3))):
            GoalRating.objects.create(
                goal=goal, rating=rating, rated_at=_at(started + timedelta(days=30 * month + 5))
            )
    if n == PAUSED:
        mentorship.status = Mentorship.Status.PAUSED
        mentorship.paused_at = _at(today - timedelta(days=12))
        mentorship.pause_reason = "Adepten går en intensivkurs i svenska i fyra veckor."
    if n == HELP:
        HelpRequest.objects.create(
            mentorship=mentorship,
            side="mentee",
            kind=HelpRequest.Kind.NEED_HELP,
            text="Min mentor och jag vill gärna prata med er om hur vi kan hitta praktikplatser.",
            created_at=_at(today - timedelta(days=2)),
        )
    mentorship.save()
