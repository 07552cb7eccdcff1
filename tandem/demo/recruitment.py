"""The demo's recruiting program: forms for both roles, requirement profiles, and about 60 applications
that came in through every channel (web, paper, interview, import) in Swedish, English and Arabic.

Everything is made through the same services as real use, so the applications are evaluated against
the profiles, duplicates are flagged and the audit log is filled as it would be. Fixed seeds: the same
people every time.
"""

from __future__ import annotations

import csv
import io
import random
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from faker import Faker

from tandem.accounts.models import Organisation, User
from tandem.applications.editing import Words, add_custom_question, save_form_settings, save_translations
from tandem.applications.models import Application, ApplicationForm
from tandem.applications.services import create_default_form, current_consent, submit_application
from tandem.intake import tables
from tandem.intake.answers import active_questions, staff_submission
from tandem.intake.columns import guess_mapping, targets_for
from tandem.intake.imports import check_rows, consent_statement, import_applications
from tandem.intake.interview import register_interview
from tandem.intake.paper import enter_paper_application
from tandem.programs.models import Program, ProgramRole
from tandem.reference.choices import CriterionKind, Importance, Role
from tandem.requirements.services import add_criterion

PROGRAM_NAME = "Mentorskap för ekonomer och sjuksköterskor i Västra Götaland 2027"
APPLICANT_DOMAIN = "sokande.demo.tandem.invalid"  # .invalid: the confirmation e-mails can never reach anyone

# Where applicants live: Göteborg and its neighbours, a few further out (Kungsbacka is in Halland).
MUNICIPALITIES = ["1480"] * 6 + [
    "1481",
    "1402",
    "1482",
    "1490",
    "1488",
    "1441",
    "1489",
    "1401",
    "1485",
    "1384",
]
# SSYK 2012: accountants and auditors, controllers, financial analysts, accounting clerks, assistants, nurses.
OCCUPATIONS = ["2411", "2411", "2412", "2413", "3313", "3313", "4111", "2221", "2221"]
EMPLOYERS = [
    "Göteborgs Stad",
    "Västra Götalandsregionen",
    "Sahlgrenska Universitetssjukhuset",
    "Mölndals stad",
    "Redovisningsbyrån Väst AB",
    "Ekonomikonsult Göteborg AB",
    "Revisionsbyrån Hisingen AB",
    "Boråsregionens vårdcentraler",
]

