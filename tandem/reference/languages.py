"""Languages applicants may say they speak, and the names of the languages a form is offered in."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# Common first and working languages among newcomers to Sweden, with each language's own name.
SPOKEN_LANGUAGES = [
    ("en", _("English"), "English"),
    ("ar", _("Arabic"), "العربية"),
    ("fa", _("Persian"), "فارسی"),
    ("prs", _("Dari"), "دری"),
    ("ps", _("Pashto"), "پښتو"),
    ("ku", _("Kurdish"), "Kurdî"),
    ("so", _("Somali"), "Soomaali"),
    ("ti", _("Tigrinya"), "ትግርኛ"),
    ("am", _("Amharic"), "አማርኛ"),
    ("tr", _("Turkish"), "Türkçe"),
    ("uk", _("Ukrainian"), "Українська"),
    ("ru", _("Russian"), "Русский"),
    ("pl", _("Polish"), "Polski"),
    ("bs", _("Bosnian"), "Bosanski"),
    ("hr", _("Croatian"), "Hrvatski"),
    ("sr", _("Serbian"), "Српски"),
    ("sq", _("Albanian"), "Shqip"),
    ("ro", _("Romanian"), "Română"),
    ("hu", _("Hungarian"), "Magyar"),
    ("el", _("Greek"), "Ελληνικά"),
    ("fi", _("Finnish"), "Suomi"),
    ("no", _("Norwegian"), "Norsk"),
    ("da", _("Danish"), "Dansk"),
    ("de", _("German"), "Deutsch"),
    ("fr", _("French"), "Français"),
    ("es", _("Spanish"), "Español"),
    ("it", _("Italian"), "Italiano"),
    ("pt", _("Portuguese"), "Português"),
    ("zh", _("Chinese"), "中文"),
    ("hi", _("Hindi"), "हिन्दी"),
    ("ur", _("Urdu"), "اردو"),
    ("bn", _("Bengali"), "বাংলা"),
    ("ta", _("Tamil"), "தமிழ்"),
    ("th", _("Thai"), "ไทย"),
    ("vi", _("Vietnamese"), "Tiếng Việt"),
    ("tl", _("Tagalog"), "Tagalog"),
    ("sw", _("Swahili"), "Kiswahili"),
    ("he", _("Hebrew"), "עברית"),
    ("ja", _("Japanese"), "日本語"),
    ("ko", _("Korean"), "한국어"),
]
SPOKEN_LANGUAGE_CODES = frozenset(code for code, _name, _own in SPOKEN_LANGUAGES)


def spoken_language_choices() -> list[tuple[str, str]]:
    """(code, "Arabic – العربية") in the active language, sorted by name."""
    choices = []
    for code, name, own in SPOKEN_LANGUAGES:
        label = str(name)
        choices.append((code, label if label == own else f"{label} – {own}"))
    return sorted(choices, key=lambda choice: choice[1].casefold())


def meeting_language_choices() -> list[tuple[str, str]]:
    """The languages a common meeting may be held in, for a form: Swedish first, then the spoken
    languages by their names in the active language ("Arabic – العربية")."""
    return [("sv", str(_("Swedish"))), *spoken_language_choices()]


def spoken_language_name(code: str) -> str:
    for known, name, _own in SPOKEN_LANGUAGES:
        if known == code:
            return str(name)
    return code


def language_name(code: str) -> str:
    """A language's name in the active language ("Arabiska" in Swedish), for a code Tandem stores (e.g. the
    languages a meeting is held in): Swedish, the spoken languages above, else Django's name for it, else
    the code itself."""
    code = code.strip().lower()
    if code == "sv":
        return str(_("Swedish"))
    for known, name, _own in SPOKEN_LANGUAGES:
        if known == code:
            return str(name)
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def direction(code: str) -> str:
    """ "rtl" for a language written right to left (Arabic, Persian, Hebrew…), else "ltr"."""
    try:
        bidi = bool(get_language_info(code)["bidi"])
    except KeyError:
        bidi = code.split("-")[0] in settings.LANGUAGES_BIDI
    return "rtl" if bidi else "ltr"


def typed_in(code: str) -> dict[str, str]:
    """The attributes of a field a coordinator types a text in `code` into, on a staff page in the staff's
    language: the field alone takes the text's language and direction (lang="ar" dir="rtl"); the labels
    around it stay in the page's."""
    return {"lang": code, "dir": direction(code)}


# Easy-read Swedish (lättläst svenska): a version of Swedish for applicants, a Django language of its own
# whose catalogue (locale/sv_Easyread) holds only our easy-read texts and falls back to Swedish for the
# rest. "easyread" is a BCP 47 variant subtag (5–8 letters), so `lang="sv-easyread"` is valid markup.
EASY_SWEDISH = "sv-easyread"


def applicant_language_codes() -> list[str]:
    return [code for code, _name in settings.APPLICANT_LANGUAGES]


def language_own_name(code: str) -> str:
    """A language's name in itself ("العربية"), or its code when Django does not know it."""
    for known, name in settings.APPLICANT_LANGUAGES:
        if known == code:
            return name
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return code
