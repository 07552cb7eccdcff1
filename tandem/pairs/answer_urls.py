"""The participants' answer page, without login: /pair-answer/<token>/"""

from django.urls import path

from tandem.pairs import views_answer

app_name = "pair_answer"

urlpatterns = [
    path("<str:token>/", views_answer.answer, name="answer"),
]