# Newcomers: (first names, last names, country of education, mother tongue, usual form language).
ORIGINS = [
    (
        ["Amira", "Rania", "Khaled", "Omar", "Lina", "Yousef", "Hiba", "Samer"],
        ["Haddad", "Al-Khatib", "Darwish", "Nasser", "Hamdan", "Sabbagh"],
        "Syrien",
        "ar",
        "ar",
    ),
    (
        ["Zainab", "Ali", "Hussein", "Noor", "Mustafa"],
        ["Al-Jaburi", "Kareem", "Hassan", "Mahdi"],
        "Irak",
        "ar",
        "ar",
    ),
    (
        ["Mohammad", "Fatemeh", "Reza", "Maryam", "Arash"],
        ["Karimi", "Hosseini", "Ahmadi", "Rahimi"],
        "Iran",
        "fa",
        "sv",
    ),
    (["Sahar", "Ahmad", "Farid"], ["Noori", "Sultani", "Wardak"], "Afghanistan", "prs", "sv"),
    (["Hodan", "Abdirahman", "Faadumo"], ["Warsame", "Farah", "Jama"], "Somalia", "so", "sv"),
    (["Senait", "Yonas", "Selam"], ["Tesfay", "Gebremedhin", "Haile"], "Eritrea", "ti", "en"),
    (
        ["Olena", "Iryna", "Dmytro", "Oksana"],
        ["Kovalenko", "Shevchenko", "Bondarenko"],
        "Ukraina",
        "uk",
        "en",
    ),
    (["Elif", "Murat"], ["Yilmaz", "Demir"], "Turkiet", "tr", "en"),
]
EDUCATION = {
    "2411": {
        "sv": "Kandidatexamen i redovisning",
        "en": "Bachelor in accounting",
        "ar": "بكالوريوس في المحاسبة",
    },
    "2412": {
        "sv": "Magisterexamen i företagsekonomi",
        "en": "Master in business administration",
        "ar": "ماجستير في إدارة الأعمال",
    },
    "2413": {"sv": "Civilekonom, finans", "en": "Master in finance", "ar": "ماجستير في التمويل"},
    "3313": {
        "sv": "Ekonomiutbildning, redovisning",
        "en": "Diploma in bookkeeping",
        "ar": "دبلوم في مسك الدفاتر",
    },
    "4111": {"sv": "Gymnasieekonom", "en": "Upper secondary, business", "ar": "ثانوية تجارية"},
    "2221": {"sv": "Sjuksköterskeexamen", "en": "Bachelor in nursing", "ar": "بكالوريوس في التمريض"},
}
MOTIVATION = {
    Role.MENTEE: {
        "sv": [
            "Jag vill komma tillbaka till mitt yrke och behöver förstå hur arbetsplatser i Sverige fungerar.",
            "Jag har lång erfarenhet från mitt hemland men saknar kontakter i Sverige.",
            "Jag vill öva yrkessvenska och få råd om hur jag får min examen bedömd.",
        ],
        "en": [
            "I want to work in my profession again and need to understand Swedish workplaces.",
            "I have many years of experience but no professional network in Sweden yet.",
        ],
        "ar": [
            "أريد العودة إلى العمل في مهنتي وأحتاج إلى فهم سوق العمل في السويد.",
            "لدي خبرة طويلة في بلدي لكن ليس لدي شبكة علاقات مهنية في السويد.",
        ],
    },
    Role.MENTOR: {
        "sv": [
            "Jag vill ge tillbaka och hjälpa en kollega att komma in i yrket.",
            "Vi behöver fler kollegor i branschen, och jag vet hur svårt det är att komma in.",
            "Jag har själv haft en mentor och vet hur mycket det betydde.",
        ],
        "en": ["I want to help a colleague into the profession, as someone once helped me."],
        "ar": ["أريد أن أساعد زميلا جديدا على دخول المهنة في السويد."],
    },
}
INTERVIEW_NOTES = [
    "Tydlig bild av vad hen vill. Har börjat validera sin examen hos UHR. Föredrar träffar i Göteborg.",
    "Stark motivation, men svenskan behöver stöd. Passar en mentor med tålamod och tid för språket.",
    "Erfaren och lugn. Vill helst träffas digitalt på kvällar på grund av barnen.",
    "Vill byta bana till controlling. Bra att matcha med någon på en större arbetsgivare.",
]
HOW_HEARD = {
    "sv": ["Arbetsförmedlingen", "SFI eller Komvux", "En vän eller kollega", "Facket", "Sociala medier"],
    "en": [
        "The Public Employment Service",
        "SFI or adult education",
        "A friend or colleague",
        "The union",
        "Social media",
    ],
    "ar": [
        "مكتب العمل",
        "مدرسة اللغة السويدية أو تعليم الكبار",
        "صديق أو زميل",
        "النقابة",
        "وسائل التواصل الاجتماعي",
    ],
}


@dataclass
class Person:
    role: str
    channel: str
    language: str
    at: datetime
    values: dict[str, Any] = field(default_factory=dict)


def load_recruitment_demo(
    organisation: Organisation,
    partner: Organisation,
    working_group: list[tuple[User, str, dict[str, bool]]],
    *,
    today: date,
) -> Program:
    """A program that is recruiting, with published forms, profiles and ~60 applications.

    `working_group`: (user, ProgramRole.Role, flags) as `load_demo` makes them; the coordinators among
    them type in the paper forms, hold the interviews and import the files.
    """
    existing = Program.objects.filter(organisation=organisation, name=PROGRAM_NAME).first()
    if existing is not None:
        return existing
    now = timezone.make_aware(datetime.combine(today, time(10)))
    staff = [user for user, role, _flags in working_group if role != ProgramRole.Role.VIEWER]
    program = _program(organisation, partner, working_group, today=today, now=now)
    forms = {role: _form(program, role, by=staff[0], now=now - timedelta(days=21)) for role in Role.values}
    _profiles(program, by=staff[0], now=now - timedelta(days=20))
    fake = Faker("sv_SE")
    fake.seed_instance(2027)
    rng = random.Random(2027)
    people = _mentees(rng, forms[Role.MENTEE], now) + _mentors(rng, fake, forms[Role.MENTOR], now)
    _apply(people, forms, staff, rng, now)
    return program


