"""The occupation picker of the requirement-profile editor: the chosen SSYK groups and a search's hits.

The picker is drawn from plain data: the codes that are ticked now (from the form as posted, or from
the criterion being edited) and the words in the search box. Chosen groups are always listed, above the
search, so that searching again never loses them; hits that are already chosen say so instead of
being offered a second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tandem.reference import data as reference
from tandem.reference.occupations import search_ssyk_groups

# The most hits shown at once; the hit count says when there are more ("type more to narrow").
HIT_LIMIT = 50

LEVEL_NAMES = {
    1: _("major group"),
    2: _("sub-major group"),
    3: _("minor group"),
    4: _("unit group"),
}


@dataclass(frozen=True)
class Row:
    """One SSYK group as the picker shows it."""

    code: str
    level: str  # "unit group", …, in the staff language
    title: str
    matched: str = ""  # the occupation name that found it, if not its own title
    chosen: bool = False


@dataclass(frozen=True)
class Picker:
    query: str
    chosen: list[Row]
    hits: list[Row]  # at most HIT_LIMIT
    total: int  # every hit, shown or not

    @property
    def searched(self) -> bool:
        return bool(self.query.strip())

    @property
    def too_short(self) -> bool:
        """One letter finds nothing: a search needs two letters, or one digit."""
        return len(self.query) < 2 and not self.query.isdigit()

    @property
    def more(self) -> bool:
        return self.total > len(self.hits)


def _lang(language: str) -> reference.Lang:
    return "sv" if language.startswith("sv") else "en"


def chosen_codes(values: Iterable[str] | None) -> list[str]:
    """The valid SSYK codes among `values`, each once, in code order (unknown values are dropped)."""
    known = reference.ssyk_codes()
    return sorted({value for value in values or () if isinstance(value, str) and value in known})


def occupation_picker(chosen: Iterable[str] | None, query: str, *, language: str) -> Picker:
    lang = _lang(language)
    groups = reference.ssyk_groups()
    codes = chosen_codes(chosen)
    rows = [
        Row(code, str(LEVEL_NAMES[groups[code].level]), groups[code].title(lang), chosen=True)
        for code in codes
    ]
    found = search_ssyk_groups(query or "", language=lang)
    hits = [
        Row(hit.code, str(LEVEL_NAMES[hit.level]), hit.title, hit.matched, chosen=hit.code in codes)
        for hit in found[:HIT_LIMIT]
    ]
    return Picker(query=(query or "").strip(), chosen=rows, hits=hits, total=len(found))
