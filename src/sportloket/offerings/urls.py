from django.urls import path

from sportloket.offerings import views

app_name = "offerings"

urlpatterns = [
    path(
        "<slug:loket_slug>/offerings/",
        views.OfferingListView.as_view(),
        name="offering-list",
    ),
    path(
        "<slug:loket_slug>/offerings/new/",
        views.OfferingCreateView.as_view(),
        name="offering-create",
    ),
    path(
        "<slug:loket_slug>/offerings/<int:pk>/edit/",
        views.OfferingEditView.as_view(),
        name="offering-edit",
    ),
]
