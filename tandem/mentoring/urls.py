"""The coordinators' mentoring pages: /programs/<pk>/mentoring/… (namespace "mentoring")."""

from django.urls import path

from tandem.mentoring import views_staff

app_name = "mentoring"

urlpatterns = [
    path("<int:pk>/mentoring/<int:mentorship>/", views_staff.pair, name="pair"),
]
