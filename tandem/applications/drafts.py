"""The applicant's draft between pages: kept in the session, never in the application table.

Nothing is stored as an application before the final "Send". Only a CV is written to private storage
when it is uploaded (under a random name; `uploads.purge_abandoned_cvs` removes those never sent).
"""

from __future__ import annotations

import secrets
from typing import Any

from tandem.applications.builtins import Builtin
from tandem.applications.models import ApplicationForm, Question
from tandem.applications.public_forms import wording
from tandem.applications.services import Submission

SESSION_KEY = "tandem_applications"
INTEGER_COLUMNS = {
    Builtin.BIRTH_YEAR,
    Builtin.YEARS_IN_SWEDEN,
    Builtin.EXPERIENCE_YEARS,
    Builtin.MENTEE_CAPACITY,
}


class Draft:
    def __init__(self, session, form: ApplicationForm):
        self.session = session
        self.key = str(form.pk)
        drafts = session.get(SESSION_KEY) or {}
        self.data: dict[str, Any] = drafts.get(self.key) or {"values": {}, "done": []}

    def _save(self) -> None:
        drafts = self.session.get(SESSION_KEY) or {}
        drafts[self.key] = self.data
        self.session[SESSION_KEY] = drafts
        self.session.modified = True

    @property
    def values(self) -> dict[str, Any]:
        return self.data["values"]

    @property
    def done(self) -> list[str]:
        return self.data["done"]

    @property
    def cv(self) -> dict[str, Any] | None:
        return self.data.get("cv")

    @property
    def consent_id(self) -> int | None:
        return self.data.get("consent_id")

    def save_page(self, page: str, values: dict[str, Any]) -> None:
        self.data["values"].update(values)
        if page not in self.data["done"]:
            self.data["done"].append(page)
        self._save()

    def set_cv(self, cv: dict[str, Any] | None) -> None:
        self.data["cv"] = cv
        self._save()

    def set_consent(self, consent_id: int) -> None:
        self.data["consent_id"] = consent_id
        self._save()

    def token(self) -> str:
        """The one-time token of this draft's "Send": the same for every send of the same draft."""
        if not self.data.get("token"):
            self.data["token"] = secrets.token_urlsafe(24)
            self._save()
        return self.data["token"]

    def clear(self) -> None:
        drafts = self.session.get(SESSION_KEY) or {}
        drafts.pop(self.key, None)
        self.session[SESSION_KEY] = drafts
        self.session.modified = True


def _custom_value(question: Question, raw: Any) -> Any:
    """A custom answer as stored: choices by their Swedish labels, a scale as a number, yes/no as bool."""
    kind = question.custom_type
    if kind in (Question.CustomType.SINGLE_CHOICE, Question.CustomType.MULTIPLE_CHOICE):
        labels = wording(question, "sv").choices
        picked = [labels[int(i)] for i in ([raw] if isinstance(raw, str) else raw) if int(i) < len(labels)]
        return picked[0] if kind == Question.CustomType.SINGLE_CHOICE and picked else picked
    if kind == Question.CustomType.SCALE:
        return int(raw)
    if kind == Question.CustomType.YES_NO:
        return raw == "yes"
    return raw


def to_submission(draft: Draft, questions: list[Question], *, language: str, consent) -> Submission:
    """The draft as a `services.Submission`: built-in answers as column values, custom ones by id."""
    values: dict[str, Any] = {}
    answers: dict[int, Any] = {}
    consents: dict[int, str] = {}
    for question in questions:
        raw = draft.values.get(question.key)
        if question.builtin == Builtin.CV:
            continue
        if question.builtin:
            if question.builtin == Builtin.OTHER_LANGUAGES:
                values["other_languages"] = raw or []
            elif question.builtin in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
                values[question.builtin] = raw or ""
                values[f"{question.builtin}_text"] = draft.values.get(f"{question.key}_own") or ""
            elif question.builtin in INTEGER_COLUMNS:
                values[question.builtin] = raw
            else:
                values[question.builtin] = raw or ""
        elif question.is_special:
            consent_text = draft.values.get(f"{question.key}_consent") or ""
            if raw not in (None, "", []) and consent_text:  # no answer is kept without its consent
                answers[question.pk] = _custom_value(question, raw)
                consents[question.pk] = consent_text
        elif raw not in (None, "", []):
            answers[question.pk] = _custom_value(question, raw)
    cv = draft.cv or {}
    return Submission(
        language=language,
        values=values,
        answers=answers,
        special_consents=consents,
        consent=consent,
        cv_name=cv.get("name", ""),
        cv_original_name=cv.get("original", ""),
    )
