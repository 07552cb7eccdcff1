"""The handbook: the participant's page and PDF (their own program only), the coordinator's preview and
own sections, the PDF's text (goals, åäö, Arabic letters), the query count."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tandem.audit.models import AuditEvent
from tandem.handbook import services
from tandem.handbook.models import HandbookSection
from tandem.handbook.pdf import handbook_pdf
from tandem.mentoring import services as mentoring_services
from tandem.mentoring import themes
from tandem.mentoring.models import ProgramTheme, ThemeItem
from tandem.mentoring.tests.people import active_pair, sign_in
from tandem.programs.models import Goal, ProgramRole

pytestmark = pytest.mark.django_db

GOAL = "Fler adepter får ett arbete inom sitt yrkesområde på sju månader"


@pytest.fixture
def handbook_world(program, mentorships, coordinator, org, now):
    program.purpose = "Att ge nyanlända en väg in på arbetsmarknaden i Göteborg."
    program.save(update_fields=["purpose"])
    Goal.objects.create(
        program=program, description=GOAL, indicator="Andel i arbete", target_value=40, order=1
    )
    Goal.objects.create(program=program, description="Ökat nätverk och självförtroende", indicator="Enkät")
    themes.install_starter_library(org, now=now)
    for item in ThemeItem.objects.filter(organisation=org)[:3]:
        ProgramTheme.objects.create(program=program, item=item, month=1)
    HandbookSection.objects.create(
        program=program, title="Parkering och lokaler", body="Lokalen ligger på Järntorget."
    )
    HandbookSection.objects.create(program=program, title="Only in English", body="Hello.", language="en")
    return program


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 2
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_mentor_reads_the_handbook_of_her_program_in_swedish(
    client, handbook_world, mentorships, eva, coordinator
):
    sign_in(client, eva)
    pair_page = client.get(reverse("space:pair", args=[mentorships["a"].pk])).content.decode()
    url = reverse("handbook_space:page", args=[mentorships["a"].pk])
    assert url in pair_page
    html = client.get(url).content.decode()
    assert "Handbok för" in html and GOAL in html and "Andel i arbete" in html
    assert "Varannan vecka i månad 1–2." in html
    assert "Varje månad från månad 3 till programmets slut." in html
    assert "Vad förväntas av en mentor" in html and "Så har ni ett bra möte" in html
    assert "Parkering och lokaler" in html and "Only in English" not in html
    assert coordinator.email in html
    assert "Uppstartsträff" in html  # the planned kickoff, with its date


def test_another_pairs_or_programs_participant_gets_404(
    client, handbook_world, mentorships, other_program, now
):
    other = active_pair(other_program, ("Omar", "Nasser"), ("Lisa", "Lund"), now=now)
    mentoring_services.open_mentorship(other, now=now)
    sign_in(client, other.mentee)
    for name in ("handbook_space:page", "handbook_space:pdf"):
        assert client.get(reverse(name, args=[mentorships["a"].pk])).status_code == 404
        assert client.get(reverse(name, args=[mentorships["b"].pk])).status_code == 404


def test_the_arabic_mentee_gets_arabic_page_and_pdf(client, handbook_world, mentorships, amira):
    sign_in(client, amira)
    html = client.get(reverse("handbook_space:page", args=[mentorships["a"].pk])).content.decode()
    assert 'lang="ar"' in html and "دليل" in html
    response = client.get(reverse("handbook_space:pdf", args=[mentorships["a"].pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert GOAL in text  # the program's own Swedish text, åäö intact
    assert any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


def test_the_pdf_in_swedish_has_the_goals_and_aao(handbook_world):
    text = _pdf_text(handbook_pdf(services.build_handbook(handbook_world, "sv")))
    assert GOAL in text and "Ökat nätverk och självförtroende" in text
    assert "Så har ni ett bra möte" in text and "Parkering och lokaler" in text
    assert "Only in English" not in text


def test_the_english_handbook_has_the_english_section(handbook_world):
    handbook = services.build_handbook(handbook_world, "en")
    assert [s.title for s in handbook.own_sections] == ["Parkering och lokaler", "Only in English"]
    assert handbook.meeting_plan[0] == "Every second week in months 1–2."
    text = _pdf_text(handbook_pdf(handbook))
    assert "What is expected of a mentee" in text and "Only in English" in text


def test_building_the_handbook_takes_a_fixed_number_of_queries(handbook_world, django_assert_max_num_queries):
    for number in range(5):
        Goal.objects.create(program=handbook_world, description=f"Mål {number}", indicator="x")
    with django_assert_max_num_queries(9):
        handbook = services.build_handbook(handbook_world, "sv")
    assert len(handbook.goals) == 7 and handbook.phases and handbook.contacts


def test_the_coordinator_adds_a_section_audited_and_previews_it(client, handbook_world, coordinator, viewer):
    client.force_login(coordinator)
    response = client.post(
        reverse("handbook:section_new", args=[handbook_world.pk]),
        {"title": "Fika", "body": "Vi bjuder på fika.", "order": "5", "language": ""},
    )
    assert response.status_code == 302
    section = HandbookSection.objects.get(title="Fika")
    assert AuditEvent.objects.filter(action="handbook.section_added", target_id=str(section.pk)).exists()
    html = client.get(reverse("handbook:preview", args=[handbook_world.pk]) + "?lang=en").content.decode()
    assert "Fika" in html and "What is expected of a mentor" in html
    bad = client.post(
        reverse("handbook:section_new", args=[handbook_world.pk]), {"title": "", "body": "", "order": "1"}
    )
    assert bad.status_code == 200 and HandbookSection.objects.filter(title="").count() == 0
    client.post(reverse("handbook:section_delete", args=[handbook_world.pk, section.pk]))
    assert not HandbookSection.objects.filter(pk=section.pk).exists()
    assert AuditEvent.objects.filter(action="handbook.section_removed").exists()
    client.force_login(viewer)
    assert client.get(reverse("handbook:preview", args=[handbook_world.pk])).status_code == 200
    assert client.get(reverse("handbook:section_new", args=[handbook_world.pk])).status_code == 403


def test_scheduled_common_meeting_shows_with_place(handbook_world):
    from tandem.gatherings.models import Gathering

    Gathering.objects.create(
        program=handbook_world,
        kind="other",
        title="Nätverksträff",
        starts_at=timezone.now() + timedelta(days=20),
        place="Folkets hus, Göteborg",
    )
    rows = services.build_handbook(handbook_world, "sv").common_meetings
    assert any(r.title == "Nätverksträff" and r.place == "Folkets hus, Göteborg" for r in rows)
    assert ProgramRole.objects.filter(program=handbook_world).exists()


def test_the_space_page_takes_the_same_queries_with_more_goals_themes_and_sections(
    client, handbook_world, mentorships, eva, org, django_assert_num_queries
):
    sign_in(client, eva)
    url = reverse("handbook_space:page", args=[mentorships["a"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for number in range(5):
        Goal.objects.create(program=handbook_world, description=f"Mål {number}", indicator="x")
        HandbookSection.objects.create(program=handbook_world, title=f"Avsnitt {number}", body="Text.")
    for item in ThemeItem.objects.filter(organisation=org)[3:8]:
        ProgramTheme.objects.create(program=handbook_world, item=item, month=4)
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_space_menu_has_a_handbook_tab_active_on_the_handbook_page(client, mentorships, eva, amira):
    url = reverse("handbook_space:page", args=[mentorships["a"].pk])
    tab = f'<a class="nav-link" href="{url}">Handbok</a>'
    active = f'<a class="nav-link active" aria-current="page" href="{url}">Handbok</a>'
    sign_in(client, eva)
    pair_page = client.get(reverse("space:pair", args=[mentorships["a"].pk])).content.decode()
    assert tab in pair_page and active not in pair_page
    handbook_page = client.get(url).content.decode()
    assert active in handbook_page
    assert 'class="nav-link active"' not in handbook_page.replace(active, "")  # "My pair" is not active
    client.logout()
    sign_in(client, amira)
    arabic = client.get(reverse("space:meetings", args=[mentorships["a"].pk])).content.decode()
    assert f'<a class="nav-link" href="{url}">الدليل</a>' in arabic


def test_the_arabic_page_keeps_the_programs_swedish_texts_in_their_own_direction(
    client, handbook_world, mentorships, amira
):
    own = ThemeItem.objects.create(
        organisation=handbook_world.organisation,
        title="Nätverka på LinkedIn",
        short_text="Gå igenom profilen.",
    )
    ProgramTheme.objects.create(program=handbook_world, item=own, month=1)
    sign_in(client, amira)
    html = client.get(reverse("handbook_space:page", args=[mentorships["a"].pk])).content.decode()
    assert 'dir="rtl"' in html
    assert f'<p dir="auto" id="hb-purpose-text">{handbook_world.purpose}</p>' in html
    assert f'<p class="text-muted mb-2" dir="auto">{handbook_world.name}</p>' in html
    assert f"<h1>دليل <bdi>{handbook_world.name}</bdi></h1>" in html
    # the goal a block of its own, its target (ours, in Arabic) a line of the page's direction under it
    assert (
        f'<li><div dir="auto">{GOAL} – Andel i arbete</div>'
        '<div class="small">الهدف المطلوب: <bdi>40 في المائة</bdi></div></li>'
    ) in html
    # a theme the program picked, without an Arabic translation: in Swedish, in its own direction
    theme = r'<li><span lang="sv" dir="auto">Nätverka på LinkedIn</span> \([^)]*\): '
    assert re.search(theme + r"<bdi>Gå igenom profilen.</bdi></li>", html)
    assert '<h2 id="hb-own-1" class="h4" dir="auto">Parkering och lokaler</h2>' in html
    assert '<p dir="auto">Lokalen ligger på Järntorget.</p>' in html


def test_targets_have_no_needless_decimal_and_their_unit_in_the_readers_language(handbook_world):
    Goal.objects.create(
        program=handbook_world, description="Nätverk", indicator="Kontakter", target_value=5, unit="count"
    )
    Goal.objects.create(program=handbook_world, description="Svar", indicator="Andel", target_value="12.5")
    targets = {
        language: {
            goal.indicator: goal.target for goal in services.build_handbook(handbook_world, language).goals
        }
        for language in ("sv", "ar")
    }
    assert targets["sv"] == {
        "Andel i arbete": "40 procent",
        "Enkät": "",
        "Kontakter": "5",
        "Andel": "12,5 procent",
    }
    assert targets["ar"]["Andel i arbete"] == "40 في المائة" and targets["ar"]["Kontakter"] == "5"


def test_the_arabic_pdf_has_its_title_on_two_lines_and_reads_right_to_left(handbook_world):
    import unicodedata

    from tandem.handbook.pdf import break_lines, visual

    content = handbook_pdf(services.build_handbook(handbook_world, "ar"))
    text = unicodedata.normalize("NFKC", _pdf_text(content))
    lines = [line.strip() for line in text.splitlines()]
    assert lines[:2] == ["دليل البرنامج", handbook_world.name]  # the program's name on a line of its own
    assert "الغرض والأهداف" in text and "في المائة" in text and GOAL in text
    # a Swedish sentence keeps its full stop at its end; an Arabic line gets its brackets mirrored
    assert visual("med stöd av en mentor.", None) == "med stöd av en mentor."
    assert visual("(الهدف)", "R")[0] == "(" and visual("(الهدف)", "R")[-1] == ")"
    # an island of Swedish cut by a line break is closed and opened again
    lines = break_lines("\u202aett två tre fyra fem sex sju\u202c (الهدف)", "TandemSans", 10, 60, "R")
    assert len(lines) > 1 and all(line.count("\u202a") == line.count("\u202c") for line in lines)


def test_a_rounds_dates_end_on_its_last_day(handbook_world, now):
    from tandem.followup.models import Round

    opens = timezone.localdate(now)
    Round.objects.create(
        program=handbook_world, step="midterm", opens_on=opens, closes_on=opens + timedelta(days=21)
    )
    handbook = services.build_handbook(handbook_world, "sv")
    last_day = services._date(opens + timedelta(days=20))  # the survey says "open until" this day
    assert [row.when.endswith(last_day) for row in handbook.rounds] == [True]
