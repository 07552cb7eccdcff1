"""The coordinators' common meetings: /programs/<pk>/meetings/… (namespace "gatherings")."""

from django.urls import path

from tandem.gatherings import views

app_name = "gatherings"

urlpatterns = [
    path("<int:pk>/meetings/", views.meeting_list, name="list"),
    path("<int:pk>/meetings/from-plan/", views.from_plan, name="from_plan"),
    path("<int:pk>/meetings/new/", views.new, name="new"),
    path("<int:pk>/meetings/<int:gathering>/", views.detail, name="detail"),
    path("<int:pk>/meetings/<int:gathering>/edit/", views.edit, name="edit"),
    path("<int:pk>/meetings/<int:gathering>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/meetings/<int:gathering>/invite/", views.invite, name="invite"),
    path("<int:pk>/meetings/<int:gathering>/check-in/", views.check_in_page, name="check_in"),
    path("<int:pk>/meetings/<int:gathering>/check-in/<int:invitation>/", views.check_in, name="check_in_one"),
    path("<int:pk>/meetings/<int:gathering>/walk-in/", views.walk_in, name="walk_in"),
    path("<int:pk>/meetings/<int:gathering>/list.pdf", views.attendance_pdf, name="pdf"),
    path("<int:pk>/meetings/<int:gathering>/list.xlsx", views.attendance_xlsx, name="xlsx"),
]
