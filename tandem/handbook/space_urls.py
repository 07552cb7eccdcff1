"""The handbook in the participants' space, under /space/ (namespace "handbook_space")."""

from django.urls import path

from tandem.handbook import views_space

app_name = "handbook_space"

urlpatterns = [
    path("<int:pk>/handbook/", views_space.page, name="page"),
    path("<int:pk>/handbook/pdf/", views_space.pdf, name="pdf"),
]
