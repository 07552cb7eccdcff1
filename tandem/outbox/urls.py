from django.urls import path

from tandem.outbox import views

app_name = "outbox"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/html/", views.message_html, name="html"),
    path("<int:pk>/retry/", views.message_retry, name="retry"),
]
