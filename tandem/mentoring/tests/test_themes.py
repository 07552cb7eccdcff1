"""Themes and exercises: the starter library, the organisation's library, a program's picks by month and
the space's Themes page, where the pair opens an item in its own language and marks it as used."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import SV, shown_messages, text
from tandem.mentoring import themes
from tandem.mentoring.models import Phase, ProgramTheme, ThemeItem, ThemeUse
from tandem.mentoring.starter_library import STARTER_ITEMS
from tandem.mentoring.tests.people import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def a(mentorships):
    return mentorships["a"]


# --- The starter library -------------------------------------------------------------------------


def test_the_starter_library_has_twelve_themes_and_eight_exercises_with_every_text():
    kinds = [item.kind for item in STARTER_ITEMS]
    assert kinds.count("theme") >= 12 and kinds.count("exercise") >= 8
    assert len({item.key for item in STARTER_ITEMS}) == len(STARTER_ITEMS)
    for item in STARTER_ITEMS:
        assert item.phase in Phase.values and item.kind in ThemeItem.Kind.values
        assert all(item.sv) and all(item.en) and all(item.ar), item.key
        assert len(item.sv[0]) <= 200 and len(item.sv[1]) <= 500 and len(item.en[1]) <= 500
        assert 5 <= item.minutes <= 480
    assert {item.phase for item in STARTER_ITEMS} >= {"start", "middle", "end"}


def test_the_starter_library_is_copied_once_even_after_an_item_was_changed(org, now):
    assert themes.install_starter_library(org, now=now) == len(STARTER_ITEMS)
    item = ThemeItem.objects.get(organisation=org, starter_key="theme-salary")
    item.title = "Lön – vår egen version"
    item.save()
    themes.archive_item(ThemeItem.objects.get(starter_key="theme-unions"), by=None, now=now)
    assert themes.install_starter_library(org, now=now) == 0
    assert ThemeItem.objects.filter(organisation=org).count() == len(STARTER_ITEMS)
    assert ThemeItem.objects.get(pk=item.pk).title == "Lön – vår egen version"
    assert item.translations["ar"]["title"] == "الراتب والتفاوض عليه"


# --- Phases and languages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "length", "phase"),
    [(1, 6, "start"), (2, 6, "start"), (3, 6, "middle"), (4, 6, "middle"), (5, 6, "end"), (6, 6, "end")]
    + [
        (1, 3, "start"),
        (2, 3, "middle"),
        (3, 3, "end"),
        (9, 9, "end"),
        (2, None, "start"),
        (3, None, "middle"),
    ],
)
def test_the_phase_follows_the_pairs_month(month, length, phase):
    assert themes.phase_for_month(month, length) == phase


def test_months_count_from_the_start_day():
    start = date(2026, 1, 15)
    assert themes.months_between(start, date(2026, 1, 15)) == 1
    assert themes.months_between(start, date(2026, 2, 14)) == 1
    assert themes.months_between(start, date(2026, 2, 15)) == 2
    assert themes.months_between(start, date(2025, 12, 1)) == 1


def test_an_arabic_reader_gets_arabic_where_it_exists_and_swedish_otherwise(org):
    item = ThemeItem(
        organisation=org,
        title="Mål",
        short_text="Kort",
        text="Lång text",
        translations={"ar": {"title": "الأهداف", "short_text": "قصير", "text": ""}, "en": {"text": "Long"}},
    )
    texts = themes.item_texts(item, "ar")
    assert (texts.title, texts.title_lang) == ("الأهداف", "ar")
    assert (texts.short_text, texts.short_lang) == ("قصير", "ar")
    assert (texts.text, texts.text_lang) == ("Lång text", "sv")
    english = themes.item_texts(item, "en")
    assert (english.title, english.title_lang) == ("Mål", "sv") and english.text == "Long"
    item.text = ""
    assert themes.item_texts(item, "ar").text_lang == "en"


# --- The space's Themes page ---------------------------------------------------------------------


def _library(org, program, now):
    themes.install_starter_library(org, now=now)
    items = {item.starter_key: item for item in ThemeItem.objects.filter(organisation=org)}
    themes.pick_item(program, items["theme-networks"], month=1, by=None, now=now)  # middle, but this month
    themes.pick_item(program, items["theme-goals"], month=None, by=None, now=now)  # start
    themes.pick_item(program, items["theme-ending-well"], month=6, by=None, now=now)  # end
    themes.pick_item(program, items["theme-professional-swedish"], month=None, by=None, now=now)  # any
    return items


def test_the_pair_sees_this_months_items_first_then_its_phase(client, a, amira, org, now):
    items = _library(org, a.pair.program, now)
    sign_in(client, amira)
    html = client.get(reverse("space:themes", args=[a.pk])).content.decode()
    assert html.index("الشبكات وسوق العمل الخفي") < html.index("ماذا تريد أن تحقق من الإرشاد؟")
    assert "اللغة السويدية المهنية" in html
    assert "إنهاء الإرشاد بشكل جيد" not in html  # the end comes later
    every = client.get(reverse("space:themes", args=[a.pk]) + "?all=1").content.decode()
    assert "إنهاء الإرشاد بشكل جيد" in every
    assert reverse("space:theme", args=[a.pk, items["theme-ending-well"].pk]) in every


def test_an_item_opens_in_arabic_with_the_swedish_text_marked_and_is_marked_used_once(
    client, a, amira, org, now
):
    items = _library(org, a.pair.program, now)
    url = reverse("space:theme", args=[a.pk, items["theme-networks"].pk])
    sign_in(client, amira)
    html = client.get(url).content.decode()
    assert '<h1 lang="ar" dir="rtl">الشبكات وسوق العمل الخفي</h1>' in html
    assert '<div lang="sv" dir="ltr">' in html and "dolda arbetsmarknaden" not in html.split("<h1")[0]
    assert "En stor del av alla tjänster" in html
    for _ in range(2):
        response = client.post(url, {"action": "use"})
        assert response.status_code == 302
    assert ThemeUse.objects.filter(mentorship=a, item=items["theme-networks"], side="mentee").count() == 1
    assert AuditEvent.objects.filter(action="mentorship.theme_used").count() == 1
    assert 'id="theme-used"' in client.get(url).content.decode()
    client.post(url, {"action": "unuse"})
    assert not ThemeUse.objects.filter(mentorship=a).exists()


def test_the_swedish_mentor_reads_the_full_swedish_text(client, a, eva, org, now):
    items = _library(org, a.pair.program, now)
    sign_in(client, eva)
    html = client.get(reverse("space:theme", args=[a.pk, items["theme-goals"].pk])).content.decode()
    assert "Vad vill du få ut av mentorskapet?" in html and "Börja med drömmen" in html


def test_an_item_the_program_did_not_pick_or_of_another_organisation_is_not_found(
    client, a, amira, org, other_org, now
):
    items = _library(org, a.pair.program, now)
    foreign = ThemeItem.objects.create(organisation=other_org, title="X", short_text="x", text="x")
    sign_in(client, amira)
    for item in (items["theme-salary"], foreign):
        assert client.get(reverse("space:theme", args=[a.pk, item.pk])).status_code == 404
        assert client.post(reverse("space:theme", args=[a.pk, item.pk])).status_code == 404
    assert not ThemeUse.objects.exists()


def test_without_picks_the_pair_sees_the_organisations_library_for_its_phase(client, a, amira, org, now):
    themes.install_starter_library(org, now=now)
    sign_in(client, amira)
    html = client.get(reverse("space:themes", args=[a.pk])).content.decode()
    assert "ماذا تريد أن تحقق من الإرشاد؟" in html  # a start theme
    assert "الأيام المئة الأولى في عمل جديد" not in html  # an end theme


def test_an_ended_pair_cannot_mark_an_item_used(client, a, amira, org, now):
    items = _library(org, a.pair.program, now)
    a.status = "ended"
    a.save()
    sign_in(client, amira)
    response = client.post(reverse("space:theme", args=[a.pk, items["theme-goals"].pk]), {"action": "use"})
    assert response.status_code == 302 and not ThemeUse.objects.exists()


# --- The coordinators' library and a program's months ---------------------------------------------


def test_the_library_is_filled_with_the_starter_items_on_the_first_visit_and_filters(
    client, coordinator, org
):
    client.force_login(coordinator)
    url = reverse("themes:library", args=[org.pk])
    page = text(client.get(url, **SV))
    assert "Nätverk och den dolda arbetsmarknaden" in page and "Övningsintervju" in page
    assert ThemeItem.objects.filter(organisation=org).count() == len(STARTER_ITEMS)
    exercises = text(client.get(url + "?kind=exercise&phase=middle", **SV))
    assert "Övningsintervju" in exercises and "Nätverk och den dolda arbetsmarknaden" not in exercises
    assert "Målstegen" not in exercises


def test_a_coordinator_adds_an_item_with_translations_and_archives_it(client, coordinator, org):
    client.force_login(coordinator)
    response = client.post(
        reverse("themes:item_new", args=[org.pk]),
        {
            "kind": "exercise",
            "phase": "middle",
            "topic": "Nätverk",
            "minutes_needed": "40",
            "title": "Mingelövning",
            "short_text": "Öva på att presentera dig på ett mingel.",
            "text": "Ställ er upp och …",
            "en_title": "Mingling practice",
            "en_short_text": "Practise introducing yourself at a mingle.",
            "en_text": "",
            "ar_title": "تمرين التعارف",
            "ar_short_text": "",
            "ar_text": "",
        },
        **SV,
    )
    assert response.status_code == 302
    item = ThemeItem.objects.get(title="Mingelövning")
    assert item.translations == {
        "en": {
            "title": "Mingling practice",
            "short_text": "Practise introducing yourself at a mingle.",
            "text": "",
        },
        "ar": {"title": "تمرين التعارف", "short_text": "", "text": ""},
    }
    edit = client.get(reverse("themes:item", args=[org.pk, item.pk]), **SV).content.decode()
    assert 'value="Mingling practice"' in edit
    client.post(reverse("themes:item_archive", args=[org.pk, item.pk]), **SV)
    item.refresh_from_db()
    assert item.archived_at is not None
    library = client.get(reverse("themes:library", args=[org.pk]), **SV).content.decode()
    assert reverse("themes:item", args=[org.pk, item.pk]) not in library
    shown = client.get(reverse("themes:library", args=[org.pk]) + "?archived=on", **SV).content.decode()
    assert reverse("themes:item", args=[org.pk, item.pk]) in shown
    assert AuditEvent.objects.filter(action__in=["themes.item_added", "themes.item_archived"]).count() == 2


def test_a_bad_item_is_refused_with_the_errors_shown(client, coordinator, org):
    client.force_login(coordinator)
    response = client.post(
        reverse("themes:item_new", args=[org.pk]),
        {"kind": "theme", "phase": "start", "minutes_needed": "0", "title": "", "short_text": "x" * 501},
        **SV,
    )
    assert response.status_code == 200 and not ThemeItem.objects.exists()
    assert 'id="id_title_error"' in response.content.decode()


def test_a_coordinator_picks_and_schedules_an_item_by_month(client, coordinator, program, org):
    client.force_login(coordinator)
    url = reverse("mentoring:themes", args=[program.pk])
    assert "Lön och löneförhandling" in text(client.get(url, **SV))
    item = ThemeItem.objects.get(organisation=org, starter_key="theme-salary")
    response = client.post(url, {"item": item.pk, "month": "4"}, **SV, follow=True)
    assert shown_messages(response) == ["”Lön och löneförhandling” erbjuds paren."]
    assert ProgramTheme.objects.get(program=program, item=item).month == 4
    client.post(url, {"item": item.pk, "month": ""}, **SV)
    assert ProgramTheme.objects.get(program=program, item=item).month is None
    response = client.post(url, {"item": item.pk, "month": "25"}, **SV)
    assert ProgramTheme.objects.get(program=program, item=item).month is None
    client.post(url, {"item": item.pk, "action": "unpick"}, **SV)
    assert not ProgramTheme.objects.exists()


def test_an_item_of_another_organisation_cannot_be_picked(client, coordinator, program, other_org):
    foreign = ThemeItem.objects.create(organisation=other_org, title="X", short_text="x", text="x")
    client.force_login(coordinator)
    response = client.post(reverse("mentoring:themes", args=[program.pk]), {"item": foreign.pk, "month": "1"})
    assert response.status_code == 404 and not ProgramTheme.objects.exists()


def test_a_pick_made_while_the_pair_is_in_month_two_shows_first_then(client, a, amira, org, now):
    themes.install_starter_library(org, now=now)
    salary = ThemeItem.objects.get(organisation=org, starter_key="theme-salary")
    program = a.pair.program
    month = themes.program_month(program, a, timezone.localdate() + timedelta(days=31))
    themes.pick_item(program, salary, month=month, by=None, now=now)
    sign_in(client, amira)
    html = client.get(reverse("space:themes", args=[a.pk])).content.decode()
    assert "الراتب والتفاوض عليه" not in html  # a middle theme, for a later month
