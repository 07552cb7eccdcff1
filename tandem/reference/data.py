"""Reference data shipped with Tandem: the SSYK 2012 occupation classification and Sweden's municipalities.

Pure Python (stdlib ``csv`` only) so that both the matching engine and the Django layer can use it. Every
loader reads its CSV once and caches the result; the returned objects are immutable. Codes are always
zero-padded strings ("0180", "2411"), never numbers. Provenance of the files: ``data/SOURCES.md``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

DATA_DIR = Path(__file__).with_name("data")

Lang = Literal["sv", "en"]


@dataclass(frozen=True, slots=True)
class SsykGroup:
    """One group of the SSYK 2012 tree: level 1 (major, "2") down to level 4 (unit group, "2411")."""

    code: str
    level: int
    parent: str | None
    title_sv: str
    title_en: str

    def title(self, lang: Lang = "sv") -> str:
        return self.title_en if lang == "en" else self.title_sv


@dataclass(frozen=True, slots=True)
class OccupationTitle:
    """A title from Statistics Sweden's occupation index, e.g. "Auktoriserad revisor" in unit group 2411."""

    title: str
    ssyk_code: str
    isco_code: str


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality (kommun) with its county (län) and the centroid of its area (WGS 84 degrees)."""

    code: str
    name: str
    county_code: str
    county_name: str
    lat: float
    lon: float


def _rows(file_name: str) -> list[dict[str, str]]:
    with (DATA_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def ssyk_groups() -> Mapping[str, SsykGroup]:
    """All 633 SSYK 2012 groups (every level), keyed by code."""
    groups = {
        row["ssyk2012_code"]: SsykGroup(
            code=row["ssyk2012_code"],
            level=int(row["level"]),
            parent=row["parent_code"] or None,
            title_sv=row["title_sv"],
            title_en=row["title_en"].strip(),
        )
        for row in _rows("ssyk2012_structure_sv_en.csv")
    }
    return MappingProxyType(groups)


@cache
def ssyk_codes() -> frozenset[str]:
    """The valid SSYK 2012 codes at any level (1–4 digits)."""
    return frozenset(ssyk_groups())


def ssyk_title(code: str, lang: Lang = "sv") -> str | None:
    """The title of an SSYK 2012 group in Swedish or English, or None for an unknown code."""
    group = ssyk_groups().get(code)
    return group.title(lang) if group else None


@cache
def occupation_titles() -> tuple[OccupationTitle, ...]:
    """Statistics Sweden's index of about 8,600 Swedish occupational titles, each with its unit group."""
    return tuple(
        OccupationTitle(row["yrkesbenamning"], row["ssyk2012_code"], row["isco08_code"])
        for row in _rows("ssyk2012_occupation_titles_sv.csv")
    )


@cache
def municipalities() -> Mapping[str, Municipality]:
    """All 290 municipalities keyed by their four-digit code."""
    found = {
        row["municipality_code"]: Municipality(
            code=row["municipality_code"],
            name=row["municipality_name"],
            county_code=row["county_code"],
            county_name=row["county_name"],
            lat=float(row["centroid_lat"]),
            lon=float(row["centroid_lon"]),
        )
        for row in _rows("se_municipalities.csv")
    }
    return MappingProxyType(found)


@dataclass(frozen=True, slots=True)
class ArabicKeyword:
    """An Arabic word for an occupation (as people type it, e.g. "ممرضة") and one SSYK unit group it means."""

    word: str
    ssyk_code: str


@cache
def arabic_occupation_keywords() -> tuple[ArabicKeyword, ...]:
    """Tandem's curated Arabic words for the occupations newcomers most often name (lines starting with
    "#" in the file are comments)."""
    with (DATA_DIR / "occupation_keywords_ar.csv").open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(ArabicKeyword(row["arabic"].strip(), row["ssyk2012_code"]) for row in csv.DictReader(lines))


def _commented_rows(file_name: str) -> list[dict[str, str]]:
    """The rows of a CSV file of our own whose lines starting with "#" are comments."""
    with (DATA_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@dataclass(frozen=True, slots=True)
class OccupationSynonym:
    """A common word for an occupation in one language ("auditor", "sjuksköterska") and a unit group it
    means; a word's rows are in the order the search shows them (the plain occupation first)."""

    language: str
    word: str
    ssyk_code: str


@cache
def occupation_synonyms() -> tuple[OccupationSynonym, ...]:
    """Tandem's own table of common occupation words per language (Swedish, English, Arabic), for the
    words the official titles do not hold."""
    return tuple(
        OccupationSynonym(row["language"].strip(), row["word"].strip(), row["ssyk2012_code"].strip())
        for row in _commented_rows("occupation_synonyms.csv")
    )


@cache
def arabic_ssyk_titles() -> Mapping[str, str]:
    """Tandem's Arabic titles for the unit groups newcomers most often name, keyed by code."""
    return MappingProxyType(
        {
            row["ssyk2012_code"].strip(): row["title_ar"].strip()
            for row in _commented_rows("occupation_titles_ar.csv")
        }
    )