def _program(organisation, partner, working_group, *, today: date, now: datetime) -> Program:
    program = Program.objects.create(
        organisation=organisation,
        name=PROGRAM_NAME,
        purpose=(
            "Att hjälpa nyanlända ekonomer och sjuksköterskor i Västra Götaland in i arbete i sitt yrke, "
            "med stöd av en erfaren kollega som mentor."
        ),
        purpose_kind=Program.Purpose.JOB_IN_PROFESSION,
        mentee_target_group=(
            "Arbetssökande ekonomer, redovisare och sjuksköterskor med utländsk utbildning, som bott i "
            "Sverige högst fem år och klarar vardagssvenska."
        ),
        mentor_target_group=(
            "Ekonomer, revisorer, controllers och sjuksköterskor i Västra Götaland med minst fem års "
            "erfarenhet i yrket."
        ),
        length_months=9,
        start_date=today + timedelta(weeks=10),
        target_mentees=30,
        target_mentors=25,
        state=Program.State.RECRUITING,
        created_at=now - timedelta(days=40),
    )
    program.partners.add(partner)
    for user, role, flags in working_group:
        ProgramRole.objects.create(program=program, user=user, role=role, **flags)
    return program


# The forms' texts in the other languages applicants can choose (the Swedish ones are the program's).
INTRO_TRANSLATIONS = {
    Role.MENTEE: {
        "en": "Do you want to move on in your profession in Sweden? Apply to our mentorship program. It "
        "takes about ten minutes to fill in.",
        "ar": "هل تريد أن تتقدم في مهنتك في السويد؟ قدّم طلبًا إلى برنامج الإرشاد لدينا. يستغرق ملء الاستمارة "
        "حوالي عشر دقائق.",
        "sv-easyread": "Vill du få ett jobb i ditt yrke i Sverige? Då kan du få en mentor. Sök här. Det tar "
        "ungefär tio minuter.",
    },
    Role.MENTOR: {
        "en": "Do you want to share your experience? Become a mentor to a newly arrived colleague for nine "
        "months.",
        "ar": "هل تريد أن تشارك خبرتك؟ كن مرشدًا لزميل وصل حديثًا لمدة تسعة أشهر.",
        "sv-easyread": "Vill du hjälpa en ny kollega? Bli mentor i nio månader.",
    },
}
WHO_CAN_APPLY = {
    Role.MENTEE: {
        "en": "Job-seeking economists, accountants and nurses trained abroad who have lived in Sweden for at "
        "most five years and manage everyday Swedish.",
        "ar": "الباحثون عن عمل من الاقتصاديين والمحاسبين والممرضين الذين تلقوا تعليمهم خارج السويد، ويعيشون "
        "في السويد منذ خمس سنوات على الأكثر، ويتحدثون السويدية اليومية.",
        "sv-easyread": "Du kan söka om du är ekonom, redovisare eller sjuksköterska från ett annat land. Du "
        "söker jobb. Du har bott i Sverige i högst fem år. Du kan prata svenska i vardagen.",
    },
    Role.MENTOR: {
        "en": "Economists, auditors, controllers and nurses in Västra Götaland with at least five years of "
        "experience in the profession.",
        "ar": "الاقتصاديون ومدققو الحسابات والمراقبون الماليون والممرضون في منطقة فاسترا يوتالاند ممن لديهم "
        "خبرة لا تقل عن خمس سنوات في المهنة.",
        "sv-easyread": "Du kan bli mentor om du är ekonom, revisor, controller eller sjuksköterska. Du bor i "
        "Västra Götaland. Du har jobbat i ditt yrke i minst fem år.",
    },
}


