"""Render the engine's reason objects as Swedish or English text.

The engine returns ``Reason(code, params)``; ``describe`` turns one into a phrase such as
"same occupation: Accountants" or "båda talar arabiska (C1/B2)". The Django layer may instead translate
the codes itself; the codes and their parameters are listed in ``docs/tandem-match.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal

from tandem.matching.model import CriterionResult, MenteeResult, Reason
from tandem.reference.data import municipalities, ssyk_title

Lang = Literal["sv", "en"]

LANGUAGE_NAMES: Mapping[str, tuple[str, str]] = {
    "am": ("amhariska", "Amharic"),
    "ar": ("arabiska", "Arabic"),
    "bn": ("bengali", "Bengali"),
    "bs": ("bosniska", "Bosnian"),
    "da": ("danska", "Danish"),
    "de": ("tyska", "German"),
    "el": ("grekiska", "Greek"),
    "en": ("engelska", "English"),
    "es": ("spanska", "Spanish"),
    "et": ("estniska", "Estonian"),
    "fa": ("persiska", "Persian"),
    "fi": ("finska", "Finnish"),
    "fr": ("franska", "French"),
    "he": ("hebreiska", "Hebrew"),
    "hi": ("hindi", "Hindi"),
    "hr": ("kroatiska", "Croatian"),
    "hu": ("ungerska", "Hungarian"),
    "it": ("italienska", "Italian"),
    "ja": ("japanska", "Japanese"),
    "ko": ("koreanska", "Korean"),
    "ku": ("kurdiska", "Kurdish"),
    "lt": ("litauiska", "Lithuanian"),
    "lv": ("lettiska", "Latvian"),
    "nl": ("nederländska", "Dutch"),
    "no": ("norska", "Norwegian"),
    "pl": ("polska", "Polish"),
    "ps": ("pashto", "Pashto"),
    "pt": ("portugisiska", "Portuguese"),
    "ro": ("rumänska", "Romanian"),
    "ru": ("ryska", "Russian"),
    "se": ("nordsamiska", "Northern Sami"),
    "so": ("somaliska", "Somali"),
    "sq": ("albanska", "Albanian"),
    "sr": ("serbiska", "Serbian"),
    "sv": ("svenska", "Swedish"),
    "sw": ("swahili", "Swahili"),
    "ta": ("tamil", "Tamil"),
    "th": ("thailändska", "Thai"),
    "ti": ("tigrinja", "Tigrinya"),
    "tr": ("turkiska", "Turkish"),
    "uk": ("ukrainska", "Ukrainian"),
    "ur": ("urdu", "Urdu"),
    "vi": ("vietnamesiska", "Vietnamese"),
    "zh": ("kinesiska", "Chinese"),
}

_FORMATS = {"in_person": ("på plats", "in person"), "online": ("digitalt", "online"), "either": ("", "")}
_SIDES = {
    "mentee": ("adeptens", "the mentee's"),
    "mentor": ("mentorns", "the mentor's"),
    "both": ("båda", "both"),
}
_GENDERS = {"woman": ("kvinna", "woman"), "man": ("man", "man"), "other": ("annat", "other")}
_RULES = {
    "forbidden": ("samordnarens spärrade par", "the coordinator's forbidden pairs"),
    "mentee_exclusions": ("adeptens egna undantag", "the mentee's own exclusions"),
    "mentor_exclusions": ("mentorernas undantag", "the mentors' exclusions"),
    "same_employer": ("regeln om samma arbetsgivare", "the same-employer rule"),
    "gender_wish": ("regeln om önskat kön", "the gender-wish rule"),
    "meeting_format": ("regeln om mötesform", "the meeting-format rule"),
}
_OCCUPATION_LEVELS = {
    4: ("samma yrke", "same occupation"),
    3: ("samma yrkesgrupp", "same occupation group"),
    2: ("närliggande yrken", "related occupations"),
    1: ("samma yrkesområde", "same occupational field"),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def _occupation(code: str | None, lang: Lang) -> str:
    title = ssyk_title(code or "", lang)
    return f"{title} ({code})" if title else str(code)


def _language(code: str, lang: Lang) -> str:
    names = LANGUAGE_NAMES.get(code)
    return _pick(names, lang) if names else code


def _side(side: str, what_sv: str, what_en: str, lang: Lang) -> str:
    if lang == "en":
        return f"{_pick(_SIDES[side], lang)} {what_en} unknown".replace("both ", "both sides' ")
    return f"{_pick(_SIDES[side], lang)} {what_sv} okänt".replace("båda ", "båda sidornas ")


def _format(fmt: str, lang: Lang) -> str:
    return _pick(_FORMATS.get(fmt, (fmt, fmt)), lang)


def _occupation_match(p: Mapping[str, Any], lang: Lang) -> str:
    text = f"{_pick(_OCCUPATION_LEVELS[p['level']], lang)}: {_occupation(p['code'], lang)}"
    if p.get("via") == "earlier":
        text += " (adeptens tidigare yrke)" if lang == "sv" else " (the mentee's earlier occupation)"
    return text


def _format_compatible(p: Mapping[str, Any], lang: Lang) -> str:
    if p["format"] == "either":
        return "båda kan ses på plats eller digitalt" if lang == "sv" else "both can meet in person or online"
    return (
        f"båda kan ses {_format(p['format'], lang)}"
        if lang == "sv"
        else f"both can meet {_format(p['format'], lang)}"
    )


def _place_distance(p: Mapping[str, Any], lang: Lang) -> str:
    text = f"{p['km']} km ifrån varandra" if lang == "sv" else f"{p['km']} km apart"
    if p.get("county"):
        text += f" (båda i {p['county']})" if lang == "sv" else f" (both in {p['county']})"
    return text


def _wish_gender(p: Mapping[str, Any], lang: Lang) -> str:
    wish = _pick(_GENDERS[p["wish"]], lang)
    if p["gender"] is None:
        return (
            f"önskade mentor: {wish}; mentorns kön okänt"
            if lang == "sv"
            else f"wished for a {wish} mentor; gender unknown"
        )
    met = p["gender"] == p["wish"]
    if lang == "sv":
        return f"önskade mentor: {wish} – " + ("uppfyllt" if met else "inte uppfyllt")
    return f"wished for a {wish} mentor: " + ("met" if met else "not met")


def _wish_age(p: Mapping[str, Any], lang: Lang) -> str:
    wish = {"older": ("äldre", "an older"), "similar": ("jämnårig", "a similar-aged")}[p["wish"]]
    years = p["years_older"]
    if lang == "sv":
        head = f"önskade en {wish[0]} mentor"
        return f"{head}; ålder okänd" if years is None else f"{head}; mentorn är {_age_gap(years, lang)}"
    head = f"wished for {wish[1]} mentor"
    return f"{head}; age unknown" if years is None else f"{head}; the mentor is {_age_gap(years, lang)}"


def _age_gap(years: float, lang: Lang) -> str:
    if years == 0:
        return "lika gammal" if lang == "sv" else "the same age"
    if lang == "sv":
        return f"{abs(years)} år {'äldre' if years > 0 else 'yngre'}"
    return f"{abs(years)} years {'older' if years > 0 else 'younger'}"


def _experience_gap(p: Mapping[str, Any], lang: Lang) -> str:
    years = p["years"]
    if p["basis"] == "age":
        return (
            f"mentorn är {_age_gap(years, lang)}"
            if lang == "sv"
            else f"the mentor is {_age_gap(years, lang)}"
        )
    if lang == "sv":
        return f"mentorn har {abs(years)} år {'mer' if years >= 0 else 'mindre'} erfarenhet"
    unit = "year" if abs(years) == 1 else "years"
    return f"the mentor has {abs(years)} {unit} {'more' if years >= 0 else 'less'} experience"


def _all_excluded(p: Mapping[str, Any], lang: Lang) -> str:
    rule = p.get("rule")
    if rule == "mentee_exclusions":
        return (
            "utesluten av adeptens egna undantag"
            if lang == "sv"
            else "excluded by the mentee's own exclusions"
        )
    if rule:
        if lang == "sv":
            return f"alla kandidater utesluts av {_pick(_RULES[rule], lang)}"
        return f"all candidates excluded by {_pick(_RULES[rule], lang)}"
    parts = ", ".join(f"{_pick(_RULES[r], lang)}: {n}" for r, n in p["rules"].items())
    if lang == "sv":
        return f"alla {p['candidates']} mentorer utesluts av hårda regler ({parts})"
    return f"all {p['candidates']} mentors excluded by hard rules ({parts})"


def _pair_excluded(p: Mapping[str, Any], lang: Lang) -> str:
    names = [
        _pick(("mentorns egna undantag", "the mentor's own exclusions"), lang)
        if rule == "mentor_exclusions"
        else _pick(_RULES[rule], lang)
        for rule in p["rules"]
    ]
    joined = (
        names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {_pick(('och', 'and'), lang)} {names[-1]}"
    )
    return f"utesluts av {joined}" if lang == "sv" else f"excluded by {joined}"


def _capacity(p: Mapping[str, Any], lang: Lang) -> str:
    occupation, same, n = p.get("occupation"), p.get("occupation_candidates", 0), p["candidates"]
    if occupation and same:
        title = _occupation(occupation, lang)
        if lang == "sv":
            possible = (
                "1 mentor var möjlig, men hade fullt"
                if same == 1
                else f"{same} mentorer var möjliga, men alla hade fullt"
            )
            return f"ingen mentor inom {title} har plats kvar: {possible}"
        possible = (
            "1 mentor was possible, but had no place left"
            if same == 1
            else f"{same} mentors were possible, but none had a place left"
        )
        return f"no mentor in occupation {title} has a place left: {possible}"
    if occupation:
        title = _occupation(occupation, lang)
        if lang == "sv":
            others = "den enda andra tillåtna mentorn" if n == 1 else f"de {n} andra tillåtna mentorerna"
            return f"ingen mentor inom {title} får paras med adepten, och {others} har redan fullt"
        others = "the only other allowed mentor has" if n == 1 else f"the {n} other allowed mentors have"
        return f"no mentor in occupation {title} may be paired with this mentee, and {others} no place left"
    return _all_full(n, lang)


def _all_full(n: int, lang: Lang) -> str:
    """Every mentor the rules allow already has as many mentees as they take ("full" alone, of a person,
    would read as "drunk" in Swedish)."""
    if n == 1:
        if lang == "sv":
            return "den enda mentor som får paras med adepten har redan fullt"
        return "the only mentor who may be paired with this mentee has no place left"
    if lang == "sv":
        return f"alla {n} mentorer som får paras med adepten har redan fullt"
    return f"all {n} mentors who may be paired with this mentee have no place left"


def _no_pairs(p: Mapping[str, Any], lang: Lang) -> str:
    if p.get("listed"):
        n = p["listed"]
        return f"alla {n} listade par är spärrade" if lang == "sv" else f"all {n} listed pairs are forbidden"
    return (
        "inga par för adepten i poängtabellen"
        if lang == "sv"
        else "no pair for this mentee in the score table"
    )


def _fixed(sv: str, en: str) -> Callable[[Mapping[str, Any], Lang], str]:
    return lambda p, lang: en if lang == "en" else sv


_RENDERERS: dict[str, Callable[[Mapping[str, Any], Lang], str]] = {
    "occupation_match": _occupation_match,
    "occupation_different": lambda p, lang: (
        f"olika yrken: {_occupation(p['mentee'], lang)} / {_occupation(p['mentor'], lang)}"
        if lang == "sv"
        else f"different occupations: {_occupation(p['mentee'], lang)} / {_occupation(p['mentor'], lang)}"
    ),
    "occupation_unknown": lambda p, lang: _side(p["side"], "yrke", "occupation", lang),
    "goals_shared_words": lambda p, lang: (
        f"gemensamma ord i mål och expertis: {', '.join(p['words'])}"
        if lang == "sv"
        else f"goals and expertise share: {', '.join(p['words'])}"
    ),
    "goals_similar_wording": _fixed(
        "liknande formuleringar i mål och expertis", "goals and expertise use similar wording"
    ),
    "goals_no_overlap": _fixed(
        "mål och expertis har inget gemensamt", "goals and expertise have nothing in common"
    ),
    "goals_unknown": lambda p, lang: {
        "mentee": ("adeptens mål okända", "the mentee's goals unknown"),
        "mentor": ("mentorns expertis okänd", "the mentor's expertise unknown"),
        "both": ("mål och expertis okända", "goals and expertise unknown"),
    }[p["side"]][lang == "en"],
    "language_shared": lambda p, lang: (
        f"båda talar {_language(p['language'], lang)} ({p['mentee_level']}/{p['mentor_level']})"
        if lang == "sv"
        else f"both speak {_language(p['language'], lang)} ({p['mentee_level']}/{p['mentor_level']})"
    ),
    "language_none": _fixed("inget gemensamt språk", "no language in common"),
    "language_unknown": lambda p, lang: _side(p["side"], "språk", "languages", lang),
    "place_same_municipality": lambda p, lang: (
        f"båda i {municipalities()[p['municipality']].name}"
        if lang == "sv"
        else f"both in {municipalities()[p['municipality']].name}"
    ),
    "place_distance": _place_distance,
    "place_online": _fixed(
        "ses digitalt: platsen spelar ingen roll", "meeting online: place does not matter"
    ),
    "place_unknown": lambda p, lang: _side(p["side"], "kommun", "municipality", lang),
    "format_compatible": _format_compatible,
    "format_conflict": lambda p, lang: (
        f"adepten vill ses {_format(p['mentee'], lang)}, mentorn {_format(p['mentor'], lang)}"
        if lang == "sv"
        else f"the mentee wants to meet {_format(p['mentee'], lang)}, the mentor {_format(p['mentor'], lang)}"
    ),
    "format_unknown": lambda p, lang: _side(p["side"], "mötesform", "meeting format", lang),
    "wish_gender": _wish_gender,
    "wish_age": _wish_age,
    "wish_none": _fixed("inga önskemål om mentorn", "no wishes about the mentor"),
    "experience_gap": _experience_gap,
    "experience_unknown": _fixed("erfarenhet och ålder okända", "experience and age unknown"),
    "locked": _fixed("låst av samordnaren", "locked by the coordinator"),
    "unmatched_no_mentors": _fixed("det finns inga mentorer", "there are no mentors"),
    "unmatched_all_excluded": _all_excluded,
    "unmatched_capacity": _capacity,
    "unmatched_no_pairs": _no_pairs,
    "pair_excluded": _pair_excluded,
}

REASON_CODES = frozenset(_RENDERERS)


def describe(reason: Reason, lang: Lang = "sv") -> str:
    """One reason as a short phrase in Swedish (``"sv"``) or English (``"en"``)."""
    if lang not in ("sv", "en"):
        raise ValueError(f"lang must be 'sv' or 'en', not {lang!r}")
    return _RENDERERS[reason.code](reason.params, lang)


def summarize(result: MenteeResult, lang: Lang = "sv") -> str:
    """All reasons for one mentee's outcome joined with "; ", the criteria adding most to the score first.

    Criteria that do not apply to the pair come last; "no wishes about the mentor" is left out.
    """
    return _summarize(result, lang, describe)


def summaries(results: Iterable[MenteeResult], lang: Lang = "sv") -> Iterator[str]:
    """``summarize`` for each result in turn.

    The engine hands pairs that share the same facts the same reason objects, so each reason object is
    rendered once (remembered by identity, while this generator keeps it alive).
    """
    if lang not in ("sv", "en"):
        raise ValueError(f"lang must be 'sv' or 'en', not {lang!r}")
    rendered: dict[int, tuple[Reason, str]] = {}

    def render(reason: Reason, lang: Lang) -> str:
        found = rendered.get(id(reason))
        if found is None:
            found = rendered[id(reason)] = (reason, _RENDERERS[reason.code](reason.params, lang))
        return found[1]

    for result in results:
        yield _summarize(result, lang, render)


def _rank(criterion: CriterionResult) -> tuple[bool, float]:
    return criterion.value is None, -criterion.weight * (criterion.value or 0.0)


_LOCKED = Reason("locked")


def _summarize(result: MenteeResult, lang: Lang, render: Callable[[Reason, Lang], str]) -> str:
    if result.mentor_id is None:
        return render(result.unmatched_reason, lang) if result.unmatched_reason else ""
    reasons = [_LOCKED] if result.locked else []
    reasons += [r for c in sorted(result.breakdown, key=_rank) for r in c.reasons if r.code != "wish_none"]
    return "; ".join([render(r, lang) for r in reasons])
