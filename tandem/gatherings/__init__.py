"""Common meetings (gemensamma träffar): the program's kickoff, mid-program and closing meetings and any
others the working group adds, with invitations by e-mail (a calendar file attached), answers by personal
link, reminders, check-in at the door and attendance lists.

For the participant's space (tandem.mentoring, wired in by the lead): `services.meetings_for_participant`
and the include ``gatherings/includes/space_meetings.html``.
"""
