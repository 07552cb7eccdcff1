"""Parts of the participant's "My pair" page that apps above this one provide (common meetings, …).

Those apps import mentoring, so mentoring cannot import them: each hands a provider to `provide` from its
`AppConfig.ready()`. A provider gets the participant and the mentorship and returns HTML rendered in the
active language (the space's), or "" when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from tandem.mentoring.models import Mentorship, Participant

Provider = Callable[["Participant", "Mentorship"], SafeString | str]
_providers: list[Provider] = []


def provide(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def sections_for(participant: Participant, mentorship: Mentorship) -> list[SafeString]:
    """The providers' parts of the page, in the order the apps were set up; empty parts left out."""
    parts = (provider(participant, mentorship) for provider in _providers)
    return [SafeString(part) for part in parts if part]
