"""The weekly digest's link to turn it off, without logging in: /health-digest/<token>/."""

from django.urls import path

from tandem.health import views

app_name = "health_digest"

urlpatterns = [
    path("<str:token>/", views.digest_off, name="off"),
]
