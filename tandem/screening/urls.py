"""Screening pages under /programs/<pk>/: the review queue, the applicant's record, decision e-mails."""

from django.urls import path

from tandem.screening import views

app_name = "screening"

urlpatterns = [
    path("<int:pk>/applications/", views.queue, name="queue"),
    path("<int:pk>/applications/bulk/", views.bulk, name="bulk"),
    path("<int:pk>/applications/<int:application_id>/", views.application_record, name="record"),
    path("<int:pk>/applications/<int:application_id>/status/", views.change_status, name="change_status"),
    path("<int:pk>/applications/<int:application_id>/notes/", views.add_note, name="add_note"),
    path("<int:pk>/applications/<int:application_id>/duplicate/", views.duplicate, name="duplicate"),
    path(
        "<int:pk>/applications/<int:application_id>/occupation/", views.map_occupation, name="map_occupation"
    ),
    path("<int:pk>/decision-emails/", views.decision_templates, name="decision_templates"),
    path(
        "<int:pk>/decision-emails/<slug:kind>/<str:language>/",
        views.decision_template_edit,
        name="decision_template_edit",
    ),
    path(
        "<int:pk>/decision-emails/<slug:kind>/<str:language>/reset/",
        views.decision_template_reset,
        name="decision_template_reset",
    ),
]
