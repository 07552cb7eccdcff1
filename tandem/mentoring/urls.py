"""The coordinators' mentoring pages: /programs/<pk>/mentoring/… (namespace "mentoring")."""

from django.urls import path

from tandem.mentoring import views_staff

app_name = "mentoring"

urlpatterns = [
    path("<int:pk>/mentoring/<int:mentorship>/", views_staff.pair, name="pair"),
    path("<int:pk>/mentoring/<int:mentorship>/log-meeting/", views_staff.log_meeting, name="log_meeting"),
]
