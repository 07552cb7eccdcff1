"""Forms of the matching workflow and of the participants' answer page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.applications.models import Application
from tandem.lib.forms import TandemForm, TandemModelForm
from tandem.matching.criteria import CRITERIA
from tandem.pairs.engine_input import own_capacity
from tandem.pairs.models import MatchingSettings, Pair, ProposedPair
from tandem.reference.data import municipalities, ssyk_title

CRITERION_LABELS = {
    "occupation": (_("Occupation"), _("The mentor works in the occupation the mentee wants.")),
    "goals": (_("Goals and experience"), _("What the mentee hopes for, against what the mentor knows.")),
    "language": (_("Common language"), _("A language both speak, and how well.")),
    "place": (_("Place"), _("How far apart they live (not for pairs who meet online).")),
    "meeting_format": (_("Meeting format"), _("Both can meet the same way: in person or online.")),
    "wishes": (_("The mentee's wishes"), _("Wishes about the mentor's gender or age.")),
    "experience": (_("Experience"), _("The mentor has more years of working life.")),
}
RULE_NAMES = ("exclusions", "same_employer", "gender_wish", "meeting_format")


def weight_field(name: str) -> str:
    return f"weight_{name}"


class MatchingSettingsForm(TandemModelForm):
    """Weights per criterion (0 switches one off), the hard rules, and the answer time."""

    class Meta:
        model = MatchingSettings
        fields = [
            "preset",
            "rule_exclusions",
            "rule_same_employer",
            "rule_gender_wish",
            "rule_meeting_format",
            "answer_days",
            "reminder_days",
        ]
        labels = {"preset": _("Preset")}
        help_texts = {
            "preset": _("Weights that follow the program's main aim. Apply a preset, then adjust."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        weights = self.instance.weights or {}
        for name in CRITERIA:
            label, help_text = CRITERION_LABELS[name]
            self.fields[weight_field(name)] = forms.DecimalField(
                label=label,
                help_text=help_text,
                min_value=Decimal("0"),
                max_value=Decimal("10"),
                max_digits=4,
                decimal_places=1,
                initial=weights.get(name, 0),
                widget=forms.NumberInput(attrs={"step": "0.5", "class": "form-control"}),
            )
        self.weight_fields = [self[weight_field(name)] for name in CRITERIA]
        self.rule_fields = [self[f"rule_{name}"] for name in RULE_NAMES]

    def clean(self):
        cleaned = super().clean()
        weights = [cleaned.get(weight_field(name)) for name in CRITERIA]
        if all(w is not None for w in weights) and not any(weights):
            self.add_error(weight_field(CRITERIA[0]), _("At least one criterion needs a weight above 0."))
        answer_days, reminder_days = cleaned.get("answer_days"), cleaned.get("reminder_days")
        if answer_days and reminder_days and reminder_days >= answer_days:
            self.add_error("reminder_days", _("The reminder must come before the deadline."))
        return cleaned

    @property
    def weights(self) -> dict[str, float]:
        return {name: float(self.cleaned_data[weight_field(name)]) for name in CRITERIA}

    @property
    def rules(self) -> dict[str, bool]:
        return {name: self.cleaned_data[f"rule_{name}"] for name in RULE_NAMES}


def capacity_source(mentor: Application, override: int | None) -> str:
    """Where a mentor's figure comes from, for the coordinator."""
    if override is not None and mentor.mentee_capacity:
        said = mentor.mentee_capacity
        return _("Changed by the coordinator. The mentor said %(number)s.") % {"number": said}
    if override is not None:
        return _("Changed by the coordinator. The mentor did not say.")
    if mentor.mentee_capacity:
        return _("Set by the mentor in the application.")
    return _("The mentor did not say, so 1 by default.")


def mentor_details(mentor: Application) -> str:
    """Where the mentor lives and what they work with, to tell two mentors of the same name apart."""
    lang = "en" if (get_language() or "sv").startswith("en") else "sv"
    place = municipalities().get(mentor.municipality or "")
    occupation = mentor.occupation_now or ""
    title = ssyk_title(occupation, lang) if occupation else None  # type: ignore[arg-type]
    parts = [
        place.name if place else "",
        f"{title} ({occupation})" if title else occupation,
    ]
    return " · ".join(part for part in parts if part)


@dataclass
class CapacityRow:
    mentor: Application
    field: forms.BoundField
    details: str


