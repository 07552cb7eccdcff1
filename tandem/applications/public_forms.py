"""The public form's pages: one Django form per page, built from the questions the coordinator chose.

Field names are the questions' keys (`Question.key`): the built-in key, or "q<id>" for a custom question.
`PageForm.values()` gives the page's answers as JSON-friendly values for the draft in the session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tandem.applications.builtins import PAGE_ORDER, Builtin, Page
from tandem.applications.models import Question
from tandem.applications.uploads import check_cv
from tandem.applications.validators import validate_municipality_code, validate_ssyk_code
from tandem.lib.forms import DigitsCharField, TandemForm, WholeNumberField
from tandem.reference import data as reference
from tandem.reference.choices import (
    EmploymentStatus,
    Gender,
    GenderWish,
    LanguageLevel,
    MeetingFormat,
    SwedishLevel,
)
from tandem.reference.languages import SPOKEN_LANGUAGE_CODES, spoken_language_choices
from tandem.reference.occupations import OccupationHit, group_title_for, search_occupations

LANGUAGE_ROWS = 3
HONEYPOT = "website"
CONSENT_SUFFIX = "_consent"  # the explicit consent to a special category question: "q12_consent"
SPECIAL_CONSENT = _(
    "I agree that my answer to the question above, which is about something sensitive (such as union "
    "membership, health or origin), is stored and used in this program. I can leave the question empty "
    "instead."
)
SPECIAL_CONSENT_MISSING = _(
    "To answer the question above, tick that you agree to it being stored, or leave the question empty."
)


def consent_key(question: Question) -> str:
    return f"{question.key}{CONSENT_SUFFIX}"


TEXT_LIMIT = 4000
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
OWN_WORDS_LIMIT = 200
OCCUPATION_KEYS = (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED)


def asked_search(data: Any, questions: list[Question], page: str) -> str:
    """The occupation question whose search the applicant asked for, or "": its Search button, or Enter
    in its search box without JavaScript (the page's default button is then the hidden "enter" one): a
    search box holding words not yet searched for (`<key>_searched` keeps the last search) searches
    instead of sending the page."""
    if data.get("search") in OCCUPATION_KEYS:
        return str(data["search"])
    if data.get("enter"):
        for question in questions:
            key = question.key
            if question.page == page and question.builtin in OCCUPATION_KEYS:
                words = " ".join(str(data.get(f"{key}_query", "")).split())
                if words and words != " ".join(str(data.get(f"{key}_searched", "")).split()):
                    return key
    return ""


@dataclass(frozen=True)
class Wording:
    """A question's words in the language shown; `language` differs from the one asked for when the
    question has no translation and falls back to Swedish."""

    label: str
    help_text: str = ""
    choices: list[str] = field(default_factory=list)
    language: str = "sv"


def wording(question: Question, language: str) -> Wording:
    """Uses the prefetched `question.translations`: the language asked for, else Swedish."""
    found = {t.language: t for t in question.translations.all()}
    chosen = found.get(language) or found.get("sv")
    if chosen is None:
        return Wording(label=question.get_builtin_display() or question.key, language="sv")
    sv_choices = found["sv"].choices if "sv" in found else chosen.choices
    choices = chosen.choices if len(chosen.choices or []) == len(sv_choices or []) else sv_choices
    return Wording(chosen.label, chosen.help_text, list(choices or []), chosen.language)


def pages_for(questions: list[Question]) -> list[str]:
    """The pages of the form in order: those with questions, and always the consent page."""
    used = {question.page for question in questions}
    return [page for page in PAGE_ORDER if page in used or page == Page.CONSENT]


def _municipality_choices() -> list[tuple[str, str]]:
    swedish_order = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}"})
    places = sorted(
        reference.municipalities().values(), key=lambda m: m.name.lower().translate(swedish_order)
    )
    return [("", _("Choose a municipality")), *[(m.code, m.name) for m in places]]


def _radio(choices, *, required: bool, blank: str | None = None) -> forms.ChoiceField:
    options = list(choices)
    if blank is not None and not required:
        options.append(("", blank))
    return forms.ChoiceField(choices=options, required=required, widget=forms.RadioSelect)


def _text(max_length: int, required: bool, **attrs) -> forms.CharField:
    return forms.CharField(max_length=max_length, required=required, widget=forms.TextInput(attrs=attrs))


def _long_text(required: bool) -> forms.CharField:
    return forms.CharField(max_length=TEXT_LIMIT, required=required, widget=forms.Textarea(attrs={"rows": 4}))


def _whole(low: int, high: int, required: bool, **attrs) -> forms.IntegerField:
    return WholeNumberField(
        min_value=low, max_value=high, required=required, widget=forms.TextInput(attrs=attrs)
    )


def plain_messages(made: forms.Field, key: str = "") -> forms.Field:
    """Our own plain words for what Django would say in its own ("This field is required.", "Ensure
    this value has at most 100 characters"), for every field an applicant fills in (`key`: the
    question's). Messages a field was made with are kept. The staff pages keep Django's."""
    if isinstance(made, forms.MultipleChoiceField):
        ours = {"required": _("Choose at least one answer."), "invalid_choice": _("Choose from the list.")}
    elif isinstance(made, forms.ChoiceField):
        ours = {"required": _("Choose one of the answers."), "invalid_choice": _("Choose from the list.")}
    elif isinstance(made, forms.FileField):
        ours = {
            "required": _("Add a file."),
            "invalid": _("The file did not arrive. Choose it again."),
            "missing": _("The file did not arrive. Choose it again."),
            "empty": _("The file is empty. Choose another file."),
        }
    else:
        ours = {"required": _("Answer this question.")}
    if isinstance(made, forms.EmailField):
        ours["invalid"] = _("Write your e-mail address like this: name@example.org")
    if isinstance(made, forms.CharField) and made.max_length:
        ours["max_length"] = _("Write at most %(limit_value)d characters (now there are %(show_value)d).")
    if isinstance(made, WholeNumberField):
        if key == Builtin.BIRTH_YEAR:
            out_of_range = _("Write a year between %(low)s and %(high)s.")
        elif key in (Builtin.EXPERIENCE_YEARS, Builtin.YEARS_IN_SWEDEN):
            out_of_range = _("Write a number of years between %(low)s and %(high)s.")
        else:
            out_of_range = _("Write a number between %(low)s and %(high)s.")
        limits = {"low": made.min_value, "high": made.max_value}
        ours.update(dict.fromkeys(("invalid", "min_value", "max_value"), out_of_range % limits))
    stock: dict[str, Any] = {}
    for kind in reversed(type(made).__mro__):
        stock.update(getattr(kind, "default_error_messages", {}))
    for code, message in ours.items():
        if made.error_messages.get(code, stock.get(code)) is stock.get(code):
            made.error_messages[code] = message
    return made


MENTEE_CAPACITY_CHOICES = [(str(number), str(number)) for number in (1, 2, 3)]
MENTEE_CAPACITY_DEFAULT = 1

PHONE = RegexValidator(
    r"^\+?[0-9 ()\-]{5,30}$", _("Write a phone number with digits, for example 070-123 45 67.")
)


def builtin_field(key: str, required: bool) -> forms.Field:
    """The form field of a built-in question (not occupation, languages or CV: they have their own)."""
    this_year = timezone.localdate().year
    fields = {
        Builtin.FIRST_NAME: lambda: _text(100, True, autocomplete="given-name"),
        Builtin.LAST_NAME: lambda: _text(100, True, autocomplete="family-name"),
        Builtin.EMAIL: lambda: forms.EmailField(
            max_length=254, required=True, widget=forms.EmailInput(attrs={"autocomplete": "email"})
        ),
        Builtin.PHONE: lambda: DigitsCharField(
            max_length=40,
            required=required,
            validators=[PHONE],
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        ),
        Builtin.BIRTH_YEAR: lambda: _whole(1920, this_year - 15, required, autocomplete="bday-year"),
        Builtin.GENDER: lambda: _radio(Gender.choices, required=required, blank=_("I do not want to say")),
        Builtin.EMPLOYMENT_STATUS: lambda: _radio(EmploymentStatus.choices, required=required),
        Builtin.CURRENT_EMPLOYER: lambda: _text(200, required, autocomplete="organization"),
        Builtin.EXPERIENCE_YEARS: lambda: _whole(0, 70, required),
        Builtin.EDUCATION: lambda: _text(300, required),
        Builtin.EDUCATION_COUNTRY: lambda: _text(100, required, autocomplete="country-name"),
        Builtin.SWEDISH_LEVEL: lambda: _radio(SwedishLevel.choices, required=required),
        Builtin.MUNICIPALITY: lambda: forms.ChoiceField(
            choices=_municipality_choices(), required=required, validators=[validate_municipality_code]
        ),
        Builtin.YEARS_IN_SWEDEN: lambda: _whole(0, 100, required),
        Builtin.MEETING_FORMAT: lambda: _radio(MeetingFormat.choices, required=required),
        Builtin.AVAILABILITY: lambda: forms.CharField(
            max_length=1000, required=required, widget=forms.Textarea(attrs={"rows": 2})
        ),
        Builtin.MENTOR_GENDER_WISH: lambda: _radio(GenderWish.choices, required=required),
        Builtin.MENTEE_CAPACITY: lambda: forms.TypedChoiceField(
            choices=MENTEE_CAPACITY_CHOICES,
            coerce=int,
            empty_value=None,
            required=required,
            widget=forms.RadioSelect,
        ),
    }
    make = fields.get(key)
    return make() if make else _long_text(required)


def custom_field(question: Question, words: Wording, language: str | None = None) -> forms.Field:
    """The form field of a custom question; with `language` (the page's), choices that fall back to
    Swedish are marked as such."""
    required = question.required
    kind = question.custom_type
    options = [
        (str(index), in_own_language(label, words.language, language or words.language))
        for index, label in enumerate(words.choices)
    ]
    if kind == Question.CustomType.SHORT_TEXT:
        return _text(300, required)
    if kind == Question.CustomType.LONG_TEXT:
        return _long_text(required)
    if kind == Question.CustomType.SINGLE_CHOICE:
        return forms.ChoiceField(choices=options, required=required, widget=forms.RadioSelect)
    if kind == Question.CustomType.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=options, required=required, widget=forms.CheckboxSelectMultiple
        )
    if kind == Question.CustomType.SCALE:
        steps = [(str(n), str(n)) for n in range(question.scale_min, question.scale_max + 1)]
        return forms.ChoiceField(
            choices=steps, required=required, widget=forms.RadioSelect(attrs={"class": "scale"})
        )
    return forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], required=required, widget=forms.RadioSelect
    )


def marked_label(words: Wording, language: str) -> str:
    """The label, marked as Swedish (for screen readers and for the eye) when it falls back to Swedish."""
    if words.language == language:
        return words.label
    return format_html(
        '{} <span class="small text-muted">({})</span>',
        in_own_language(words.label, words.language, language),
        _("only in Swedish"),
    )


def in_own_language(text: str, text_language: str, language: str) -> str:
    """Text shown in a fallback language, marked with its language and its own direction, so that on a
    right-to-left page the Swedish words keep their punctuation where it belongs."""
    if not text or text_language == language:
        return text
    return format_html('<span lang="{}" dir="auto">{}</span>', text_language, text)


def language_fields() -> dict[str, forms.Field]:
    """The rows of the languages question: a language and how well, `LANGUAGE_ROWS` times (the public
    form and the staff forms draw the same fields)."""
    fields: dict[str, forms.Field] = {}
    for row in range(1, LANGUAGE_ROWS + 1):
        fields[f"other_languages_{row}_code"] = forms.ChoiceField(
            label=_("Language %(number)s") % {"number": row},
            choices=[("", _("Choose a language")), *spoken_language_choices()],
            required=False,
        )
        fields[f"other_languages_{row}_level"] = forms.ChoiceField(
            label=_("How well, language %(number)s") % {"number": row},
            choices=[("", _("Choose a level")), *LanguageLevel.choices],
            required=False,
        )
    return fields


def check_language_rows(form: forms.Form, *, no_level: str) -> None:
    """The one check of the language rows: a language needs a level (`no_level` says so, in the words of
    the page: the applicant's or the staff member's) and a level needs a language."""
    cleaned = form.cleaned_data
    for row in range(1, LANGUAGE_ROWS + 1):
        code, level = f"other_languages_{row}_code", f"other_languages_{row}_level"
        if code not in form.fields:
            return
        if cleaned.get(code) and not cleaned.get(level):
            form.add_error(level, no_level)
        if cleaned.get(level) and not cleaned.get(code):
            form.add_error(code, _("Choose the language, or empty the level."))


def chosen_languages(cleaned: dict[str, Any]) -> list[dict[str, str]]:
    """The checked language rows as the draft keeps them: each language once, with its level."""
    chosen: list[dict[str, str]] = []
    for row in range(1, LANGUAGE_ROWS + 1):
        code = cleaned.get(f"other_languages_{row}_code")
        if code in SPOKEN_LANGUAGE_CODES and code not in {item["code"] for item in chosen}:
            chosen.append({"code": code, "level": cleaned[f"other_languages_{row}_level"]})
    return chosen


@dataclass
class Item:
    """One question on the page and the template that draws it."""

    key: str
    template: str
    label: str
    fields: list[forms.BoundField]
    help_text: str = ""
    hits: list[tuple[str, str]] = field(default_factory=list)
    searched: bool = False
    required: bool = False

    @property
    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Pairs of fields, for the languages question (language, level)."""
        return list(zip(self.fields[::2], self.fields[1::2], strict=True))


class PageForm(TandemForm):
    """The questions of one page. `searches` holds {occupation key: query} when the applicant pressed
    "Search" (or the htmx suggestions asked), so that the page lists matching occupations to choose from.

    Every field is made before `TandemForm.__init__`, which gives each its Bootstrap class; radio
    buttons and check boxes too (`style_choices`): the templates draw them one `.form-check` each."""

    style_choices = True

    def __init__(
        self,
        *args,
        page: str,
        questions: list[Question],
        language: str,
        cv: dict[str, Any] | None = None,
        searches: dict[str, str] | None = None,
        suggest_url: str = "",
        **kwargs,
    ):
        # Fields are built per instance before Django copies them, so that TandemForm styles them all.
        self.base_fields: dict[str, forms.Field] = {}
        self.page, self.language, self.cv = page, language, cv or {}
        self.suggest_url = suggest_url
        self.questions = [q for q in questions if q.page == page]
        self.searches = searches or {}
        self._items: list[tuple[str, str, Wording, list[str]]] = []
        self._required_occupations: list[str] = []
        for question in self.questions:
            self._add(question, wording(question, language))
        if page == Page.CONTACT:
            self.base_fields[HONEYPOT] = forms.CharField(
                label=_("Leave this field empty"),
                required=False,
                widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
            )
        if page == Page.CONSENT:
            self.base_fields["consent"] = forms.BooleanField(
                label=_("I have read the text above and I agree."),
                required=True,
                error_messages={
                    "required": _("You must agree to the text before you can send your application.")
                },
            )
            self._items.append(
                ("consent", "applications/public/fields/consent.html", Wording(""), ["consent"])
            )
        super().__init__(*args, **kwargs)

    # --- building --------------------------------------------------------------------------------

    def _add(self, question: Question, words: Wording) -> None:
        key = question.key
        if question.builtin in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
            self._add_occupation(question, words)
        elif question.builtin == Builtin.OTHER_LANGUAGES:
            self._add_languages(question, words)
        elif question.builtin == Builtin.CV:
            self._add_cv(question, words)
        else:
            made = plain_messages(
                custom_field(question, words, self.language)
                if not question.builtin
                else builtin_field(key, question.required),
                key,
            )
            made.label = marked_label(words, self.language)
            made.help_text = in_own_language(words.help_text, words.language, self.language)
            if question.builtin == Builtin.MENTEE_CAPACITY:
                made.initial = MENTEE_CAPACITY_DEFAULT  # most mentors take one: the answer to change
            if question.is_special:
                made.required = False  # consent to a special category is freely given: never required
            self.base_fields[key] = made
            choices = isinstance(made.widget, CHOICE_WIDGETS)
            template = "includes/choices.html" if choices else "applications/public/fields/single.html"
            self._items.append((key, template, words, [key]))
            if question.is_special:
                self.base_fields[consent_key(question)] = forms.BooleanField(
                    label=SPECIAL_CONSENT, required=False
                )
                names = [consent_key(question)]
                self._items.append((names[0], "applications/public/fields/consent.html", Wording(""), names))

    def _add_occupation(self, question: Question, words: Wording) -> None:
        """A search box, the groups it found to choose from, and a box for the occupation in the
        applicant's own words: finding it in the list never blocks an application (the coordinator maps
        the own words to an SSYK group during screening). Required means one or the other."""
        key = question.key
        live = {}
        if self.suggest_url:  # htmx: suggestions while typing; the Search button does the same without it
            live = {
                "hx-get": f"{self.suggest_url}?field={key}",
                "hx-trigger": "input changed delay:400ms, search-now",
                "hx-target": f"#{key}-results",
            }
        self.base_fields[f"{key}_query"] = plain_messages(
            forms.CharField(
                label=_("Search for an occupation"),
                required=False,
                max_length=100,
                widget=forms.TextInput(
                    attrs={
                        "type": "search",
                        "autocomplete": "off",
                        "data-search-button": f"{key}-search",
                        **live,
                    }
                ),
            )
        )
        self.base_fields[key] = forms.CharField(
            label=marked_label(words, self.language),
            help_text=in_own_language(words.help_text, words.language, self.language),
            required=False,
            max_length=4,
            validators=[validate_ssyk_code],
            widget=forms.RadioSelect,
            error_messages={"max_length": _("Choose an occupation from the list.")},
        )
        self.base_fields[f"{key}_own"] = plain_messages(
            forms.CharField(
                label=_("Not in the list? Write your occupation in your own words"),
                help_text=_(
                    "Write it as you would say it, in any language. We find the right occupation for you."
                ),
                required=False,
                max_length=OWN_WORDS_LIMIT,
            )
        )
        if question.required:
            self._required_occupations.append(key)
        self._items.append(
            (
                key,
                "applications/public/fields/occupation.html",
                words,
                [f"{key}_query", key, f"{key}_own"],
            )
        )

    def _add_languages(self, question: Question, words: Wording) -> None:
        rows = {name: plain_messages(made) for name, made in language_fields().items()}
        self.base_fields.update(rows)
        self._items.append(
            ("other_languages", "applications/public/fields/languages.html", words, list(rows))
        )

    def _add_cv(self, question: Question, words: Wording) -> None:
        self.base_fields["cv"] = plain_messages(
            forms.FileField(
                label=marked_label(words, self.language),
                help_text=in_own_language(words.help_text, words.language, self.language),
                required=question.required and not self.cv,
                widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt"}),
            )
        )
        names = ["cv"]
        if self.cv:
            self.base_fields["remove_cv"] = forms.BooleanField(
                label=_("Remove the file %(name)s") % {"name": self.cv.get("original", "")}, required=False
            )
            names.append("remove_cv")
        self._items.append(("cv", "applications/public/fields/cv.html", words, names))

    # --- what the template draws -----------------------------------------------------------------

    def items(self) -> list[Item]:
        result = []
        for key, template, words, names in self._items:
            label = marked_label(words, self.language) if words.label else ""
            help_text = in_own_language(words.help_text, words.language, self.language)
            item = Item(key, template, label, [self[name] for name in names], help_text)
            if template.endswith("occupation.html"):
                item.hits, item.searched = self._occupation_choices(key)
                item.required = key in self._required_occupations
                self.fields[key].widget.choices = item.hits
            result.append(item)
        return result

    def _occupation_choices(self, key: str) -> tuple[list[tuple[str, str]], bool]:
        query = self.searches.get(key, "")
        found = search_occupations(query, language=self.language)
        current = self[key].value()
        if current and current not in {hit.code for hit in found} and current in reference.ssyk_codes():
            title, title_language = group_title_for(current, self.language)
            found.insert(0, OccupationHit(current, title, title, title_language))
        # The SSYK code is shown only where two lines would otherwise read alike ("طبيب" → four groups
        # of physicians): to an applicant a code is noise.
        plain = [str(self._hit_label(hit, with_code=False)) for hit in found]
        alike = {label for label in plain if plain.count(label) > 1}
        hits = [
            (hit.code, self._hit_label(hit, with_code=label in alike))
            for hit, label in zip(found, plain, strict=True)
        ]
        return hits, bool(query)

    def _hit_label(self, hit: OccupationHit, *, with_code: bool = True) -> str:
        """ "Revisor – Revisorer m.fl.", or just the group's title when that is what matched; with
        `with_code` the code after it, " (2411)", to tell apart two groups one word means. On a page in
        another language each title is isolated, so that a right-to-left page keeps its order and
        punctuation, and a title in another language than the page says which it is."""
        same = hit.title.casefold() == hit.group_title.casefold()
        code = format_html(' (<bdi dir="ltr">{}</bdi>)', hit.code) if with_code else ""
        if self.language in ("sv", "en") and hit.group_language == self.language:
            code = f" ({hit.code})" if with_code else ""
            if same:
                return f"{hit.group_title}{code}"
            if hit.title_language == self.language:
                return f"{hit.title} – {hit.group_title}{code}"
            return format_html(  # "Auditor" on a Swedish page
                '<span lang="{}">{}</span> – {}{}',
                hit.title_language,
                hit.title,
                hit.group_title,
                code,
            )
        group = (
            format_html("<bdi>{}</bdi>", hit.group_title)
            if hit.group_language == self.language
            else format_html('<bdi lang="{}">{}</bdi>', hit.group_language, hit.group_title)
        )
        if same:
            return format_html("{}{}", group, code)
        matched = (
            format_html('<bdi dir="auto">{}</bdi>', hit.title)
            if hit.title_language == self.language
            else format_html('<bdi lang="{}" dir="auto">{}</bdi>', hit.title_language, hit.title)
        )
        return format_html("{} – {}{}", matched, group, code)

    def error_summary(self) -> list[tuple[str, str, str]]:
        """The page's field errors for the summary at the top, in the order of the page: (the id of the
        input to jump to, the question, the message). A group of choices is reached by its first one,
        an occupation by its search box."""
        found = []
        for key, _template, words, names in self._items:
            for name in names:
                for message in self.errors.get(name, []):
                    bound = self[name]
                    target = bound.auto_id
                    if name == key and f"{key}_query" in names:
                        target = self[f"{key}_query"].auto_id
                    elif isinstance(bound.field.widget, CHOICE_WIDGETS):
                        target = f"{bound.auto_id}_0"
                    label = (
                        bound.label
                        if len(names) > 1 or not words.label
                        else marked_label(words, self.language)
                    )
                    found.append((target, label, message))
        return found

    @property
    def cv_name(self) -> str:
        """The name of the CV file the applicant added earlier in this session, or ""."""
        return self.cv.get("original", "")

    @property
    def has_occupation(self) -> bool:
        """The page asks for an occupation: Enter may search there (`asked_search`)."""
        return bool(self._required_occupations) or any(
            template.endswith("occupation.html") for _key, template, _words, _names in self._items
        )

    @property
    def has_files(self) -> bool:
        return "cv" in self.fields

    # --- checking --------------------------------------------------------------------------------

    def clean_cv(self):
        return check_cv(self.cleaned_data.get("cv"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise ValidationError(
                _(
                    "A field that must stay empty was filled in, so we could not save this page. "
                    "Empty the field “Leave this field empty” and try again."
                ),
                code="honeypot",
            )
        check_language_rows(self, no_level=_("Choose how well you speak the language."))
        for key in self._required_occupations:
            if (
                not cleaned.get(key)
                and not (cleaned.get(f"{key}_own") or "").strip()
                and key not in self.errors
            ):
                self.add_error(
                    key,
                    ValidationError(
                        _(
                            "Search for your occupation and choose one from the list, "
                            "or write it in your own words."
                        ),
                        code="required",
                    ),
                )
        for question in self.questions:
            answered = cleaned.get(question.key) not in (None, "", [], False)
            if question.is_special and answered and not cleaned.get(consent_key(question)):
                self.add_error(consent_key(question), SPECIAL_CONSENT_MISSING)
        return cleaned

    # --- the answers, for the draft ---------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The page's answers by question key, JSON-friendly (the CV is handled by the view)."""
        data = self.cleaned_data
        values: dict[str, Any] = {}
        for question in self.questions:
            key = question.key
            if question.builtin == Builtin.CV:
                continue
            if question.builtin == Builtin.OTHER_LANGUAGES:
                values[key] = chosen_languages(data)
            elif question.builtin in OCCUPATION_KEYS:
                values[key] = data.get(key) or ""
                values[f"{key}_own"] = " ".join((data.get(f"{key}_own") or "").split())
            else:
                values[key] = data.get(key)
            if question.is_special:
                # The consent as the applicant read it, in the page's language, kept with the answer.
                given = bool(data.get(consent_key(question))) and values[key] not in (None, "", [])
                values[consent_key(question)] = str(SPECIAL_CONSENT) if given else ""
        return values

    @staticmethod
    def initial_from(values: dict[str, Any]) -> dict[str, Any]:
        """The draft's values as the page's initial data."""
        initial = {key: value for key, value in values.items() if key != "other_languages"}
        for row, item in enumerate(values.get("other_languages") or [], start=1):
            initial[f"other_languages_{row}_code"] = item["code"]
            initial[f"other_languages_{row}_level"] = item["level"]
        return initial

    def raw_initial(self) -> dict[str, Any]:
        """What the applicant typed, unchecked: to show the page again after a search."""
        return {
            name: bound.field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            for name, bound in ((name, self[name]) for name in self.fields)
            if name not in ("cv", HONEYPOT)
        }
