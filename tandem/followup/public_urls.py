"""The participants' survey pages, without login (namespace "survey"): the personal link
/survey/<token>/ and the on-site short link /f/<code>/."""

from django.urls import path

from tandem.followup import views_public

app_name = "survey"

urlpatterns = [
    path("survey/<str:token>/", views_public.answer, name="answer"),
    path("f/<str:code>/", views_public.onsite_start, name="onsite_start"),
    path("f/<str:code>/answer/", views_public.onsite_answer, name="onsite_answer"),
]
