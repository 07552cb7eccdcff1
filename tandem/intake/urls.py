"""Staff intake pages, under /programs/ (include this module there with the namespace "intake")."""

from django.urls import path

from tandem.intake import views

app_name = "intake"

urlpatterns = [
    path("<int:pk>/applications/new/", views.intake_home, name="home"),
    path("<int:pk>/applications/new/paper/", views.paper_entry, name="paper"),
    path("<int:pk>/applications/new/interview/", views.interview_entry, name="interview"),
    path("<int:pk>/forms/<str:role>/paper.pdf", views.paper_pdf, name="paper_pdf"),
    path("<int:pk>/applications/import/", views.import_start, name="import"),
    path("<int:pk>/applications/import/template.<str:ext>", views.import_template, name="import_template"),
    path("<int:pk>/applications/import/<str:token>/", views.import_check, name="import_check"),
    path("<int:pk>/applications/import/jobs/<int:job>/", views.import_job, name="import_job"),
]
