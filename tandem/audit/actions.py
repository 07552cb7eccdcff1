"""What each action code in the audit log means, for the admins' page. A code not listed shows as is."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    # Looking at and exporting personal data
    "application.viewed": _("Opened an applicant's record"),
    "application.cv_downloaded": _("Downloaded a CV"),
    "screening.queue_viewed": _("Viewed the list of applications"),
    "matching.viewed": _("Viewed matching with names"),
    "pairs.viewed": _("Viewed the list of pairs"),
    "mentorship.viewed": _("Opened a pair's page"),
    "mentorship.list_viewed": _("Viewed the list of pairs being followed"),
    "outbox.list_viewed": _("Viewed the outgoing e-mail"),
    "outbox.message_viewed": _("Opened an e-mail"),
    "gathering.viewed": _("Viewed a common meeting's list of people"),
    "gathering.exported": _("Exported a common meeting's list of people"),
    "reports.list_exported": _("Exported a list of the program's people"),
    "reports.export_downloaded": _("Downloaded an exported list"),
    "intake.preview_viewed": _("Viewed the rows of an import file"),
    "audit.report_viewed": _("Looked up who saw a person"),
    "audit.report_exported": _("Exported who saw a person"),
    # Decisions
    "application.received": _("Received an application"),
    "application.status_changed": _("Changed an application's status"),
    "application.waitlisted": _("Waitlisted an application"),
    "application.note_added": _("Added a note to an application"),
    "application.duplicate_kept": _("Kept an application marked as duplicate"),
    "application.duplicate_merged": _("Merged duplicate applications"),
    "application.interview_recorded": _("Recorded an interview"),
    "applications.imported": _("Imported applications"),
    "application_form.created": _("Created an application form"),
    "decision_template.saved": _("Changed a decision e-mail"),
    "decision_template.reset": _("Reset a decision e-mail"),
    "matching.run": _("Ran the matching"),
    "matching.published": _("Published pairs"),
    "matching.settings_changed": _("Changed the matching settings"),
    "matching.capacities_changed": _("Changed mentors' capacities"),
    "pair.locked": _("Locked a pair"),
    "pair.unlocked": _("Unlocked a pair"),
    "pair.forbidden": _("Forbade a pair"),
    "pair.allowed": _("Allowed a forbidden pair again"),
    "pair.swapped": _("Swapped mentors"),
    "pair.picked": _("Picked another mentor"),
    "pair.accepted": _("A pair was accepted"),
    "pair.declined": _("A pair was declined"),
    "pair.dissolved": _("Dissolved a pair"),
    "mentorship.opened": _("A mentorship began"),
    "mentorship.theme_used": _("Marked a theme as used"),
    "mentorship.theme_unused": _("Unmarked a theme"),
    "program.created": _("Created a program"),
    "program.copied": _("Copied a program"),
    "program.state_changed": _("Changed a program's state"),
    "program.partner_added": _("Added a partner organisation"),
    "program.partner_removed": _("Removed a partner organisation"),
    "program_role.added": _("Gave someone a role in a program"),
    "program_role.changed": _("Changed someone's role in a program"),
    "program_role.removed": _("Took away someone's role in a program"),
    "program_role.people_granted": _("Let a read-only viewer read people's records and CVs"),
    "program_role.people_revoked": _("Took away a read-only viewer's access to people's records"),
    "program.partners_edit_setup_changed": _(
        "Changed whether partner coordinators may change the purpose, goals and financing"
    ),
    "organisation.created": _("Created an organisation"),
    "membership.admin_granted": _("Made someone an organisation admin"),
    "membership.admin_revoked": _("Took away someone's admin rights"),
    "membership.removed": _("Removed a member"),
    "invitation.sent": _("Invited a colleague"),
    "invitation.resent": _("Sent an invitation again"),
    "invitation.revoked": _("Withdrew an invitation"),
    "invitation.accepted": _("Accepted an invitation"),
    "outbox.retried": _("Sent a failed e-mail again"),
    "themes.picked": _("Picked a theme for a program"),
    "themes.unpicked": _("Removed a theme from a program"),
    "themes.item_added": _("Added a theme or exercise"),
    "themes.item_changed": _("Changed a theme or exercise"),
    "themes.item_archived": _("Archived a theme or exercise"),
    "themes.item_restored": _("Restored a theme or exercise"),
    "themes.starter_library_installed": _("Installed the starter library"),
}


def label(action: str) -> str:
    return str(LABELS.get(action, action))
