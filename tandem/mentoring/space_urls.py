"""The participants' space, mounted at /space/ (namespace "space")."""

from django.urls import path

from tandem.mentoring import views_signin, views_space

app_name = "space"

urlpatterns = [
    path("", views_space.index, name="index"),
    path("sign-in/", views_signin.sign_in, name="sign_in"),
    path("sign-in/<str:token>/", views_signin.sign_in_link, name="sign_in_link"),
    path("sign-out/", views_signin.sign_out, name="sign_out"),
    path("language/", views_space.change_language, name="language"),
    path("calendar/<str:token>.ics", views_space.calendar_feed, name="calendar"),
    path("<int:pk>/", views_space.pair, name="pair"),
    path("<int:pk>/goals/", views_space.goals, name="goals"),
    path("<int:pk>/meetings/", views_space.meetings_page, name="meetings"),
    path("<int:pk>/themes/", views_space.themes, name="themes"),
    path("<int:pk>/themes/<int:item>/", views_space.theme, name="theme"),
    path("<int:pk>/help/", views_space.help_page, name="help"),
    path("<int:pk>/settings/", views_space.my_settings, name="settings"),
]
