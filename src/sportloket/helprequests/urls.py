from django.urls import path

from sportloket.helprequests import views

app_name = "helprequests"

urlpatterns = [
    path("<slug:loket_slug>/ask/", views.IntakeView.as_view(), name="intake"),
    path("t/<str:token>/", views.TrackingView.as_view(), name="track"),
]
