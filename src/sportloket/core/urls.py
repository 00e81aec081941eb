from django.urls import path

from sportloket.core import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<slug:loket_slug>/", views.DeskPublicView.as_view(), name="desk-public"),
    path("<slug:loket_slug>/team/", views.TeamListView.as_view(), name="team"),
    path("<slug:loket_slug>/team/add/", views.MembershipAddView.as_view(), name="membership-add"),
    path(
        "<slug:loket_slug>/team/<int:pk>/",
        views.MembershipDetailView.as_view(),
        name="membership-detail",
    ),
    path(
        "<slug:loket_slug>/team/<int:pk>/end/",
        views.MembershipEndView.as_view(),
        name="membership-end",
    ),
    path("<slug:loket_slug>/settings/", views.DeskSettingsView.as_view(), name="desk-settings"),
]
