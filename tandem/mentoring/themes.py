"""Themes and exercises: the organisation's library, a program's picks by month, and what a pair sees.

State changes are `verb(obj, *, by|side, now)`, atomic and audited (ids only). `phase_for_month` and
`item_texts` are pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation
from tandem.audit.services import log_action
from tandem.mentoring.models import Mentorship, Phase, ProgramTheme, Side, ThemeItem, ThemeUse
from tandem.mentoring.starter_library import STARTER_ITEMS
from tandem.programs.models import Program

LANGUAGES = ("en", "ar")  # the translations a library item carries besides Swedish


class ThemeError(Exception):
    """A change the library or the space refuses; the message is for the person (translated)."""


# --- The starter library --------------------------------------------------------------------------


def install_starter_library(organisation: Organisation, *, now: datetime) -> int:
    """Copy Tandem's starter items the organisation does not have yet (by `starter_key`); returns how many
    were copied. Safe to call on every visit: an item once copied is never copied again, even when the
    coordinators archived or rewrote it."""
    have = set(
        ThemeItem.objects.filter(organisation=organisation)
        .exclude(starter_key="")
        .values_list("starter_key", flat=True)
    )
    missing = [item for item in STARTER_ITEMS if item.key not in have]
    if not missing:
        return 0
    rows = [
        ThemeItem(
            organisation=organisation,
            kind=item.kind,
            phase=item.phase,
            topic=item.topic,
            minutes_needed=item.minutes,
            title=item.sv[0],
            short_text=item.sv[1],
            text=item.sv[2],
            translations={
                "en": {"title": item.en[0], "short_text": item.en[1], "text": item.en[2]},
                "ar": {"title": item.ar[0], "short_text": item.ar[1], "text": ""},
            },
            starter_key=item.key,
            updated_at=now,
        )
        for item in missing
    ]
    try:
        with transaction.atomic():
            ThemeItem.objects.bulk_create(rows)
    except IntegrityError:  # another request copied them at the same moment
        return 0
    log_action(
        "themes.starter_library_installed",
        organisation=organisation,
        data={"items": len(rows)},
        now=now,
    )
    return len(rows)


# --- Editing the library --------------------------------------------------------------------------


def save_item(item: ThemeItem, *, translations: dict[str, dict[str, str]], by, now: datetime) -> ThemeItem:
    """Store a new or changed item with its translations (empty texts are dropped)."""
    cleaned: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        texts = {k: (v or "").strip() for k, v in (translations.get(language) or {}).items()}
        if any(texts.values()):
            cleaned[language] = texts
    with transaction.atomic():
        created = item.pk is None
        item.translations = cleaned
        item.updated_at = now
        item.save()
        log_action(
            "themes.item_added" if created else "themes.item_changed",
            actor=by,
            organisation=item.organisation,
            target=item,
            data={"item": item.pk},
            now=now,
        )
    return item


def archive_item(item: ThemeItem, *, by, now: datetime, restore: bool = False) -> None:
    """Archive an item (hidden from picking and from the pairs) or bring it back."""
    with transaction.atomic():
        ThemeItem.objects.filter(pk=item.pk).update(archived_at=None if restore else now, updated_at=now)
        log_action(
            "themes.item_restored" if restore else "themes.item_archived",
            actor=by,
            organisation=item.organisation,
            target=item,
            data={"item": item.pk},
            now=now,
        )


# --- A program's picks ----------------------------------------------------------------------------


def pick_item(program: Program, item: ThemeItem, *, month: int | None, by, now: datetime) -> ProgramTheme:
    """Pick an item of the program's organisation for the program, scheduled for a month (or none)."""
    if item.organisation_id != program.organisation_id:
        raise ThemeError(_("This item belongs to another organisation."))
    if item.archived_at is not None:
        raise ThemeError(_("This item is archived."))
    if month is not None and not 1 <= month <= 24:
        raise ThemeError(_("Choose a month from 1 to 24."))
    with transaction.atomic():
        pick, created = ProgramTheme.objects.select_for_update().get_or_create(
            program=program, item=item, defaults={"month": month}
        )
        if not created and pick.month != month:
            pick.month = month
            pick.save(update_fields=["month"])
        log_action(
            "themes.picked",
            actor=by,
            program=program,
            target=pick,
            data={"item": item.pk, "month": month},
            now=now,
        )
    return pick


