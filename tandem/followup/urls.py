"""The coordinators' follow-up pages: /programs/<pk>/follow-up/… (namespace "followup")."""

from django.urls import path

from tandem.followup import views

app_name = "followup"

urlpatterns = [
    path("<int:pk>/follow-up/", views.index, name="index"),
    path("<int:pk>/follow-up/settings/", views.save_settings, name="settings"),
    path("<int:pk>/follow-up/plan/", views.plan, name="plan"),
    path("<int:pk>/follow-up/surveys/copy/", views.copy, name="copy"),
    path("<int:pk>/follow-up/consent-question/", views.add_consent_question, name="consent_question"),
    path("<int:pk>/follow-up/surveys/<int:survey>/", views.survey, name="survey"),
    path("<int:pk>/follow-up/surveys/<int:survey>/questions/new/", views.question_new, name="question_new"),
    path(
        "<int:pk>/follow-up/surveys/<int:survey>/questions/<slug:key>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "<int:pk>/follow-up/surveys/<int:survey>/questions/<slug:key>/move/",
        views.question_move,
        name="question_move",
    ),
    path(
        "<int:pk>/follow-up/surveys/<int:survey>/questions/<slug:key>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path("<int:pk>/follow-up/rounds/<int:round>/", views.round_detail, name="round"),
    path("<int:pk>/follow-up/rounds/<int:round>/results/", views.round_results, name="results"),
    path("<int:pk>/follow-up/rounds/<int:round>/cohorts/", views.round_cohorts, name="cohorts"),
    path("<int:pk>/follow-up/rounds/<int:round>/goal-measures/", views.goal_measures, name="goal_measures"),
    path("<int:pk>/follow-up/rounds/<int:round>/answers.csv", views.round_export, {"fmt": "csv"}, name="csv"),
    path(
        "<int:pk>/follow-up/rounds/<int:round>/answers.xlsx", views.round_export, {"fmt": "xlsx"}, name="xlsx"
    ),
    path("<int:pk>/follow-up/rounds/<int:round>/open/", views.round_open, name="round_open"),
    path("<int:pk>/follow-up/rounds/<int:round>/on-site/", views.round_qr, name="round_qr"),
    path(
        "<int:pk>/follow-up/rounds/<int:round>/invitations/<int:invitation>/enter/",
        views.enter,
        name="enter",
    ),
]
