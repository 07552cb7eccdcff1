"""Which state a program may move to from which, and what each move is called on its button."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tandem.programs.models import Program

State = Program.State

# from state → the states it may move to, in the order the buttons are shown
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.DRAFT: (State.RECRUITING,),
    State.RECRUITING: (State.MATCHING, State.DRAFT),
    State.MATCHING: (State.RUNNING, State.RECRUITING),
    State.RUNNING: (State.CLOSED,),
    State.CLOSED: (State.EVALUATED,),
    State.EVALUATED: (),
}

ACTION_LABELS: dict[tuple[str, str], Promise] = {
    (State.DRAFT, State.RECRUITING): _("Open recruitment"),
    (State.RECRUITING, State.MATCHING): _("Close recruitment and start matching"),
    (State.RECRUITING, State.DRAFT): _("Pause recruitment (back to set-up)"),
    (State.MATCHING, State.RUNNING): _("Start the program"),
    (State.MATCHING, State.RECRUITING): _("Reopen recruitment"),
    (State.RUNNING, State.CLOSED): _("Close the program"),
    (State.CLOSED, State.EVALUATED): _("Mark as evaluated"),
}


def allowed_next(state: str) -> tuple[str, ...]:
    return TRANSITIONS.get(state, ())


def is_allowed(from_state: str, to_state: str) -> bool:
    return to_state in allowed_next(from_state)


def action_label(from_state: str, to_state: str) -> Promise:
    return ACTION_LABELS[(from_state, to_state)]
