"""The coordinators' mentoring pages: /programs/<pk>/mentoring/… (namespace "mentoring")."""

from django.urls import path

from tandem.mentoring import views_staff

app_name = "mentoring"

urlpatterns = [
    path("<int:pk>/mentoring/", views_staff.mentorship_list, name="list"),
    path("<int:pk>/mentoring/themes/", views_staff.program_themes, name="themes"),
    path("<int:pk>/mentoring/<int:mentorship>/", views_staff.pair, name="pair"),
    path(
        "<int:pk>/mentoring/<int:mentorship>/help/<int:help_request>/handled/",
        views_staff.help_handled,
        name="help_handled",
    ),
    path("<int:pk>/mentoring/<int:mentorship>/notes/", views_staff.add_note, name="add_note"),
    path("<int:pk>/mentoring/<int:mentorship>/pause/", views_staff.pause, name="pause"),
    path("<int:pk>/mentoring/<int:mentorship>/end/", views_staff.end, name="end"),
    path("<int:pk>/mentoring/<int:mentorship>/log-meeting/", views_staff.log_meeting, name="log_meeting"),
]
