"""The reports of a program: /programs/<pk>/dashboard/ … (namespace "reports")."""

from django.urls import path

from tandem.reports import views

app_name = "reports"

urlpatterns = [
    path("<int:pk>/dashboard/", views.dashboard, name="dashboard"),
]