def _form(program: Program, role: str, *, by: User, now: datetime) -> ApplicationForm:
    form = create_default_form(program, role, by=by, now=now)
    form.opens_at = now
    form.closes_at = now + timedelta(days=60)
    form.contact_email = "mentorskap@akademikernavast.demo.tandem.invalid"
    form.intro = (
        "Vill du komma vidare i ditt yrke i Sverige? Sök till vårt mentorskapsprogram. Det tar ungefär "
        "tio minuter att fylla i."
        if role == Role.MENTEE
        else "Vill du dela med dig av din erfarenhet? Bli mentor för en nyanländ kollega i nio månader."
    )
    form.is_published = True
    save_form_settings(
        form,
        changed=[
            "opens_at",
            "closes_at",
            "contact_email",
            "intro",
            "is_published",
        ],
        by=by,
        now=now,
    )
    words: dict[str, dict[int, Words]] = {}
    if role == Role.MENTEE:
        question = add_custom_question(
            form,
            custom_type="single_choice",
            required=False,
            page="custom",
            words=Words("Hur hörde du talas om programmet?", choices=HOW_HEARD["sv"]),
            by=by,
            now=now,
        )
        for language, label in (
            ("en", "How did you hear about the program?"),
            ("ar", "كيف سمعت عن البرنامج؟"),
        ):
            words[language] = {question.pk: Words(label, choices=HOW_HEARD[language])}
    for language in ("en", "ar", "sv-easyread"):
        save_translations(
            form,
            language,
            words.get(language, {}),
            intro=INTRO_TRANSLATIONS[role][language],
            target_group=WHO_CAN_APPLY[role][language],
            by=by,
            now=now,
        )
    return form


def _profiles(program: Program, *, by: User, now: datetime) -> None:
    occupations = {"codes": ["241", "2221", "331", "4111"], "match_digits": 3}
    mentee = [
        (
            CriterionKind.EMPLOYMENT_STATUS,
            Importance.MUST,
            1,
            {"statuses": ["job_seeking", "studying", "other"]},
        ),
        (CriterionKind.SWEDISH_LEVEL, Importance.MUST, 1, {"min_level": "A2"}),
        (CriterionKind.YEARS_IN_SWEDEN, Importance.SHOULD, 3, {"max": 5}),
        (CriterionKind.OCCUPATION, Importance.SHOULD, 5, occupations),
        (CriterionKind.REGION, Importance.SHOULD, 2, {"counties": ["14"]}),
    ]
    set_profiles(program, {Role.MENTEE: mentee, Role.MENTOR: mentor_criteria(occupations)}, by=by, now=now)


Criterion = tuple[str, str, int, dict[str, Any]]


def mentor_criteria(occupations: dict[str, Any]) -> list[Criterion]:
    """The demo programs' mentors: working, five years in the profession, the occupation, the region."""
    return [
        (CriterionKind.EMPLOYMENT_STATUS, Importance.MUST, 1, {"statuses": ["employed", "self_employed"]}),
        (CriterionKind.EXPERIENCE_YEARS, Importance.MUST, 1, {"min": 5}),
        (CriterionKind.OCCUPATION, Importance.SHOULD, 5, occupations),
        (CriterionKind.REGION, Importance.SHOULD, 2, {"counties": ["14"]}),
    ]


def set_profiles(
    program: Program, criteria: dict[str, list[Criterion]], *, by: User | None, now: datetime
) -> None:
    """Each role's requirement profile, set by the coordinator `by` through the service (audited)."""
    for role, rows in criteria.items():
        for kind, importance, weight, params in rows:
            add_criterion(
                program, role, kind=kind, importance=importance, weight=weight, params=params, by=by, now=now
            )


# --- The people ---------------------------------------------------------------------------------------


def _email(first: str, last: str, number: int) -> str:
    plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode().lower()
    return f"{plain.replace(' ', '').replace(chr(39), '')}{number}@{APPLICANT_DOMAIN}"


