"""The soft criteria: each judges a mentee–mentor pair with a value in 0–1 and says why.

Every criterion is computed for whole cohorts at once. Mentees and mentors are grouped by the attribute
values the criterion reads (a "key"), a small table holds the value for each pair of keys, and a block of
the mentee × mentor matrix is one gather from that table. The same rules are also written out for a
single pair (``assess``), in plain Python, to explain a pair; tests check that both agree.

A value of NaN in a table (None from ``assess``) means the criterion does not apply to the pair (e.g.
place when they meet online): it then drops out of that pair's weighted average. Unknown data give the
neutral value 0.5 and a reason saying what is unknown.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np

from tandem.matching.model import CEFR_LEVELS, HardRules, Mentee, Mentor, Reason
from tandem.matching.text import TextSimilarity
from tandem.reference.data import municipalities

NEUTRAL = 0.5

CRITERIA = ("occupation", "goals", "language", "place", "meeting_format", "wishes", "experience")

WEIGHT_PRESETS: dict[str, dict[str, float]] = {
    "job_in_profession": {
        "occupation": 5,
        "goals": 2,
        "experience": 1.5,
        "language": 1,
        "place": 1,
        "meeting_format": 1,
        "wishes": 1,
    },
    "network": {
        "goals": 3,
        "place": 2,
        "occupation": 2,
        "language": 1,
        "meeting_format": 1,
        "wishes": 1,
        "experience": 1,
    },
    "language": {
        "language": 4,
        "place": 2,
        "goals": 1.5,
        "meeting_format": 1,
        "wishes": 1,
        "occupation": 1,
        "experience": 0.5,
    },
    "general": {
        "occupation": 2,
        "goals": 2,
        "language": 1,
        "place": 1,
        "meeting_format": 1,
        "wishes": 1,
        "experience": 1,
    },
}
"""Criterion weights by program purpose. Weights are relative (0 switches a criterion off)."""

SSYK_LEVEL_VALUES = (0.0, 0.2, 0.45, 0.7, 1.0)
"""Occupation value by the number of leading SSYK digits shared: 0 (other major group) … 4 (unit group)."""
EARLIER_OCCUPATION_DISCOUNT = 0.9
LANGUAGE_LEVEL_VALUES = (0.0, 0.2, 0.4, 0.75, 0.9, 1.0, 1.0)
"""Language value by the pair's usable level: none, A1, A2, B1, B2, C1, C2 (the lower of the two)."""
SAME_COUNTY_VALUE = 0.8
NEAR_VALUE = 0.9
DISTANCE_SCALE_KM = 150.0
EXPERIENCE_SPAN_YEARS = 20.0
AGE_SIMILAR_YEARS = 10.0
AGE_OLDER_FULL_YEARS = 5.0
EARTH_RADIUS_KM = 6371.0088

Key = Hashable
Assessment = tuple[float | None, tuple[Reason, ...]]


def _group(keys: Sequence[Key]) -> tuple[np.ndarray, list[Key]]:
    """Each key's group number and the distinct keys in order of first appearance."""
    index: dict[Key, int] = {}
    groups = np.fromiter((index.setdefault(k, len(index)) for k in keys), dtype=np.int64, count=len(keys))
    return groups, list(index)


