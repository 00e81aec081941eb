from django.urls import path

from sportloket.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<slug:loket_slug>/jobs/<int:pk>/", views.JobDetailView.as_view(), name="job-detail"),
    path(
        "<slug:loket_slug>/jobs/<int:pk>/download/",
        views.JobFileView.as_view(),
        name="job-download",
    ),
]