def _phone(rng: random.Random) -> str:
    return f"07{rng.randint(0, 9)}-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def _channel(rng: random.Random) -> str:
    return rng.choices(["web", "paper", "interview", "import"], weights=[50, 17, 13, 20])[0]


def _moment(rng: random.Random, now: datetime) -> datetime:
    return now - timedelta(days=rng.randint(0, 12), hours=rng.randint(0, 9), minutes=rng.randint(0, 59))


def _mentees(rng: random.Random, form: ApplicationForm, now: datetime) -> list[Person]:
    custom = next(q for q in form.questions.all() if not q.builtin)
    people = []
    for number in range(36):
        firsts, lasts, country, mother_tongue, usual = ORIGINS[number % len(ORIGINS)]
        first, last = rng.choice(firsts), rng.choice(lasts)
        language = (
            usual
            if rng.random() < 0.7
            else rng.choice(["sv", "en", "ar"] if mother_tongue == "ar" else ["sv", "en"])
        )
        wanted = rng.choice(OCCUPATIONS)
        status = rng.choices(["job_seeking", "studying", "employed", "other"], weights=[70, 12, 12, 6])[0]
        swedish = rng.choices(
            ["A1", "SFI_B", "SFI_C", "SFI_D", "B1", "B2", "C1"], weights=[4, 6, 14, 20, 24, 20, 8]
        )[0]
        values = {
            "first_name": first,
            "last_name": last,
            "email": _email(first, last, number),
            "phone": _phone(rng),
            "birth_year": rng.randint(1972, 1999),
            "employment_status": status,
            "occupation_now": wanted if rng.random() < 0.6 else rng.choice(["4111", "9111", ""]),
            "occupation_wanted": wanted,
            "experience_years": rng.randint(1, 18),
            "education": EDUCATION[wanted][language if language in ("sv", "en", "ar") else "en"],
            "education_country": country,
            "swedish_level": swedish,
            "other_languages": [{"code": mother_tongue, "level": "C2"}]
            + ([{"code": "en", "level": rng.choice(["B1", "B2", "C1"])}] if mother_tongue != "en" else []),
            "municipality": rng.choice(MUNICIPALITIES),
            "years_in_sweden": rng.randint(1, 8),
            "meeting_format": rng.choice(["in_person", "online", "either", "either"]),
            "availability": {
                "sv": "Vardagar efter 16",
                "en": "Weekday afternoons",
                "ar": "أيام الأسبوع بعد الظهر",
            }[language],
            "motivation": rng.choice(MOTIVATION[Role.MENTEE][language]),
            "expectations": {
                "sv": "Ett nätverk och råd om arbetsmarknaden.",
                "en": "A network and advice.",
                "ar": "شبكة علاقات ونصائح عن سوق العمل.",
            }[language],
            custom.key: str(rng.randrange(len(HOW_HEARD["sv"]))),
        }
        people.append(Person(Role.MENTEE, _channel(rng), language, _moment(rng, now), values))
    # Someone sends the web form and then hands in a paper form too: flagged as a possible duplicate.
    twice = next(p for p in people if p.channel == "web")
    later = min(twice.at + timedelta(days=1), now)
    people.append(Person(Role.MENTEE, "paper", twice.language, later, dict(twice.values)))
    return people


