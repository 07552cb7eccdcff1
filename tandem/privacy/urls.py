from django.urls import path

from tandem.privacy import views

app_name = "privacy"

urlpatterns = [
    path("programs/<int:pk>/retention/", views.retention_page, name="retention"),
    path("programs/<int:pk>/retention/<int:application>/extend/", views.extend, name="extend"),
    path("programs/<int:pk>/people/<int:application>/export/", views.export_page, name="export"),
    path("programs/<int:pk>/people/<int:application>/export.json", views.export_json, name="export_json"),
    path("programs/<int:pk>/people/<int:application>/export.zip", views.export_zip, name="export_zip"),
    path("programs/<int:pk>/people/<int:application>/erase/", views.erase, name="erase"),
    path("organisations/<int:pk>/record/", views.record_page, name="record"),
    path("forget/<str:token>/", views.forget, name="forget"),
]
