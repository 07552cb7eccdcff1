"""Coordinators' pages for application forms, and the CV download: /applications/…"""

from django.urls import path

from tandem.applications import converters  # noqa: F401  (registers <lang:…>)
from tandem.applications import views_staff as views

app_name = "applications"

urlpatterns = [
    path("programs/<int:pk>/forms/", views.form_list, name="form_list"),
    path("programs/<int:pk>/forms/create/", views.form_create, name="form_create"),
    path("programs/<int:pk>/place-offers/", views.place_offers, name="place_offers"),
    path("forms/<int:pk>/", views.form_settings, name="form_settings"),
    path("forms/<int:pk>/address-limit/", views.form_address_limit, name="form_address_limit"),
    path("forms/<int:pk>/questions/", views.questions, name="questions"),
    path("forms/<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("forms/<int:pk>/questions/add-builtin/", views.builtin_add, name="builtin_add"),
    path("forms/<int:pk>/translations/", views.translations, name="translations"),
    path("forms/<int:pk>/translations/<lang:lang>/", views.translation_edit, name="translation_edit"),
    path("forms/<int:pk>/consent/", views.consent, name="consent"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("questions/<int:pk>/remove/", views.question_remove, name="question_remove"),
    path("<int:pk>/cv/", views.cv_download, name="cv"),
]