class CapacitiesForm(TandemForm):
    """How many mentees each mentor takes: one number field per mentor, starting from the coordinator's
    figure (`capacities`, by mentor id) or else the mentor's own, and saying which it is. Each field is
    labelled with the mentor's name and application reference (two mentors may share a name)."""

    def __init__(self, *args, mentors: Sequence[Application], capacities: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.mentors = list(mentors)
        for mentor in self.mentors:
            override = capacities.get(mentor.pk)
            self.add_field(
                f"capacity_{mentor.pk}",
                forms.IntegerField(
                    label=f"{mentor.full_name} ({mentor.reference})",
                    help_text=capacity_source(mentor, override),
                    min_value=1,
                    max_value=10,
                    initial=override if override is not None else own_capacity(mentor),
                    widget=forms.NumberInput(attrs={"style": "max-width: 6rem"}),
                ),
            )

    @property
    def rows(self) -> list[CapacityRow]:
        return [
            CapacityRow(mentor, self[f"capacity_{mentor.pk}"], mentor_details(mentor))
            for mentor in self.mentors
        ]

    @property
    def capacities(self) -> dict[int, int]:
        return {mentor.pk: self.cleaned_data[f"capacity_{mentor.pk}"] for mentor in self.mentors}


class SwapForm(TandemForm):
    first = forms.TypedChoiceField(label=_("First pair"), coerce=int)
    second = forms.TypedChoiceField(label=_("Second pair"), coerce=int)

    def __init__(self, *args, pairs: Iterable[ProposedPair], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(p.pk, f"{p.mentee.full_name} – {p.mentor.full_name}") for p in pairs]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("first") is not None and cleaned.get("first") == cleaned.get("second"):
            self.add_error("second", _("Choose two different pairs."))
        return cleaned


class PickForm(TandemForm):
    mentee = forms.IntegerField(widget=forms.HiddenInput)
    mentor = forms.IntegerField(label=_("Another mentor"))


def _by_name(person: str) -> list:
    return [Lower(f"{person}__first_name"), Lower(f"{person}__last_name")]


SORTS = {
    "score_desc": (_("Score, highest first"), ["-score", *_by_name("mentee"), "id"]),
    "score": (_("Score, lowest first"), ["score", *_by_name("mentee"), "id"]),
    "mentee": (_("Mentee's name"), [*_by_name("mentee"), "id"]),
    "mentor": (_("Mentor's name"), [*_by_name("mentor"), *_by_name("mentee"), "id"]),
}


class ProposalFilterForm(TandemForm):
    """Find, sort and narrow the proposal's pairs (GET), in the database."""

    q = forms.CharField(label=_("Name or reference number"), required=False, max_length=100)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[(k, v[0]) for k, v in SORTS.items()]
    )
    below = forms.IntegerField(label=_("Only scores below"), required=False, min_value=1, max_value=101)
    occupation = forms.ChoiceField(label=_("Mentee's wanted occupation"), required=False)

    def __init__(self, *args, occupations: Sequence[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = [("", _("All"))] + list(occupations)

    @property
    def is_filtering(self) -> bool:
        data = self.cleaned_data if self.is_valid() else {}
        return bool(data.get("q") or data.get("below") is not None or data.get("occupation"))

    def apply(self, pairs: QuerySet[ProposedPair]) -> QuerySet[ProposedPair]:
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("below") is not None:
            pairs = pairs.filter(score__lt=data["below"])
        if data.get("occupation"):
            pairs = pairs.filter(mentee__occupation_wanted=data["occupation"])
        pairs = search_people(pairs, data.get("q") or "", prefixes=["mentee__", "mentor__"])
        return pairs.order_by(*SORTS.get(data.get("sort") or "score_desc", SORTS["score_desc"])[1])


def search_people(rows, words: str, *, prefixes: Sequence[str]):
    """Rows whose person (each of ``prefixes``: "mentee__", "mentor__", or "" for the application
    itself) has every word in their first or last name, or the word as their reference."""
    for word in words.split():
        found = Q()
        for prefix in prefixes:
            found |= (
                Q(**{f"{prefix}first_name__icontains": word})
                | Q(**{f"{prefix}last_name__icontains": word})
                | Q(**{f"{prefix}reference__iexact": word})
            )
        rows = rows.filter(found)
    return rows


class MentorSearchForm(TandemForm):
    """Find mentors by a name or reference number (GET)."""

    q = forms.CharField(label=_("Name or reference number"), required=False, max_length=100)

    @property
    def is_filtering(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data.get("q"))

    def apply(self, mentors: QuerySet[Application]) -> QuerySet[Application]:
        words = (self.cleaned_data.get("q") or "") if self.is_valid() else ""
        return search_people(mentors, words, prefixes=[""])


PAIR_SHOW = [
    ("", _("All")),
    ("waiting", _("Waiting for an answer")),
    (Pair.Status.AWAITING, Pair.Status.AWAITING.label),
    (Pair.Status.ACTIVE, Pair.Status.ACTIVE.label),
    (Pair.Status.DECLINED, Pair.Status.DECLINED.label),
    (Pair.Status.DISSOLVED, Pair.Status.DISSOLVED.label),
]


class PairFilterForm(TandemForm):
    """Find pairs by a name or reference number, and narrow them by status (GET)."""

    q = forms.CharField(label=_("Name or reference number"), required=False, max_length=100)
    show = forms.ChoiceField(label=_("Show"), required=False, choices=PAIR_SHOW)

    @property
    def status(self) -> str:
        return (self.cleaned_data.get("show") or "") if self.is_valid() else ""

    @property
    def is_filtering(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())

    def apply(self, pairs):
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("show")
        if status == "waiting":
            pairs = pairs.filter(status=Pair.Status.AWAITING).filter(
                Q(mentee_answer="") | Q(mentor_answer="")
            )
        elif status:
            pairs = pairs.filter(status=status)
        return search_people(pairs, data.get("q") or "", prefixes=["mentee__", "mentor__"])


class DissolveForm(TandemForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the working group sees it."),
    )
    rematch = forms.BooleanField(
        label=_("Look for new partners: never propose these two together again"), required=False
    )


class AnswerForm(TandemForm):
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    reason = forms.CharField(
        label=_("If you decline: would you tell us why? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # A decline takes effect only when confirmed on the page that asks once more.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