def unpick_item(program: Program, item: ThemeItem, *, by, now: datetime) -> None:
    with transaction.atomic():
        deleted, _rows = ProgramTheme.objects.filter(program=program, item=item).delete()
        if deleted:
            log_action("themes.unpicked", actor=by, program=program, data={"item": item.pk}, now=now)


# --- What a pair sees -----------------------------------------------------------------------------


def months_between(start: date, day: date) -> int:
    """Month 1 is the month that begins on `start`; month m begins m − 1 calendar months later."""
    months = (day.year - start.year) * 12 + (day.month - start.month)
    if day.day < start.day:
        months -= 1
    return max(months, 0) + 1


def phase_for_month(month: int, length_months: int | None) -> str:
    """Start, middle or end for month `month` of a mentorship `length_months` long: the first third is the
    start, the last third the end (at least one month each); without a length, months 1–2 are the start."""
    if not length_months:
        return Phase.START if month <= 2 else Phase.MIDDLE
    third = max(1, length_months // 3)
    if month <= third:
        return Phase.START
    if month > length_months - third:
        return Phase.END
    return Phase.MIDDLE


def pair_month(mentorship: Mentorship, today: date) -> int:
    return months_between(mentorship.started_on, today)


def program_month(program: Program, mentorship: Mentorship, today: date) -> int:
    """The month of the program ProgramTheme.month counts in: from the program's start (or the pair's)."""
    return months_between(program.start_date or mentorship.started_on, today)


def pair_phase(mentorship: Mentorship, today: date) -> str:
    return phase_for_month(pair_month(mentorship, today), mentorship.pair.program.length_months)


@dataclass(frozen=True)
class ItemTexts:
    title: str
    short_text: str
    text: str
    title_lang: str  # the language each text is in (for the lang attribute)
    short_lang: str
    text_lang: str


def item_texts(item: ThemeItem, language: str) -> ItemTexts:
    """The item's texts in `language`, each text on its own: a missing translation falls back to the
    Swedish (for Arabic readers to Swedish, then English, where there is no Arabic text)."""
    translations = item.translations or {}

    def pick(field: str) -> tuple[str, str]:
        if language == "sv":
            return getattr(item, field), "sv"
        own = (translations.get(language) or {}).get(field, "")
        if own:
            return own, language
        if language == "ar":
            swedish = getattr(item, field)
            if swedish:
                return swedish, "sv"
            return (translations.get("en") or {}).get(field, ""), "en"
        return getattr(item, field), "sv"

    title, title_lang = pick("title")
    short_text, short_lang = pick("short_text")
    text, text_lang = pick("text")
    return ItemTexts(title, short_text, text, title_lang, short_lang, text_lang)


def mark_used(mentorship: Mentorship, item: ThemeItem, *, side: str, now: datetime) -> ThemeUse:
    """The pair marks an item as used (once per pair and item; a second mark is harmless)."""
    if side not in (Side.MENTEE, Side.MENTOR):
        raise ThemeError(_("Only the mentee and the mentor can do this."))
    if not mentorship.is_open:
        raise ThemeError(_("This mentorship has ended; nothing can be changed any more."))
    with transaction.atomic():
        use, created = ThemeUse.objects.get_or_create(
            mentorship=mentorship, item=item, defaults={"side": side, "used_at": now}
        )
        if created:
            log_action(
                "mentorship.theme_used",
                program=mentorship.pair.program,
                target=mentorship,
                data={"mentorship": mentorship.pk, "item": item.pk, "side": side},
                now=now,
            )
    return use


def unmark_used(mentorship: Mentorship, item: ThemeItem, *, side: str, now: datetime) -> None:
    if side not in (Side.MENTEE, Side.MENTOR):
        raise ThemeError(_("Only the mentee and the mentor can do this."))
    with transaction.atomic():
        deleted, _rows = ThemeUse.objects.filter(mentorship=mentorship, item=item).delete()
        if deleted:
            log_action(
                "mentorship.theme_unused",
                program=mentorship.pair.program,
                target=mentorship,
                data={"mentorship": mentorship.pk, "item": item.pk, "side": side},
                now=now,
            )
