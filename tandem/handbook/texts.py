"""Tandem's own texts for the handbook, written for programs with newly arrived mentees: what is expected
of a mentor and of a mentee, how to run a good meeting, and how the program is evaluated. Called inside
the reader's language (gettext at call time)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def mentor_expectations() -> list[str]:
    return [
        _("Listen more than you talk: the meetings start from the mentee's needs and goals, not yours."),
        _("Share your experience of working life in Sweden, your network and the unwritten rules."),
        _("Keep the meetings you agree on, and say in good time when you cannot come."),
        _("Keep what your mentee tells you to yourself. You are not a caseworker or a job agency."),
        _("Use plain Swedish, speak slowly and check that you have understood each other."),
        _("Contact the working group if something worries you or the mentorship does not work."),
    ]


def mentee_expectations() -> list[str]:
    return [
        _("Think about what you want to reach in the program and set your goals together with your mentor."),
        _("Take the initiative: suggest topics, questions and times for your meetings."),
        _("Keep the meetings you agree on, and say in good time when you cannot come."),
        _("Be open about what is hard: your mentor is there to help you, not to judge you."),
        _("Log your meetings in Tandem and answer the surveys: that is how the program gets better."),
        _("Contact the working group if something worries you or the mentorship does not work."),
    ]


def good_meeting() -> list[str]:
    return [
        _("Before: agree on time, place and what you want to talk about. Read the theme for the month."),
        _("Start by asking how things have gone since last time, and look at your goals."),
        _("Take one theme or exercise at a time. It is fine to stay with a question that matters."),
        _("The mentee leads the agenda; the mentor asks questions, listens and shares experience."),
        _("End by agreeing what each of you will do before the next meeting, and when you meet next."),
        _("After: log the meeting in Tandem (date, length and a few words on what you did)."),
    ]


def evaluation() -> str:
    return _(
        "The program is followed up with short surveys to mentees and mentors: at the start, halfway, at "
        "the end, and six and twelve months after. Your answers help the working group improve the program "
        "and report to those who fund it. You get the surveys by e-mail and in your space."
    )
