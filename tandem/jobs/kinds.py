"""The kinds of job, each registered by the app that owns the work (in its AppConfig.ready), so that this
app imports none of them: a kind runs the work in the worker and words the job for its progress page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tandem.jobs.models import Job
    from tandem.jobs.services import Progress


@dataclass(frozen=True)
class Kind:
    name: str
    run: Callable[[Job, Progress], dict[str, Any]]
    """Does the work in chunks, reporting through `Progress`; returns the result (counts and ids).
    Raises `services.JobError(code)` for a failure it can name."""
    title: Callable[[Job], str]
    """The progress page's heading, in the active language."""
    outcome: Callable[[Job], list[str]]
    """What happened, in sentences in the active language (for a finished or a failed job)."""
    back: Callable[[Job], tuple[str, str]]
    """Where to go on from the progress page: (url, link text)."""
    error: Callable[[str], str] = lambda code: ""
    """Why the job failed, for the codes the kind raises; "" leaves the wording to the page."""
    undo: Callable[[Job], None] | None = None
    """Removes what a job that did not finish wrote (for work that is all or nothing)."""
    links: Callable[[Job, Any], list[tuple[str, str]]] = lambda job, user: []
    """What the reader may open from a finished job, e.g. the file it made: [(url, link text)]. Gets the
    reader (the page has checked their access to the program; the kind asks tandem.policy for more)."""


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    KINDS[kind.name] = kind


def kind_of(job: Job) -> Kind:
    return KINDS[job.kind]