class TableCriterion:
    """A criterion whose value depends only on a key of the mentee and a key of the mentor."""

    name = ""

    def __init__(self, mentees: Sequence[Mentee], mentors: Sequence[Mentor], rules: HardRules):
        self.rules = rules
        self._rows, self.row_keys = _group([self.mentee_key(m) for m in mentees])
        self._cols, self.col_keys = _group([self.mentor_key(m) for m in mentors])
        self.table = self.build_table(self.row_keys, self.col_keys).astype(np.float32)

    def mentee_key(self, mentee: Mentee) -> Key:
        raise NotImplementedError

    def mentor_key(self, mentor: Mentor) -> Key:
        raise NotImplementedError

    def build_table(self, row_keys: list[Any], col_keys: list[Any]) -> np.ndarray:
        """Values (NaN: does not apply) for every pair of keys, vectorised."""
        raise NotImplementedError

    def assess_keys(self, row_key: Any, col_key: Any) -> Assessment:
        """The value and reasons for one pair of keys, written out plainly."""
        raise NotImplementedError

    def block(self, rows: np.ndarray) -> np.ndarray:
        """Values for the given mentee rows against all mentors (float32, NaN: does not apply)."""
        return self.gather(self.table, rows)

    def gather(self, table: np.ndarray, rows: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Expand a table shaped like ``self.table`` (e.g. pre-weighted) to the mentee rows × all mentors."""
        # The ids are always in range: "wrap" only skips the bounds check (twice as fast as the others).
        return np.take(table[self._rows[rows]], self._cols, axis=1, out=out, mode="wrap")

    def assess(self, mentees: np.ndarray, mentors: np.ndarray) -> list[Assessment]:
        """Value and reasons for each pair (mentees[k], mentors[k]); pairs with the same keys share them."""
        found: dict[tuple[int, int], Assessment] = {}
        for key in zip(self._rows[mentees].tolist(), self._cols[mentors].tolist(), strict=True):
            if key not in found:
                found[key] = self.assess_keys(self.row_keys[key[0]], self.col_keys[key[1]])
        return [
            found[key] for key in zip(self._rows[mentees].tolist(), self._cols[mentors].tolist(), strict=True)
        ]


def _unknown_side(mentee_known: bool, mentor_known: bool) -> str:
    if not mentee_known and not mentor_known:
        return "both"
    return "mentee" if not mentee_known else "mentor"


# --- occupation ------------------------------------------------------------------------------------------


def ssyk_shared_digits(a: str, b: str) -> int:
    """How many leading digits two SSYK codes share (at most the shorter code's length)."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def _ssyk_prefixes(codes: Sequence[str | None]) -> np.ndarray:
    """Per code, its 1- to 4-digit prefixes as integers, -1 where the code is shorter or unknown."""
    out = np.full((len(codes), 4), -1, dtype=np.int64)
    for i, code in enumerate(codes):
        digits = code or ""
        for k in range(min(4, len(digits))):
            out[i, k] = int(digits[: k + 1])
    return out


def _shared_digits_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``ssyk_shared_digits`` for all pairs of prefix rows (see ``_ssyk_prefixes``)."""
    equal = (a[:, None, :] == b[None, :, :]) & (a[:, None, :] >= 0)
    return np.cumprod(equal, axis=2).sum(axis=2)


class Occupation(TableCriterion):
    """The mentor's SSYK code against the mentee's wanted and (discounted) earlier occupation."""

    name = "occupation"

    def mentee_key(self, mentee: Mentee) -> Key:
        return (mentee.occupation_wanted or None, mentee.occupation_earlier or None)

    def mentor_key(self, mentor: Mentor) -> Key:
        return mentor.occupation or None

    def build_table(self, row_keys: list[Any], col_keys: list[Any]) -> np.ndarray:
        levels = np.array(SSYK_LEVEL_VALUES)
        mentor = _ssyk_prefixes(col_keys)
        wanted = levels[_shared_digits_matrix(_ssyk_prefixes([k[0] for k in row_keys]), mentor)]
        earlier = levels[_shared_digits_matrix(_ssyk_prefixes([k[1] for k in row_keys]), mentor)]
        table = np.maximum(wanted, EARLIER_OCCUPATION_DISCOUNT * earlier)
        mentee_unknown = np.array([k == (None, None) for k in row_keys], dtype=bool)
        mentor_unknown = np.array([k is None for k in col_keys], dtype=bool)
        table[mentee_unknown, :] = NEUTRAL
        table[:, mentor_unknown] = NEUTRAL
        return table

    def assess_keys(self, row_key: Any, col_key: Any) -> Assessment:
        wanted, earlier = row_key
        if col_key is None or (wanted is None and earlier is None):
            side = _unknown_side(wanted is not None or earlier is not None, col_key is not None)
            return NEUTRAL, (Reason("occupation_unknown", {"side": side}),)
        options = []
        if wanted is not None:
            digits = ssyk_shared_digits(wanted, col_key)
            options.append((SSYK_LEVEL_VALUES[digits], digits, "wanted", wanted))
        if earlier is not None:
            digits = ssyk_shared_digits(earlier, col_key)
            value = EARLIER_OCCUPATION_DISCOUNT * SSYK_LEVEL_VALUES[digits]
            options.append((value, digits, "earlier", earlier))
        value, digits, via, code = max(options, key=lambda o: o[0])
        if digits == 0:
            return value, (Reason("occupation_different", {"mentee": code, "mentor": col_key}),)
        return value, (Reason("occupation_match", {"level": digits, "code": col_key[:digits], "via": via}),)


# --- goals ↔ expertise -----------------------------------------------------------------------------------


class Goals:
    """TF-IDF similarity of the mentee's goals and the mentor's expertise (square root of the cosine,
    so that a moderate overlap, cosine 0.25, sits at the neutral 0.5)."""

    name = "goals"

    def __init__(self, mentees: Sequence[Mentee], mentors: Sequence[Mentor], rules: HardRules):
        self.text = TextSimilarity([m.goals for m in mentees], [m.expertise for m in mentors])

    def block(self, rows: np.ndarray, scale: float = 1.0, out: np.ndarray | None = None) -> np.ndarray:
        """Values (float32, times ``scale``) for the given mentee rows against all mentors.

        Computed on the distinct expertise texts first, then spread over the mentors: the square root
        only touches the non-zero cosines and each distinct text once.
        """
        products = self.text.doc_products(rows)
        data = products.data
        np.minimum(data, 1.0, out=data)
        np.sqrt(data, out=data)
        if scale != 1.0:
            data *= scale
        values = products.toarray()
        neutral = np.float32(NEUTRAL) * np.float32(scale)
        values[:, self.text.right_doc_unknown] = neutral
        values[~self.text.left_known[rows]] = neutral
        return np.take(values, self.text.right_doc, axis=1, out=out, mode="wrap")  # -1: the last column

    def assess(self, mentees: np.ndarray, mentors: np.ndarray) -> list[Assessment]:
        cosines = self.text.pairs(mentees, mentors)
        return [
            self._assess_one(i, j, c)
            for i, j, c in zip(mentees.tolist(), mentors.tolist(), cosines.tolist(), strict=True)
        ]

    def _assess_one(self, mentee: int, mentor: int, cosine: float) -> Assessment:
        if math.isnan(cosine):
            side = _unknown_side(self.text.left_known[mentee], self.text.right_known[mentor])
            return NEUTRAL, (Reason("goals_unknown", {"side": side}),)
        similarity = round(cosine, 2)
        shared = self.text.shared_words(mentee, mentor)
        if shared:
            return math.sqrt(cosine), (
                Reason("goals_shared_words", {"words": shared, "similarity": similarity}),
            )
        if cosine > 0:
            return math.sqrt(cosine), (Reason("goals_similar_wording", {"similarity": similarity}),)
        return 0.0, (Reason("goals_no_overlap"),)


# --- language --------------------------------------------------------------------------------------------


def _cefr_rank(level: str) -> int:
    return CEFR_LEVELS.index(level) + 1


class Language(TableCriterion):
    """The best language both share, at the lower of their two levels."""

    name = "language"

    def __init__(self, mentees: Sequence[Mentee], mentors: Sequence[Mentor], rules: HardRules):
        # People read from a table share one languages mapping per distinct cell: sort each once.
        self._sorted: dict[int, tuple[Any, Key]] = {}
        super().__init__(mentees, mentors, rules)
        self._sorted.clear()

    def _key(self, languages: Mapping[str, str]) -> Key:
        found = self._sorted.get(id(languages))
        if found is None:  # the mapping is kept with its key, so that its id stays its own
            found = self._sorted[id(languages)] = (languages, tuple(sorted(languages.items())))
        return found[1]

    def mentee_key(self, mentee: Mentee) -> Key:
        return self._key(mentee.languages)

    def mentor_key(self, mentor: Mentor) -> Key:
        return self._key(mentor.languages)

    def build_table(self, row_keys: list[Any], col_keys: list[Any]) -> np.ndarray:
        codes = sorted({code for key in row_keys + col_keys for code, _ in key})
        column = {code: i for i, code in enumerate(codes)}

        def ranks(keys: list[Any]) -> np.ndarray:
            out = np.zeros((len(keys), len(codes)), dtype=np.int8)
            for i, key in enumerate(keys):
                for code, level in key:
                    out[i, column[code]] = _cefr_rank(level)
            return out

        mentee, mentor = ranks(row_keys), ranks(col_keys)
        usable = np.zeros((len(row_keys), len(col_keys)), dtype=np.int8)
        for start in range(0, len(row_keys), 256):
            pair = np.minimum(mentee[start : start + 256, None, :], mentor[None, :, :])
            usable[start : start + 256] = pair.max(axis=2, initial=0)
        table = np.array(LANGUAGE_LEVEL_VALUES)[usable]
        table[[not key for key in row_keys], :] = NEUTRAL
        table[:, [not key for key in col_keys]] = NEUTRAL
        return table

    def assess_keys(self, row_key: Any, col_key: Any) -> Assessment:
        if not row_key or not col_key:
            side = _unknown_side(bool(row_key), bool(col_key))
            return NEUTRAL, (Reason("language_unknown", {"side": side}),)
        mentor_levels = dict(col_key)
        # Best usable level first; among equals Swedish, then by code.
        shared = sorted(
            (-min(_cefr_rank(level), _cefr_rank(mentor_levels[code])), code != "sv", code, level)
            for code, level in row_key
            if code in mentor_levels
        )
        if not shared:
            return 0.0, (Reason("language_none"),)
        usable, _, code, level = shared[0]
        params = {"language": code, "mentee_level": level, "mentor_level": mentor_levels[code]}
        return LANGUAGE_LEVEL_VALUES[-usable], (Reason("language_shared", params),)


# --- place -----------------------------------------------------------------------------------------------


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_value(km: float, same_county: bool) -> float:
    value = NEAR_VALUE * math.exp(-km / DISTANCE_SCALE_KM)
    return max(SAME_COUNTY_VALUE, value) if same_county else value


class Place(TableCriterion):
    """Closeness of home municipalities; does not apply when either side meets online only."""

    name = "place"

    def mentee_key(self, mentee: Mentee) -> Key:
        return (mentee.municipality or None, mentee.meeting_format == "online")

    def mentor_key(self, mentor: Mentor) -> Key:
        return (mentor.municipality or None, mentor.meeting_format == "online")

    def build_table(self, row_keys: list[Any], col_keys: list[Any]) -> np.ndarray:
        places = municipalities()

        def coordinates(keys: list[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            found = [places.get(code) if code else None for code, _ in keys]
            lat = np.radians([p.lat if p else 0.0 for p in found])
            lon = np.radians([p.lon if p else 0.0 for p in found])
            county = np.array([int(p.county_code) if p else -1 for p in found])
            return lat, lon, county

        lat_a, lon_a, county_a = coordinates(row_keys)
        lat_b, lon_b, county_b = coordinates(col_keys)
        h = (
            np.sin((lat_b[None, :] - lat_a[:, None]) / 2) ** 2
            + np.cos(lat_a)[:, None]
            * np.cos(lat_b)[None, :]
            * np.sin((lon_b[None, :] - lon_a[:, None]) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        table = NEAR_VALUE * np.exp(-km / DISTANCE_SCALE_KM)
        same_county = county_a[:, None] == county_b[None, :]
        table = np.where(same_county, np.maximum(table, SAME_COUNTY_VALUE), table)
        codes_a = np.array([code or "" for code, _ in row_keys])
        codes_b = np.array([code or "" for code, _ in col_keys])
        table[codes_a[:, None] == codes_b[None, :]] = 1.0
        table[county_a < 0, :] = NEUTRAL
        table[:, county_b < 0] = NEUTRAL
        table[[online for _, online in row_keys], :] = np.nan
        table[:, [online for _, online in col_keys]] = np.nan
        return table

    def assess_keys(self, row_key: Any, col_key: Any) -> Assessment:
        (code_a, online_a), (code_b, online_b) = row_key, col_key
        if online_a or online_b:
            return None, (Reason("place_online"),)
        places = municipalities()
        a, b = places.get(code_a or ""), places.get(code_b or "")
        if a is None or b is None:
            return NEUTRAL, (Reason("place_unknown", {"side": _unknown_side(a is not None, b is not None)}),)
        if a.code == b.code:
            return 1.0, (Reason("place_same_municipality", {"municipality": a.code}),)
        km = distance_km(a.lat, a.lon, b.lat, b.lon)
        same_county = a.county_code == b.county_code
        reason = Reason("place_distance", {"km": round(km), "county": a.county_name if same_county else None})
        return distance_value(km, same_county), (reason,)


# --- meeting format --------------------------------------------------------------------------------------


def common_format(a: str, b: str) -> str | None:
    """The format both can use (in_person, online or either), None if they cannot meet at all."""
    if a == b or b == "either":
        return a
    if a == "either":
        return b
    return None


class MeetingFormat(TableCriterion):
    """Whether the two can meet: in person, online or either."""

    name = "meeting_format"

    def mentee_key(self, mentee: Mentee) -> Key:
        return mentee.meeting_format

    def mentor_key(self, mentor: Mentor) -> Key:
        return mentor.meeting_format

    def build_table(self, row_keys: list[Any], col_keys: list[Any]) -> np.ndarray:
        return np.array([[self.assess_keys(a, b)[0] for b in col_keys] for a in row_keys], dtype=float)

    def assess_keys(self, row_key: Any, col_key: Any) -> Assessment:
        if row_key is None or col_key is None:
            side = _unknown_side(row_key is not None, col_key is not None)
            return NEUTRAL, (Reason("format_unknown", {"side": side}),)
        common = common_format(row_key, col_key)
        if common is None:
            return 0.0, (Reason("format_conflict", {"mentee": row_key, "mentor": col_key}),)
        return 1.0, (Reason("format_compatible", {"format": common}),)


# --- the mentee's wishes ---------------------------------------------------------------------------------


def age_wish_value(wish: str, years_older: int) -> float:
    """How well a mentor ``years_older`` than the mentee (negative: younger) meets an age wish."""
    if wish == "older":
        return min(1.0, max(0.0, years_older / AGE_OLDER_FULL_YEARS))
    return min(1.0, max(0.0, 1 - (abs(years_older) - AGE_SIMILAR_YEARS) / AGE_SIMILAR_YEARS))


class Wishes(TableCriterion):
    """The mentee's wishes about the mentor: gender (only while the gender-wish rule is off) and age.

    Does not apply to mentees without such wishes.
    """

    name = "wishes"

    def mentee_key(self, mentee: Mentee) -> Key:
        gender = mentee.mentor_gender_wish if mentee.mentor_gender_wish in ("woman", "man") else None
        if self.rules.gender_wish:
            gender = None  # the hard rule already guarantees it
        age = mentee.mentor_age_wish if mentee.mentor_age_wish in ("older", "similar") else None
        return (gender, age, mentee.birth_year if age else None)

    def mentor_key(self, mentor: Mentor) -> Key:
        return (mentor.gender, mentor.birth_year)

    def build_table(self, row_keys: list[Any], col_keys: list[Any]) -> np.ndarray:
        wish = np.array([k[0] or "" for k in row_keys])
        gender = np.array([k[0] or "" for k in col_keys])
        gender_part = np.where(
            gender[None, :] == "", NEUTRAL, (wish[:, None] == gender[None, :]).astype(float)
        )
        has_gender = wish != ""

        age = np.array([k[1] or "" for k in row_keys])
        born_a = np.array([k[2] if k[2] is not None else -1 for k in row_keys], dtype=float)
        born_b = np.array([k[1] if k[1] is not None else -1 for k in col_keys], dtype=float)
        older = born_a[:, None] - born_b[None, :]
        older_part = np.clip(older / AGE_OLDER_FULL_YEARS, 0, 1)
        similar_part = np.clip(1 - (np.abs(older) - AGE_SIMILAR_YEARS) / AGE_SIMILAR_YEARS, 0, 1)
        age_part = np.where((age == "older")[:, None], older_part, similar_part)
        age_part[(born_a < 0)[:, None] | (born_b < 0)[None, :]] = NEUTRAL
        has_age = age != ""

        parts = has_gender.astype(float) + has_age
        total = gender_part * has_gender[:, None] + age_part * has_age[:, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(parts[:, None] > 0, total / parts[:, None], np.nan)

    def assess_keys(self, row_key: Any, col_key: Any) -> Assessment:
        gender_wish, age_wish, born = row_key
        gender, mentor_born = col_key
        values, reasons = [], []
        if gender_wish:
            values.append(NEUTRAL if gender is None else float(gender == gender_wish))
            reasons.append(Reason("wish_gender", {"wish": gender_wish, "gender": gender}))
        if age_wish:
            if born is None or mentor_born is None:
                values.append(NEUTRAL)
                reasons.append(Reason("wish_age", {"wish": age_wish, "years_older": None}))
            else:
                values.append(age_wish_value(age_wish, born - mentor_born))
                reasons.append(Reason("wish_age", {"wish": age_wish, "years_older": born - mentor_born}))
        if not values:
            return None, (Reason("wish_none"),)
        return sum(values) / len(values), tuple(reasons)


# --- experience ------------------------------------------------------------------------------------------


def experience_value(years_more: float) -> float:
    """0.5 for equals, rising to 1 when the mentor has 10 or more years more, 0 at 10 years fewer."""
    return min(1.0, max(0.0, 0.5 + years_more / EXPERIENCE_SPAN_YEARS))


class Experience(TableCriterion):
    """How much more experienced (or, without experience data, older) the mentor is."""

    name = "experience"

    def mentee_key(self, mentee: Mentee) -> Key:
        return (mentee.experience_years, mentee.birth_year)

    def mentor_key(self, mentor: Mentor) -> Key:
        return (mentor.experience_years, mentor.birth_year)

    def build_table(self, row_keys: list[Any], col_keys: list[Any]) -> np.ndarray:
        def column(keys: list[Any], i: int) -> np.ndarray:
            return np.array([k[i] if k[i] is not None else np.nan for k in keys], dtype=float)

        exp_a, born_a = column(row_keys, 0), column(row_keys, 1)
        exp_b, born_b = column(col_keys, 0), column(col_keys, 1)
        by_experience = exp_b[None, :] - exp_a[:, None]
        by_age = born_a[:, None] - born_b[None, :]
        gap = np.where(np.isnan(by_experience), by_age, by_experience)
        table = np.clip(0.5 + gap / EXPERIENCE_SPAN_YEARS, 0, 1)
        table[np.isnan(gap)] = NEUTRAL
        return table

    def assess_keys(self, row_key: Any, col_key: Any) -> Assessment:
        (exp_a, born_a), (exp_b, born_b) = row_key, col_key
        if exp_a is not None and exp_b is not None:
            gap, basis = exp_b - exp_a, "experience"
        elif born_a is not None and born_b is not None:
            gap, basis = born_a - born_b, "age"
        else:
            return NEUTRAL, (Reason("experience_unknown"),)
        shown = int(gap) if float(gap).is_integer() else round(gap, 1)
        return experience_value(gap), (Reason("experience_gap", {"years": shown, "basis": basis}),)


CRITERION_CLASSES = {
    cls.name: cls for cls in (Occupation, Goals, Language, Place, MeetingFormat, Wishes, Experience)
}
