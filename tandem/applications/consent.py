"""What apps above this one add to every consent text (privacy: how long the data is kept).

The consent text an applicant agrees to is stored with the application, so what is added becomes part of
the stored text: `with_additions` is applied whenever a version is written (the default text, and each
version a coordinator saves). An addition already in the text is not added twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tandem.programs.models import Program

# (program, language) -> a paragraph in that language, or "" for nothing
Addition = Callable[["Program", str], str]
_additions: list[Addition] = []


def add_to_consent(addition: Addition) -> None:
    if addition not in _additions:
        _additions.append(addition)


def with_additions(program: Program, language: str, text: str) -> str:
    """`text` with every addition for `program` in `language` that it does not hold yet."""
    for addition in _additions:
        extra = addition(program, language).strip()
        if extra and extra not in text:
            text = f"{text.rstrip()}\n\n{extra}"
    return text
