"""The paper channel: a printable form to hand out, and the service that stores one typed in by staff."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from reportlab.lib.units import mm

from tandem.applications.builtins import PAGE_ORDER, Builtin, Page
from tandem.applications.models import Application, ApplicationForm, Question
from tandem.applications.public_forms import MENTEE_CAPACITY_CHOICES, wording
from tandem.applications.services import current_consent, submit_application
from tandem.applications.uploads import delete_cv, store_cv
from tandem.intake.answers import staff_submission
from tandem.intake.sheet import GREY, Sheet
from tandem.reference.choices import (
    CEFR_LEVELS,
    EmploymentStatus,
    Gender,
    GenderWish,
    LanguageLevel,
    MeetingFormat,
    Role,
    SwedishLevel,
)

CHOICES = {
    Builtin.GENDER: Gender,
    Builtin.EMPLOYMENT_STATUS: EmploymentStatus,
    Builtin.SWEDISH_LEVEL: SwedishLevel,
    Builtin.MEETING_FORMAT: MeetingFormat,
    Builtin.MENTOR_GENDER_WISH: GenderWish,
}
SHORT_BUILTINS = {
    Builtin.FIRST_NAME,
    Builtin.LAST_NAME,
    Builtin.EMAIL,
    Builtin.PHONE,
    Builtin.BIRTH_YEAR,
    Builtin.CURRENT_EMPLOYER,
    Builtin.OCCUPATION_NOW,
    Builtin.OCCUPATION_WANTED,
    Builtin.EXPERIENCE_YEARS,
    Builtin.EDUCATION,
    Builtin.EDUCATION_COUNTRY,
    Builtin.MUNICIPALITY,
    Builtin.YEARS_IN_SWEDEN,
}
# Help texts that describe the web form (search, upload) and make no sense on paper.
WEB_ONLY_HELP = {Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED, Builtin.OTHER_LANGUAGES, Builtin.CV}
LANGUAGE_ROWS_ON_PAPER = 3


# --- The printable form ------------------------------------------------------------------------------


def paper_form_pdf(form: ApplicationForm, questions: list[Question], language: str) -> bytes:
    """The form as a PDF in `language`: every question with room to answer, the consent text with a
    signature line, and a note to attach a CV. Arabic and other right-to-left languages are mirrored."""
    with translation.override(language):
        program = form.program
        role = _("mentee") if form.role == Role.MENTEE else _("mentor")
        title = _("Application to become a %(role)s") % {"role": role}
        sheet = Sheet(
            rtl=get_language_bidi(), title=f"{program.name} – {title}", footer=program.name, language=language
        )
        sheet.text(program.name, size=16, bold=True, space_after=1)
        sheet.text(title, size=12, space_after=4)
        intro, intro_language = form.intro_in(language)
        if intro and intro_language == language:
            sheet.text(intro, size=9.5, space_after=4)
        sheet.text(
            _(
                "Write clearly, preferably in capital letters. Tick a box like this: ☒. "
                "Questions marked * must be answered."
            ),
            size=9,
            color=GREY,
            space_after=2,
        )
        for page in PAGE_ORDER:
            on_page = [q for q in questions if q.page == page]
            if not on_page or page == Page.CONSENT:
                continue
            sheet.ensure(30)
            sheet.space(4)
            sheet.text(str(Page(page).label), size=12, bold=True, space_after=1)
            sheet.rule()
            for question in on_page:
                _question(sheet, question, language)
        _consent(sheet, form, language)
        return sheet.finish()


def _question(sheet: Sheet, question: Question, language: str) -> None:
    words = wording(question, language)
    label = f"{words.label} *" if question.required else words.label
    sheet.ensure(sheet.text_height(label, bold=True) + 14 * mm)  # keep the label with its first answer line
    sheet.text(label, size=10, bold=True, space_after=0)
    if words.help_text and question.builtin not in WEB_ONLY_HELP:
        sheet.text(words.help_text, size=8.5, color=GREY, space_after=0)
    key = question.builtin
    if key == Builtin.CV:
        sheet.text(_("Attach your CV to this form if you have one."), size=10, space_after=4)
    elif key == Builtin.OTHER_LANGUAGES:
        _languages(sheet)
    elif key in CHOICES:
        options = [str(label) for _value, label in CHOICES[key].choices]
        sheet.tick_boxes(options, inline=sum(len(o) for o in options) < 60)
    elif key in SHORT_BUILTINS:
        sheet.write_lines(1)
    elif key == Builtin.AVAILABILITY:
        sheet.write_lines(2)
    elif key == Builtin.MENTEE_CAPACITY:
        sheet.tick_boxes([label for _value, label in MENTEE_CAPACITY_CHOICES], inline=True)
    elif key:
        sheet.write_lines(4)
    else:
        _custom(sheet, question, words.choices)
    sheet.space(2)


def _languages(sheet: Sheet) -> None:
    sheet.text(
        _("Write each language and tick how well you speak it:")
        + " "
        + "; ".join(str(label) for _value, label in LanguageLevel.choices),
        size=8.5,
        color=GREY,
        space_after=0,
    )
    for _row in range(LANGUAGE_ROWS_ON_PAPER):
        sheet.write_lines(1, label=_("Language"))
        sheet.tick_boxes(list(CEFR_LEVELS), inline=True)


def _custom(sheet: Sheet, question: Question, choices: list[str]) -> None:
    kind = question.custom_type
    if kind == Question.CustomType.SHORT_TEXT:
        sheet.write_lines(1)
    elif kind == Question.CustomType.LONG_TEXT:
        sheet.write_lines(4)
    elif kind == Question.CustomType.SINGLE_CHOICE:
        sheet.text(_("Tick one."), size=8.5, color=GREY, space_after=0)
        sheet.tick_boxes(choices)
    elif kind == Question.CustomType.MULTIPLE_CHOICE:
        sheet.text(_("Tick all that fit."), size=8.5, color=GREY, space_after=0)
        sheet.tick_boxes(choices)
    elif kind == Question.CustomType.SCALE:
        steps = [str(n) for n in range(question.scale_min, question.scale_max + 1)]
        sheet.tick_boxes(steps, inline=True)
    else:
        sheet.tick_boxes([_("Yes"), _("No")], inline=True)


def _consent(sheet: Sheet, form: ApplicationForm, language: str) -> None:
    consent = current_consent(form, language)
    sheet.ensure(120)
    sheet.space(6)
    sheet.text(str(Page.CONSENT.label), size=12, bold=True, space_after=1)
    sheet.rule()
    if consent is not None:
        if consent.language != language:
            sheet.text(_("(only in Swedish)"), size=8.5, color=GREY, space_after=0)
        sheet.text(consent.text, size=9.5, space_after=3)
    sheet.tick_boxes([_("I have read the text above and I agree.")])
    sheet.write_lines(1, label=_("Date"))
    sheet.write_lines(1, label=_("Signature"))
    sheet.write_lines(1, label=_("Name in capital letters"))
    if form.contact_email:
        sheet.space(4)
        sheet.text(
            _("Questions about the program? Write to %(email)s.") % {"email": form.contact_email},
            size=9,
            color=GREY,
        )


# --- Typing in a paper form ----------------------------------------------------------------------------


def signed_at(signed_on: date) -> datetime:
    """The moment we record for a consent signed on paper: noon of that day, local time."""
    return timezone.make_aware(datetime.combine(signed_on, time(12)))


def enter_paper_application(
    form: ApplicationForm,
    questions: list[Question],
    values: dict[str, Any],
    *,
    language: str,
    signed_on: date,
    cv: Any = None,
    by,
    now: datetime,
) -> Application:
    """Store an application that came in on paper, typed in by `by`.

    It goes through `submit_application` like a web application (requirement profile, duplicate flag,
    confirmation e-mail, audit log), marked channel "paper" and entered by `by`. The consent is the text
    printed on the paper form in its language; it counts from the day the applicant signed.
    `cv`: an upload already checked by the form (it carries `document_kind` and `clean_name`).
    """
    stored = store_cv(cv, cv.document_kind) if cv else ""
    try:
        with transaction.atomic():
            submission = staff_submission(
                questions,
                values,
                language=language,
                consent=current_consent(form, language),
                channel=Application.Channel.PAPER,
                by=by,
                cv={"name": stored, "original": cv.clean_name} if cv else None,
            )
            application = submit_application(form, submission, token="", now=now)
            if application.consent_id:
                application.consented_at = signed_at(signed_on)
                Application.objects.filter(pk=application.pk).update(consented_at=application.consented_at)
    except BaseException:
        if stored:
            delete_cv(stored)
        raise
    return application
