"""Occupation search for applicants: a word in, SSYK 2012 unit groups out.

Searches Statistics Sweden's index of titles, the employment service's occupation names and the SSYK
groups' own titles (Swedish and English), and, for a query in Arabic script, Tandem's curated Arabic words
(`reference.arabic_occupation_keywords`). One hit per unit group, best match first.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from tandem.reference import data as reference


@dataclass(frozen=True)
class OccupationHit:
    code: str
    title: str  # the title or word that matched the search
    group_title: str  # the unit group's title in the applicant's language where we have one
    group_language: str = "sv"  # the language `group_title` is written in ("sv", "en" or "ar")
    title_language: str = "sv"  # the language `title` is written in


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


# Arabic: harakat, tanwin, shadda, sukun, superscript alef, Quranic marks and the tatweel are dropped; the
# hamza forms of alef are plain alef, taa marbuta is haa and alef maqsura (and the Persian yeh) is yaa.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي"})
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_SCRIPT.search(text))


def normalise_arabic(text: str) -> str:
    """Arabic text as the search compares it: no diacritics, one form of alef, haa and yaa, and no article
    (ال) before a word, so that "المُمَرِّضَة" and "ممرضه" are the same word."""
    text = _ARABIC_MARKS.sub("", _normalise(text)).translate(_ARABIC_LETTERS)
    return " ".join(word[2:] if word.startswith("ال") and len(word) > 3 else word for word in text.split())


@lru_cache(maxsize=1)
def _arabic_index() -> tuple[tuple[str, str, str, int, str], ...]:
    """(normalised word, word, SSYK code, order) for every Arabic word we know: our own table of common
    words first (order 0, 1, … as written), then the curated words and our Arabic group titles (order
    `_UNORDERED`, ranked by length)."""
    entries: dict[tuple[str, str], tuple[str, int]] = {}
    for order, synonym in enumerate(s for s in reference.occupation_synonyms() if s.language == "ar"):
        entries.setdefault((normalise_arabic(synonym.word), synonym.ssyk_code), (synonym.word, order))
    for item in reference.arabic_occupation_keywords():
        entries.setdefault((normalise_arabic(item.word), item.ssyk_code), (item.word, _UNORDERED))
    for code, title in reference.arabic_ssyk_titles().items():
        entries.setdefault((normalise_arabic(title), code), (title, _UNORDERED))
    return tuple((key, word, code, order, "ar") for (key, code), (word, order) in sorted(entries.items()))


_UNORDERED = 10_000


@lru_cache(maxsize=1)
def _index() -> tuple[tuple[str, str, str], ...]:
    """(normalised title, title, SSYK code) for every known title of a unit group."""
    codes = reference.ssyk_codes()
    entries: dict[tuple[str, str], str] = {}
    for group in reference.ssyk_groups().values():
        if group.level == 4:
            for title in (group.title_sv, group.title_en):
                if title:
                    entries[(_normalise(title), group.code)] = title
    for item in reference.occupation_titles():
        if item.ssyk_code in codes:
            entries[(_normalise(item.title), item.ssyk_code)] = item.title
    with (reference.DATA_DIR / "jobtech_occupation_names_ssyk4.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        for row in csv.DictReader(handle):
            # The employment service merges some unit groups (e.g. 1210); only exact SSYK codes are kept.
            if row["ssyk2012_code_af"] in codes:
                entries[(_normalise(row["occupation_name"]), row["ssyk2012_code_af"])] = row[
                    "occupation_name"
                ]
    return tuple((key, title, code) for (key, code), title in sorted(entries.items()))


@lru_cache(maxsize=1)
def _english_keys() -> frozenset[tuple[str, str]]:
    """(normalised title, code) of the unit groups' English titles: every other official title is Swedish."""
    return frozenset(
        (_normalise(group.title_en), group.code)
        for group in reference.ssyk_groups().values()
        if group.level == 4 and group.title_en and _normalise(group.title_en) != _normalise(group.title_sv)
    )


@lru_cache(maxsize=1)
def _latin_index() -> tuple[tuple[str, str, str, int, str], ...]:
    """`_index` with an order and each title's language, after our own Swedish and English words for
    common occupations (order 0, 1, … as written; the official titles have `_UNORDERED` and are ranked
    by length)."""
    entries: dict[tuple[str, str], tuple[str, int, str]] = {}
    for order, synonym in enumerate(s for s in reference.occupation_synonyms() if s.language != "ar"):
        shown = synonym.word[:1].upper() + synonym.word[1:]  # "Auditor", as the official titles are written
        entries.setdefault((_normalise(synonym.word), synonym.ssyk_code), (shown, order, synonym.language))
    english = _english_keys()
    for key, title, code in _index():
        entries.setdefault((key, code), (title, _UNORDERED, "en" if (key, code) in english else "sv"))
    return tuple(
        (key, title, code, order, lang) for (key, code), (title, order, lang) in sorted(entries.items())
    )


def _rank(key: str, query: str) -> int | None:
    if key == query:
        return 0
    if key.startswith(query):
        return 1
    if f" {query}" in f" {key}" or f"-{query}" in key or f"/{query}" in key:
        return 2
    if query in key:
        return 3
    if " " in query and f" {key} " in f" {query} ":
        # Several words with the occupation among them: "ممرضة في قسم الأطفال" finds "ممرضة".
        return 4
    return None


def group_title_for(code: str, language: str) -> tuple[str, str]:
    """(title, its language) of a unit group for a page in `language`: Swedish on Swedish pages, our
    Arabic title on Arabic pages where we have one, English otherwise."""
    if language == "ar" and (arabic := reference.arabic_ssyk_titles().get(code)):
        return arabic, "ar"
    lang: reference.Lang = "sv" if language == "sv" else "en"
    return reference.ssyk_title(code, lang) or "", lang


