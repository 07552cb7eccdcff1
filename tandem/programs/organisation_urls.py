"""An organisation's pages that show its programs (`views_organisation.py`), under
/accounts/organisations/<pk>/ beside the rest of the organisation's pages in accounts."""

from django.urls import path

from tandem.programs import views_organisation

app_name = "organisations"

urlpatterns = [
    path("organisations/<int:pk>/", views_organisation.organisation_detail, name="detail"),
    path("organisations/<int:pk>/people/", views_organisation.people, name="people"),
    path(
        "organisations/<int:pk>/people/<int:membership_pk>/remove/",
        views_organisation.membership_remove,
        name="membership_remove",
    ),
]
