from django.urls import path

from sportloket.registry import views

app_name = "registry"

urlpatterns = [
    path(
        "<slug:loket_slug>/organisations/",
        views.OrganisationListView.as_view(),
        name="organisation-list",
    ),
    path(
        "<slug:loket_slug>/organisations/new/",
        views.OrganisationCreateView.as_view(),
        name="organisation-create",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/edit/",
        views.OrganisationEditView.as_view(),
        name="organisation-edit",
    ),
]