def _mentors(rng: random.Random, fake: Faker, form: ApplicationForm, now: datetime) -> list[Person]:
    people = []
    for number in range(24):
        if number % 6 == 5:  # some mentors came to Sweden themselves, years ago
            firsts, lasts, *_rest = rng.choice(ORIGINS)
            first, last = rng.choice(firsts), rng.choice(lasts)
        else:
            first, last = fake.first_name(), fake.last_name()
        language = "en" if number % 8 == 3 else "sv"
        occupation = rng.choice(["2411", "2411", "2412", "2413", "3313", "2221", "2221", "2222"])
        values = {
            "first_name": first,
            "last_name": last,
            "email": _email(first, last, 100 + number),
            "phone": _phone(rng),
            "birth_year": rng.randint(1962, 1990),
            "employment_status": rng.choices(["employed", "self_employed", "other"], weights=[85, 10, 5])[0],
            "current_employer": rng.choice(EMPLOYERS),
            "occupation_now": occupation,
            "experience_years": rng.choice([3, 4, 6, 8, 10, 12, 15, 20, 25]),
            "education": EDUCATION.get(occupation, EDUCATION["2221"])[language],
            "education_country": "Sverige",
            "swedish_level": "C2",
            "other_languages": [{"code": "en", "level": rng.choice(["B2", "C1"])}],
            "municipality": rng.choice(MUNICIPALITIES),
            "meeting_format": rng.choice(["in_person", "online", "either"]),
            "availability": "Tisdagar eller torsdagar efter jobbet"
            if language == "sv"
            else "Tuesday evenings",
            "motivation": rng.choice(MOTIVATION[Role.MENTOR][language]),
            "mentee_capacity": 2 if number % 6 == 2 else 1,
        }
        people.append(Person(Role.MENTOR, _channel(rng), language, _moment(rng, now), values))
    return people


# --- Through every channel ------------------------------------------------------------------------------


def _apply(
    people: list[Person], forms: dict[str, ApplicationForm], staff: list[User], rng, now: datetime
) -> None:
    questions = {role: active_questions(form) for role, form in forms.items()}
    imported = {role: [p for p in people if p.role == role and p.channel == "import"] for role in forms}
    import_at = {role: max((p.at for p in group), default=now) for role, group in imported.items()}
    for person in sorted((p for p in people if p.channel != "import"), key=lambda p: p.at):
        form, asked = forms[person.role], questions[person.role]
        by = rng.choice(staff)
        if person.channel == "web":
            submission = staff_submission(
                asked,
                person.values,
                language=person.language,
                consent=current_consent(form, person.language),
                channel=Application.Channel.WEB,
                by=None,
            )
            submit_application(form, submission, token=secrets.token_urlsafe(24), now=person.at)
        elif person.channel == "paper":
            enter_paper_application(
                form,
                asked,
                person.values,
                language=person.language,
                signed_on=timezone.localdate(person.at) - timedelta(days=rng.randint(1, 6)),
                by=by,
                now=person.at,
            )
        else:
            register_interview(
                form,
                asked,
                person.values,
                language=person.language,
                held_on=timezone.localdate(person.at),
                notes=rng.choice(INTERVIEW_NOTES),
                by=by,
                now=person.at,
            )
    for role, group in imported.items():
        if group:
            _import(forms[role], questions[role], group, by=staff[-1], now=import_at[role])


def _import(form: ApplicationForm, questions, people: list[Person], *, by: User, now: datetime) -> None:
    """A partner's list, as a CSV file with Swedish headings, through the whole import pipeline."""
    targets = targets_for(questions, "sv")
    wanted = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "birth_year",
        "occupation_now",
        "occupation_wanted",
        "experience_years",
        "swedish_level",
        "municipality",
        "years_in_sweden",
        "motivation",
        "language",
    ]
    columns = [t for key in wanted for t in targets if t.key == key]
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow([target.label for target in columns])
    for person in people:
        values = {**person.values, "language": person.language}
        writer.writerow(["" if values.get(t.key) is None else str(values.get(t.key)) for t in columns])
    upload = SimpleUploadedFile("partnerlista.csv", text.getvalue().encode("utf-8-sig"))
    kind, table = tables.check_upload(upload)
    token = tables.store_upload(upload, program_id=form.program_id, role=form.role, kind=kind)
    stored = tables.find_upload(program_id=form.program_id, token=token)
    checked = check_rows(
        stored,
        guess_mapping(table.header, targets, form.role),
        targets,
        staff_language="sv",
        default_language="sv",
    )
    assert not checked.problems, checked.problems[:3]
    import_applications(
        form,
        questions,
        checked.rows,
        consent_text=consent_statement(form, "sv"),
        consent_language="sv",
        by=by,
        now=now,
    )
    tables.delete_upload(stored)
