from django.urls import path

from sportloket.offerings import views

app_name = "national-offerings"

urlpatterns = [
    path("national/offerings/", views.NationalOfferingListView.as_view(), name="list"),
    path("national/offerings/new/", views.NationalOfferingCreateView.as_view(), name="create"),
    path(
        "national/offerings/<int:pk>/edit/",
        views.NationalOfferingEditView.as_view(),
        name="edit",
    ),
]
