"""The public application form, without login: /apply/<form>/<language>/…"""

from django.urls import path

from tandem.applications import converters  # noqa: F401  (registers <lang:…> and <page:…>)
from tandem.applications import views_public as views

app_name = "apply"

urlpatterns = [
    path("withdraw/<slug:token>/", views.withdraw, name="withdraw"),
    path("offer/<slug:token>/", views.place_offer, name="offer"),
    path("<slug:slug>/", views.start, name="start"),
    path("<slug:slug>/<lang:lang>/", views.landing, name="landing"),
    path("<slug:slug>/<lang:lang>/step/<page:page>/", views.step, name="step"),
    path("<slug:slug>/<lang:lang>/summary/", views.summary, name="summary"),
    path("<slug:slug>/<lang:lang>/sent/", views.sent, name="sent"),
    path("<slug:slug>/<lang:lang>/occupations/", views.occupation_suggestions, name="occupations"),
]
