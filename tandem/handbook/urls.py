"""The coordinators' handbook pages, under /programs/ (namespace "handbook")."""

from django.urls import path

from tandem.handbook import views

app_name = "handbook"

urlpatterns = [
    path("<int:pk>/handbook/", views.preview, name="preview"),
    path("<int:pk>/handbook/pdf/", views.pdf, name="pdf"),
    path("<int:pk>/handbook/sections/new/", views.section, name="section_new"),
    path("<int:pk>/handbook/sections/<int:section>/", views.section, name="section_edit"),
    path("<int:pk>/handbook/sections/<int:section>/delete/", views.delete, name="section_delete"),
]
