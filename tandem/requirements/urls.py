"""The requirement-profile editor, under /programs/<pk>/requirements/<role>/."""

from django.urls import path

from tandem.requirements import views

app_name = "requirements"

urlpatterns = [
    path("<int:pk>/requirements/<slug:role>/", views.profile, name="profile"),
    path("<int:pk>/requirements/<slug:role>/add/", views.criterion_add, name="add"),
    path("<int:pk>/requirements/<slug:role>/preview/", views.preview, name="preview"),
    path("<int:pk>/requirements/<slug:role>/occupations/", views.occupations, name="occupations"),
    path("<int:pk>/requirements/<slug:role>/<int:criterion_id>/", views.criterion_edit, name="edit"),
    path(
        "<int:pk>/requirements/<slug:role>/<int:criterion_id>/remove/", views.criterion_remove, name="remove"
    ),
]
