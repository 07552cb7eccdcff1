from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="programs:list", permanent=False), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("tandem.accounts.urls")),
    path("accounts/", include("tandem.programs.organisation_urls")),
    path("outbox/", include("tandem.outbox.urls")),
    path("programs/", include("tandem.programs.urls")),
    path("programs/", include("tandem.requirements.urls")),
    path("programs/", include("tandem.screening.urls")),
    path("programs/", include("tandem.intake.urls")),
    path("programs/", include("tandem.pairs.urls")),
    path("programs/", include("tandem.mentoring.urls")),
    path("programs/", include("tandem.jobs.urls")),
    path("programs/", include("tandem.gatherings.urls")),
    path("programs/", include("tandem.reports.urls")),
    path("pair-answer/", include("tandem.pairs.answer_urls")),
    path("space/", include("tandem.mentoring.space_urls")),
    path("organisations/", include("tandem.mentoring.library_urls")),
    path("meeting-answer/", include("tandem.gatherings.rsvp_urls")),
    path("applications/", include("tandem.applications.urls")),
    path("apply/", include("tandem.applications.public_urls")),
]

# Tandem's own error pages, in the visitor's language (tandem/errors.py); CSRF_FAILURE_VIEW in settings.
handler404 = "tandem.errors.page_not_found"
handler500 = "tandem.errors.server_error"
