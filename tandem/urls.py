from django.urls import include, path
from django.views.generic import RedirectView

from tandem.accounts.views import accessibility

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="programs:list", permanent=False), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/second-factor/", include("tandem.mfa.urls")),
    path("accounts/", include("tandem.accounts.urls")),
    path("accounts/", include("tandem.programs.organisation_urls")),
    path("outbox/", include("tandem.outbox.urls")),
    path("audit/", include("tandem.audit.urls")),
    path("programs/", include("tandem.programs.urls")),
    path("programs/", include("tandem.requirements.urls")),
    path("programs/", include("tandem.screening.urls")),
    path("programs/", include("tandem.intake.urls")),
    path("programs/", include("tandem.pairs.urls")),
    path("programs/", include("tandem.mentoring.urls")),
    path("programs/", include("tandem.jobs.urls")),
    path("programs/", include("tandem.gatherings.urls")),
    path("programs/", include("tandem.health.urls")),
    path("programs/", include("tandem.followup.urls")),
    path("programs/", include("tandem.reports.urls")),
    path("programs/", include("tandem.handbook.urls")),
    path("pair-answer/", include("tandem.pairs.answer_urls")),
    path("space/", include("tandem.mentoring.space_urls")),
    path("space/", include("tandem.gatherings.space_urls")),
    path("space/", include("tandem.handbook.space_urls")),
    path("organisations/", include("tandem.mentoring.library_urls")),
    path("organisations/", include("tandem.health.organisation_urls")),
    path("health-digest/", include("tandem.health.digest_urls")),
    path("meeting-answer/", include("tandem.gatherings.rsvp_urls")),
    path("", include("tandem.followup.public_urls")),
    path("applications/", include("tandem.applications.urls")),
    path("apply/", include("tandem.applications.public_urls")),
    path("privacy/", include("tandem.privacy.urls")),
    # The accessibility statement, linked from the footer of every public page.
    path("accessibility/<str:lang>/", accessibility.statement, name="accessibility"),
    path("accessibility/<int:pk>/<str:lang>/", accessibility.statement, name="accessibility_organisation"),
]

# Tandem's own error pages, in the visitor's language (tandem/errors.py); CSRF_FAILURE_VIEW in settings.
handler403 = "tandem.errors.permission_denied"
handler404 = "tandem.errors.page_not_found"
handler500 = "tandem.errors.server_error"
