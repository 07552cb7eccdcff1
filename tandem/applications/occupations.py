"""Occupation search for applicants: a word in, SSYK 2012 unit groups out.

Searches Statistics Sweden's index of titles, the employment service's occupation names and the SSYK
groups' own titles (Swedish and English). One hit per unit group, best match first.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from tandem.reference import data as reference


@dataclass(frozen=True)
class OccupationHit:
    code: str
    title: str  # the title that matched the search
    group_title: str  # the unit group's title in the applicant's language (Swedish or English)


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


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


def _rank(key: str, query: str) -> int | None:
    if key == query:
        return 0
    if key.startswith(query):
        return 1
    if f" {query}" in f" {key}" or f"-{query}" in key or f"/{query}" in key:
        return 2
    if query in key:
        return 3
    return None


def search_occupations(query: str, *, language: str, limit: int = 15) -> list[OccupationHit]:
    """Unit groups whose titles contain the words of `query`; a 4-digit code finds its own group."""
    query = _normalise(query)[:100]
    if len(query) < 2:
        return []
    lang = "sv" if language == "sv" else "en"
    if query.isdigit():
        title = reference.ssyk_title(query, lang)
        group = reference.ssyk_groups().get(query)
        if title and group and group.level == 4:
            return [OccupationHit(query, title, title)]
        return []
    best: dict[str, tuple[int, int, str]] = {}
    for key, title, code in _index():
        rank = _rank(key, query)
        if rank is None:
            continue
        candidate = (rank, len(key), title)
        if code not in best or candidate < best[code]:
            best[code] = candidate
    ordered = sorted(best.items(), key=lambda item: (item[1], item[0]))[:limit]
    return [
        OccupationHit(code, title, reference.ssyk_title(code, lang) or "")
        for code, (_r, _l, title) in ordered
    ]


def occupation_label(code: str, language: str) -> str:
    """ "2411 Revisorer m.fl." in Swedish, "2411 Accountants" otherwise."""
    title = reference.ssyk_title(code, "sv" if language == "sv" else "en")
    return f"{title} ({code})" if title else code
