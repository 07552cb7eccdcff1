"""An organisation's programs at a glance: /organisations/<pk>/health/ (namespace "organisation_health")."""

from django.urls import path

from tandem.health import views

app_name = "organisation_health"

urlpatterns = [
    path("<int:pk>/health/", views.organisation_health, name="page"),
]
