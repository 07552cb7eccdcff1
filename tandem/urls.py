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

handler500 = "tandem.lib.views.server_error"  # a full disk gets a clear page (503), not a bare 500
