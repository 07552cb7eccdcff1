from django.contrib.auth import views as auth_views
from django.urls import path

from tandem.accounts.views import auth, invitations, me, organisations

app_name = "accounts"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("me/", me.me, name="me"),
    path("organisations/", organisations.my_organisations, name="organisations"),
    # An organisation's overview, its people page and removing a member show its programs: they are in
    # programs (tandem/programs/organisation_urls.py), under the same /accounts/organisations/<pk>/.
    path(
        "organisations/<int:pk>/people/<int:membership_pk>/grant-admin/",
        organisations.membership_grant_admin,
        name="membership_grant_admin",
    ),
    path(
        "organisations/<int:pk>/people/<int:membership_pk>/revoke-admin/",
        organisations.membership_revoke_admin,
        name="membership_revoke_admin",
    ),
    path(
        "organisations/<int:pk>/settings/", organisations.organisation_settings, name="organisation_settings"
    ),
    path("organisations/<int:pk>/invitations/", invitations.invitations, name="invitations"),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/resend/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
