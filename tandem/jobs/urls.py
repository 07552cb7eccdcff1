"""Job progress pages, under /programs/ (include this module there with the namespace "jobs")."""

from django.urls import path

from tandem.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/jobs/<int:job>/", views.job_status, name="job"),
]
