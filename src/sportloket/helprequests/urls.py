from django.urls import path

from sportloket.helprequests import views

app_name = "helprequests"

urlpatterns = [
    path("<slug:loket_slug>/ask/", views.IntakeView.as_view(), name="intake"),
    path("t/<str:token>/", views.TrackingView.as_view(), name="track"),
    path("<slug:loket_slug>/requests/", views.InboxView.as_view(), name="inbox"),
    path(
        "<slug:loket_slug>/requests/figures/",
        views.ResponseFiguresView.as_view(),
        name="response-figures",
    ),
    path(
        "<slug:loket_slug>/requests/notifications/",
        views.RequestMailView.as_view(),
        name="request-mail",
    ),
    path("<slug:loket_slug>/themes/", views.ThemeListView.as_view(), name="theme-list"),
    path("<slug:loket_slug>/themes/<int:pk>/", views.ThemeEditView.as_view(), name="theme-edit"),
    path(
        "<slug:loket_slug>/requests/<int:pk>/",
        views.RequestDetailView.as_view(),
        name="request-detail",
    ),
]
