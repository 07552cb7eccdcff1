from django.urls import path

from tandem.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create, name="create"),
    path("<int:pk>/", views.program_overview, name="overview"),
    path("<int:pk>/setup/<slug:step>/", views.setup_step, name="setup"),
    path("<int:pk>/state/", views.change_state, name="change_state"),
    path("<int:pk>/copy/", views.program_copy, name="copy"),
]
