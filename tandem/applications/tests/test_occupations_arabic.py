"""Arabic applicants find their occupation by an Arabic word: Tandem's curated list of Arabic words,
searched with the usual spelling variants folded together, every word pointing at a real SSYK unit group."""

from __future__ import annotations

import pytest
from django.utils import translation

from tandem.applications.builtins import SPECS, Builtin
from tandem.reference import data as reference
from tandem.reference.occupations import normalise_arabic, search_occupations


def codes(query: str, language: str = "ar") -> list[str]:
    return [hit.code for hit in search_occupations(query, language=language)]


def test_every_arabic_word_points_at_an_ssyk_unit_group():
    keywords = reference.arabic_occupation_keywords()
    assert len(keywords) > 150
    groups = reference.ssyk_groups()
    wrong = [
        (k.word, k.ssyk_code) for k in keywords if k.ssyk_code not in groups or groups[k.ssyk_code].level != 4
    ]
    assert wrong == []
    assert all(normalise_arabic(k.word) for k in keywords)
    assert len({k.ssyk_code for k in keywords}) >= 40  # the common occupations of newcomers


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("ممرض", "2221"),  # nurse
        ("ممرضة", "2221"),  # nurse, feminine
        ("ممرضه", "2221"),  # typed with haa for taa marbuta
        ("الممرضة", "2221"),  # with the article
        ("مُمَرِّضَة", "2221"),  # with diacritics
        ("محاسب", "2411"),  # accountant
        ("محاسبة", "2411"),
        ("مساعد ممرض", "5323"),  # assistant nurse
        ("طبيب", "2213"),  # doctor
        ("طبيب أسنان", "2260"),  # dentist
        ("طبيب اسنان", "2260"),  # without the hamza
        ("صيدلي", "2281"),  # pharmacist
        ("مهندس مدني", "2142"),  # civil engineer
        ("مهندسة ميكانيكية", "2144"),
        ("مهندس كهرباء", "2143"),
        ("مبرمج", "2512"),  # programmer
        ("معلمة رياض الأطفال", "2343"),  # pre-school teacher
        ("معلم ابتدائي", "2341"),
        ("معلم ثانوي", "2330"),
        ("محامي", "2611"),  # lawyer
        ("محامى", "2611"),  # with alef maqsura
        ("مهندس معماري", "2161"),  # architect
        ("كهربائي", "7411"),  # electrician
        ("سباك", "7125"),  # plumber
        ("نجار", "7111"),  # carpenter
        ("طباخ", "5120"),  # cook
        ("سائق حافلة", "8331"),  # bus driver
        ("سائق شاحنة", "8332"),  # truck driver
        ("سائق تاكسي", "8321"),  # taxi driver
        ("عاملة نظافة", "9111"),  # cleaner
        ("حلاق", "5141"),  # hairdresser
        ("خياطة", "7531"),  # tailor
        ("ميكانيكي", "7231"),  # mechanic
        ("لحام", "7212"),  # welder
        ("خباز", "7612"),  # baker
        ("بائعة", "5223"),  # shop assistant
        ("مربية أطفال", "5311"),  # childcare
        ("مقدمة رعاية", "5330"),  # care worker
        ("أخصائي اجتماعي", "2661"),  # social worker
        ("مترجم", "2643"),  # translator
        ("صحفية", "2642"),  # journalist
        ("دعم فني", "3512"),  # IT support
        ("باحث", "2313"),  # researcher
        ("فني مختبر", "3212"),  # laboratory technician
        ("معالج فيزيائي", "2272"),  # physiotherapist
        ("قابلة", "2222"),  # midwife
        ("طبيب بيطري", "2250"),  # veterinarian
        ("مهندس زراعي", "2134"),  # agronomist
    ],
)
def test_an_arabic_word_finds_its_occupation(query, code):
    assert code in codes(query)


def test_the_normalisation_folds_the_usual_variants():
    assert normalise_arabic("المُمَرِّضَة") == normalise_arabic("ممرضه") == "ممرضه"
    assert normalise_arabic("إدارة") == normalise_arabic("ادارة")
    assert normalise_arabic("آلة") == "اله"  # a short word starting with alef-lam keeps it
    assert normalise_arabic("مستشفى") == "مستشفي"
    assert normalise_arabic("Sjuksköterska") == "sjuksköterska"


def test_the_best_arabic_match_comes_first_and_shows_the_word_and_the_group():
    hits = search_occupations("ممرضة", language="ar")
    assert hits[0].code == "2221"
    assert hits[0].title == "ممرضة"  # the Arabic word that matched
    assert (hits[0].group_title, hits[0].group_language) == ("ممرضون وممرضات", "ar")  # our Arabic title
    assert search_occupations("ممرض", language="sv")[0].group_title == "Grundutbildade sjuksköterskor"


def test_an_arabic_word_that_is_not_an_occupation_finds_nothing():
    assert codes("شمس") == []
    assert codes("ا") == []


def test_swedish_and_english_searches_are_unchanged():
    assert codes("revisor", "sv")[0] == "2411"
    assert "2411" in codes("accountant", "en")
    assert "2221" in codes("nurse", "ar")


@pytest.mark.parametrize(
    ("language", "examples"),
    [
        ("en", ["nurse", "accountant"]),
        ("sv", ["sjuksköterska", "redovisningsekonom"]),
        ("ar", ["ممرض", "محاسب", "sjuksköterska"]),
    ],
)
def test_the_help_text_promises_only_words_that_find_an_occupation(language, examples):
    """The examples the occupation questions' help text gives (in the translations shipped) all work."""
    spec = SPECS[Builtin.OCCUPATION_WANTED]
    with translation.override(language):
        help_text = str(spec.help_text)
    shown = [word for word in examples if word in help_text]
    assert shown, help_text
    for word in shown:
        assert search_occupations(word, language=language), word