def search_occupations(query: str, *, language: str, limit: int = 15) -> list[OccupationHit]:
    """Unit groups whose titles contain the words of `query`; a 4-digit code finds its own group.

    Best first: an exact word before one the text starts with, one found at a word's start, then
    anywhere, and last a known word that stands whole among several words of the query ("nurse in the
    children's ward" finds "nurse"); at the same rank our own common words (`occupation_synonyms.csv`,
    in the order written: the plain occupation, "Sjuksköterska" → 2221, before specialisms) and then
    the shorter title.
    """
    query = _normalise(query)[:100]
    index = _latin_index()
    if is_arabic(query):
        query, index = normalise_arabic(query), _arabic_index()
    if len(query) < 2:
        return []
    if query.isdigit():
        group = reference.ssyk_groups().get(query)
        if group and group.level == 4:
            title, title_language = group_title_for(query, language)
            return [OccupationHit(query, title, title, title_language, title_language)]
        return []
    best: dict[str, tuple[int, int, int, str, str]] = {}
    for key, title, code, order, title_language in index:
        rank = _rank(key, query)
        if rank is None:
            continue
        candidate = (rank, order, len(key), title, title_language)
        if code not in best or candidate < best[code]:
            best[code] = candidate
    ordered = sorted(best.items(), key=lambda item: (item[1], item[0]))[:limit]
    return [
        OccupationHit(code, title, *group_title_for(code, language), title_language=title_language)
        for code, (*_order, title, title_language) in ordered
    ]


def occupation_label(code: str, language: str) -> str:
    """ "2411 Revisorer m.fl." in Swedish, "2411 Accountants" otherwise."""
    title = reference.ssyk_title(code, "sv" if language == "sv" else "en")
    return f"{title} ({code})" if title else code


# --- Every level of the tree: the staff side's search (the requirement-profile editor) -------------


@dataclass(frozen=True)
class GroupHit:
    """An SSYK 2012 group of any level that a search found."""

    code: str
    level: int  # 1 major group, 2 sub-major group, 3 minor group, 4 unit group
    title: str  # the group's title in the language asked for
    matched: str  # the occupation name (or other-language title) that matched; "" for the title or code


# Swedish plural and definite endings (sjuksköterska → sjuksköterskor, kockar → kock), and the English
# plural s: a word is also looked for without them, ranked just below the word itself.
_ENDINGS = ("orna", "arna", "erna", "or", "ar", "er", "a", "s")


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1)
def _group_index() -> tuple[tuple[str, str, str], ...]:
    """(normalised text, text, SSYK code): the unit groups' titles and occupation names (`_index`) and
    the Swedish and English titles of the groups above them."""
    entries = {(key, code): title for key, title, code in _index()}
    for group in reference.ssyk_groups().values():
        if group.level < 4:
            for title in (group.title_sv, group.title_en):
                if title:
                    entries[(_normalise(title), group.code)] = title
    return tuple((key, title, code) for (key, code), title in sorted(entries.items()))


def _group_rank(key: str, query: str, stemmed: str, words: tuple[str, ...]) -> tuple[int, int] | None:
    """How well `key` matches: the whole query as `_rank` has it, then the same without word endings,
    then every word somewhere in the text. None when it does not match."""
    rank = _rank(key, query)
    if rank is not None:
        return (rank, 0)
    if stemmed != query:
        rank = _rank(key, stemmed)
        if rank is not None:
            return (rank, 1)
    if len(words) > 1 and all(word in key or _stem(word) in key for word in words):
        return (4, 0)
    return None


def _group_title(code: str, lang: reference.Lang) -> str:
    group = reference.ssyk_groups()[code]
    return group.title(lang) or group.title_sv


@lru_cache(maxsize=512)
def _search_groups(query: str, lang: reference.Lang) -> tuple[GroupHit, ...]:
    groups = reference.ssyk_groups()
    if query.isdigit():
        return tuple(
            GroupHit(code, groups[code].level, _group_title(code, lang), "")
            for code in sorted(groups)
            if code.startswith(query)
        )
    words = tuple(query.split())
    stemmed = " ".join(_stem(word) for word in words)
    # Best first: how it matched, then the shorter text (a group called just "Sjuksköterskor" before
    # "Sjuksköterska, IVA"), then an exact word before one found without its ending, then the code.
    best: dict[str, tuple[int, int, int, str]] = {}
    for key, text, code in _group_index():
        rank = _group_rank(key, query, stemmed, words)
        if rank is None:
            continue
        candidate = (rank[0], len(key), rank[1], text)
        if code not in best or candidate < best[code]:
            best[code] = candidate
    hits = []
    for code, (*_order, text) in sorted(best.items(), key=lambda item: (item[1][:3], item[0])):
        title = _group_title(code, lang)
        matched = "" if _normalise(text) == _normalise(title) else text
        hits.append(GroupHit(code, groups[code].level, title, matched))
    return tuple(hits)


def search_ssyk_groups(query: str, *, language: str) -> tuple[GroupHit, ...]:
    """Every SSYK 2012 group, of any level, that `query` finds, best match first.

    Digits find the groups whose code starts with them ("22" → 22, 221, 2211, …, in code order). Words
    find groups by their Swedish or English title at any level and unit groups by the occupation names
    under them (Statistics Sweden's index and the employment service's names); a hit found by anything
    but its own title in `language` says what matched. At least two letters, or one digit. Pure and
    cached: the same query gives the same tuple.
    """
    normalised = _normalise(query)[:100]
    lang: reference.Lang = "sv" if language == "sv" else "en"
    if not normalised or (len(normalised) < 2 and not normalised.isdigit()):
        return ()
    return _search_groups(normalised, lang)
