"""The personal data mentoring holds (see tandem/reference/personal_data.py).

What the two write in their space belongs to the pair: when either of them is erased, the pair's own
texts go (goals, meeting notes, help requests), the dates and counts stay for the program's figures.
"""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import BLANK, DELETE_ROW, Declaration

PAIR = ("mentorship__pair__mentee", "mentorship__pair__mentor")
FOLLOW = _("to run the mentorship and follow it up")

DECLARATIONS = [
    Declaration(
        "mentoring.Participant",
        by_email="email",
        purpose=_("to let mentors and mentees sign in to their space"),
        category=_("e-mail address and sign-in settings"),
        personal={"email": DELETE_ROW},
        not_personal=("language", "calendar_token"),
    ),
    Declaration("mentoring.SignInLink", not_personal=("token_hash", "next_path")),
    Declaration(
        "mentoring.Mentorship",
        person=("pair__mentee", "pair__mentor"),
        purpose=FOLLOW,
        category=_("the mentorship, its pauses and its end"),
        personal={"pause_reason": BLANK, "end_text": BLANK},
        not_personal=("status", "started_on", "ends_on", "ended_by_side", "end_reason", "last_meeting_on"),
    ),
    Declaration(
        "mentoring.PersonalGoal",
        person=PAIR,
        purpose=FOLLOW,
        category=_("the mentee's goals and the comments on them"),
        personal={"text": BLANK},
    ),
    Declaration(
        "mentoring.GoalComment",
        person=("goal__mentorship__pair__mentee", "goal__mentorship__pair__mentor"),
        purpose=FOLLOW,
        personal={"text": BLANK},
        not_personal=("side",),
    ),
    Declaration(
        "mentoring.PlannedMeeting",
        person=PAIR,
        purpose=FOLLOW,
        category=_("meetings: dates, places, notes"),
        personal={"place": BLANK},
        not_personal=("planned_on", "origin"),
    ),
    Declaration(
        "mentoring.MeetingLog",
        person=PAIR,
        purpose=FOLLOW,
        personal={"shared_note": BLANK, "correction": BLANK},
        not_personal=("held_on", "format", "logged_by_side", "submission_key"),
    ),
    Declaration(
        "mentoring.PrivateNote",
        person=("meeting__mentorship__pair__mentee", "meeting__mentorship__pair__mentor"),
        purpose=FOLLOW,
        personal={"text": DELETE_ROW},
        not_personal=("side",),
    ),
    Declaration(
        "mentoring.HelpRequest",
        person=PAIR,
        purpose=FOLLOW,
        category=_("help requests and follow-up notes"),
        personal={"text": BLANK, "handled_note": BLANK},
        not_personal=("side", "kind"),
    ),
    Declaration("mentoring.FollowUpNote", person=PAIR, purpose=FOLLOW, personal={"text": BLANK}),
    Declaration("mentoring.ThemeUse", not_personal=("side",)),
    Declaration(
        "mentoring.ThemeItem",
        not_personal=("kind", "phase", "topic", "title", "short_text", "text", "translations", "starter_key"),
    ),
]
