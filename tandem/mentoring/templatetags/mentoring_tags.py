"""The tabs other apps add to the participant's space menu (tandem.mentoring.sections)."""

from __future__ import annotations

from django import template

from tandem.mentoring.models import Mentorship
from tandem.mentoring.sections import Tab, tabs_for

register = template.Library()


@register.simple_tag
def space_tabs(mentorship: Mentorship) -> list[Tab]:
    return tabs_for(mentorship)
