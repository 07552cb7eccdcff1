"""The invitee's answer page, without login: /meeting-answer/<token>/ (namespace "rsvp")."""

from django.urls import path

from tandem.gatherings import views_rsvp

app_name = "rsvp"

urlpatterns = [
    path("<str:token>/", views_rsvp.answer, name="answer"),
]
