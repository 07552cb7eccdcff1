from django.urls import path

from tandem.mfa import views

app_name = "mfa"

urlpatterns = [
    path("", views.security, name="security"),
    path("set-up/", views.set_up, name="set_up"),
    path("verify/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("recovery-codes/download/", views.recovery_codes_download, name="recovery_codes_download"),
    path("recovery-codes/done/", views.recovery_codes_done, name="recovery_codes_done"),
    path("recovery-codes/new/", views.recovery_codes_new, name="recovery_codes_new"),
    path("turn-off/", views.turn_off, name="turn_off"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path(
        "organisations/<int:pk>/people/<int:membership_pk>/reset/",
        views.member_reset,
        name="member_reset",
    ),
]
