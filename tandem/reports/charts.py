"""Bar charts drawn on the server as SVG: the geometry is computed here, the template only draws it.

Each chart is a picture with a title for screen readers; the numbers are in a table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats

from tandem.lib.templatetags.tandem_format import format_percent, format_sek

# Colours with enough contrast on white (WCAG 3:1 for graphics), told apart by the legend too.
COLOURS = ("#1f5f99", "#b35900", "#2e7d32")
LABEL_WIDTH = 210  # 27 characters of 12 px text (an average letter is about 7 px wide)
BAR_AREA = 330
BAR_HEIGHT = 14
GAP = 10


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    colour: str
    value: str
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Group:
    label: str
    label_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Legend:
    label: str
    colour: str
    x: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    groups: list[Group]
    legend: list[Legend]
    label_width: int = LABEL_WIDTH


def _text(value: int | Decimal | float, *, percent: bool = False) -> str:
    if percent:
        return format_percent(value)
    if isinstance(value, Decimal):
        return format_sek(value)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def grouped_bars(
    categories: Sequence[tuple[str, Sequence[int | Decimal]]], series: Sequence[str], *, percent: bool = False
) -> Chart:
    """Horizontal bars: one group per category, one bar per series, scaled to the largest value (to 100
    for shares in per cent, `percent`, which also writes the values as shares)."""
    largest = max((float(v) for _, values in categories for v in values), default=0.0) or 1.0
    if percent:
        largest = max(largest, 100.0)
    groups = []
    y = 28  # room for the legend
    for label, values in categories:
        bars = []
        top = y
        for n, value in enumerate(values):
            width = round(float(value) / largest * BAR_AREA)
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y,
                    width=max(width, 1 if value else 0),
                    height=BAR_HEIGHT,
                    colour=COLOURS[n % len(COLOURS)],
                    value=_text(value, percent=percent),
                    text_x=LABEL_WIDTH + width + 4,
                    text_y=y + BAR_HEIGHT - 3,
                )
            )
            y += BAR_HEIGHT + 2
        groups.append(Group(label=label, label_y=(top + y) // 2 + 3, bars=bars))
        y += GAP
    legend = [
        Legend(label, COLOURS[n % len(COLOURS)], LABEL_WIDTH + n * 130) for n, label in enumerate(series)
    ]
    return Chart(width=LABEL_WIDTH + BAR_AREA + 70, height=y + 4, groups=groups, legend=legend)
