"""An organisation's library of themes and exercises: /organisations/<pk>/themes/… (namespace "themes")."""

from django.urls import path

from tandem.mentoring import views_staff

app_name = "themes"

urlpatterns = [
    path("<int:pk>/themes/", views_staff.library, name="library"),
    path("<int:pk>/themes/new/", views_staff.library_item, name="item_new"),
    path("<int:pk>/themes/<int:item>/", views_staff.library_item, name="item"),
    path("<int:pk>/themes/<int:item>/archive/", views_staff.library_item_archive, name="item_archive"),
]
