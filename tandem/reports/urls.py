"""The reports of a program: /programs/<pk>/dashboard/, /programs/<pk>/funder-reports/ … (namespace
"reports")."""

from django.urls import path

from tandem.reports import views, views_exports, views_funder

app_name = "reports"

urlpatterns = [
    path("<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/costs/", views_funder.costs, name="costs"),
    path("<int:pk>/funder-reports/", views_funder.report_list, name="funder_reports"),
    path("<int:pk>/funder-reports/<int:report>/", views_funder.report_detail, name="funder_report"),
    path(
        "<int:pk>/funder-reports/<int:report>/report.<str:file_format>",
        views_funder.report_file,
        name="funder_report_file",
    ),
    path(
        "<int:pk>/funder-reports/<int:report>/participants/",
        views_funder.participant_list,
        name="participant_list",
    ),
    path("<int:pk>/exports/", views_exports.export_list, name="exports"),
    path("<int:pk>/exports/<int:job>/file", views_exports.export_download, name="export_download"),
]
