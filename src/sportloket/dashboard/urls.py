from django.urls import path

from sportloket.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("<slug:loket_slug>/dashboard/", views.DeskDashboardView.as_view(), name="desk"),
]
