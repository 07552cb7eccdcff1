"""The words every app uses to declare the personal data its models hold (GDPR art. 30), plain data.

Each app keeps a module `personal_data.py` with a list `DECLARATIONS` of `Declaration`s, one per model:
which fields hold personal data and what anonymising does to each, which fields do not, and how a row is
tied to a person (an application: the person as an applicant, mentor or mentee). The privacy app finds
these modules when Django starts and builds its registry from them; the apps never import privacy.
A test fails when a model has a text, file, JSON or date field that its declaration does not name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What anonymising does to a personal field.
BLANK = "blank"  # emptied: "" for text, None or the empty default for JSON, dates and numbers
PLACEHOLDER = "placeholder"  # replaced by PLACEHOLDER_TEXT (a name a list must still show)
DELETE_FILE = "delete_file"  # the stored file is deleted and the field emptied
DELETE_ROW = "delete_row"  # the whole row goes
KEEP = "keep"  # personal, kept on purpose (coarse figures for statistics; staff accounts)

TREATMENTS = (BLANK, PLACEHOLDER, DELETE_FILE, DELETE_ROW, KEEP)
PLACEHOLDER_TEXT = "[anonymised]"


@dataclass(frozen=True)
class Declaration:
    """The personal data of one model.

    `model`: "app_label.ModelName". `personal`: field → treatment. `not_personal`: fields that hold no
    personal data. `person`: ORM paths from this model to the person's `applications.Application` ("" when
    the model is the application itself). `by_email`: the field holding the person's e-mail address, for
    rows tied to a person by address only, with `program_path` the path to their program ("" for rows
    that belong to no program: those go only when no other application still uses the address).
    `program_wide`: the path to the program, for rows that hold many of the program's people at once in a
    form no query can look into (an exported spreadsheet): when anyone of the program is anonymised, all
    of the program's rows go (their treatment must be DELETE_ROW). `purpose`: why it is kept, for the
    record of processing.
    `anonymise_where`: lookups that narrow anonymising to some of the person's rows (e.g. only the free-text
    answers of a survey: the numbers stay for the statistics, tied to nobody); the export takes them all.
    """

    model: str
    personal: dict[str, str] = field(default_factory=dict)
    not_personal: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    by_email: str = ""
    program_path: str = ""
    program_wide: str = ""
    purpose: Any = ""  # a (lazily translated) text
    category: Any = ""  # the kind of data, for the record of processing
    anonymise_where: dict[str, Any] = field(default_factory=dict)
