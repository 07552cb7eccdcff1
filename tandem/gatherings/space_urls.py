"""A participant's answer to a common meeting from inside their space: /space/<pk>/common-meetings/…
(namespace "space_meetings"; mounted under the space's prefix next to tandem.mentoring.space_urls)."""

from django.urls import path

from tandem.gatherings import views_space

app_name = "space_meetings"

urlpatterns = [
    path("<int:pk>/common-meetings/<int:invitation>/", views_space.answer, name="answer"),
]
