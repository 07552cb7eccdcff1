from django.urls import path

from tandem.audit import views

app_name = "audit"

urlpatterns = [
    path("<int:pk>/", views.audit_search, name="search"),
    path("<int:pk>/report/", views.breach_report, name="report"),
    path("<int:pk>/report.xlsx", views.breach_report_xlsx, name="report_xlsx"),
]
