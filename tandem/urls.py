from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="programs:list", permanent=False), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("tandem.accounts.urls")),
    path("outbox/", include("tandem.outbox.urls")),
    path("programs/", include("tandem.programs.urls")),
    path("programs/", include("tandem.requirements.urls")),
    path("programs/", include("tandem.screening.urls")),
    path("programs/", include("tandem.intake.urls")),
    path("programs/", include("tandem.pairs.urls")),
    path("pair-answer/", include("tandem.pairs.answer_urls")),
    path("applications/", include("tandem.applications.urls")),
    path("apply/", include("tandem.applications.public_urls")),
]

# Tandem's own error pages, in the visitor's language (tandem/errors.py); CSRF_FAILURE_VIEW in settings.
handler404 = "tandem.errors.page_not_found"
handler500 = "tandem.errors.server_error"
