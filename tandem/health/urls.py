"""Program health: /programs/<pk>/health/… (namespace "health")."""

from django.urls import path

from tandem.health import views

app_name = "health"

urlpatterns = [
    path("<int:pk>/health/", views.program_health, name="program"),
    path("<int:pk>/health/<int:mentorship>/follow-up/", views.mark, name="mark"),
]
