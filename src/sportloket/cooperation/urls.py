from django.urls import path

from sportloket.cooperation import views
from sportloket.cooperation.views import federation

app_name = "cooperation"

D = "<slug:loket_slug>/cooperation/"

urlpatterns = [
    path(D, views.CooperationListView.as_view(), name="list"),
    path(f"{D}new/", views.CooperationCreateView.as_view(), name="create"),
    path(f"{D}suggestions/", views.SuggestionListView.as_view(), name="suggestions"),
    path(f"{D}introduce/", views.IntroduceView.as_view(), name="introduce"),
    path(
        f"{D}introductions/<int:pk>/",
        views.IntroductionDetailView.as_view(),
        name="introduction",
    ),
    path(f"{D}agreement/<int:pk>/", views.ConsentView.as_view(), name="consent"),
    path(f"{D}<int:pk>/", views.CooperationDetailView.as_view(), name="detail"),
    path(f"{D}<int:pk>/edit/", views.CooperationEditView.as_view(), name="edit"),
    path(f"{D}<int:pk>/parties/", views.PartyAddView.as_view(), name="party-add"),
    path(f"{D}<int:pk>/status/", views.StatusView.as_view(), name="status"),
    path(f"{D}<int:pk>/links/", views.LinksView.as_view(), name="links"),
    path(f"{D}parties/<int:pk>/remove/", views.PartyRemoveView.as_view(), name="party-remove"),
    # A federation's partner across desks (not under one desk: selectors.federation scopes it).
    path("federation/", federation.FederationView.as_view(), name="federation"),
    path(
        "federation/questions/<int:pk>/",
        federation.FederationQuestionView.as_view(),
        name="federation-question",
    ),
    path(
        "federation/cooperations/<int:pk>/",
        federation.FederationCooperationView.as_view(),
        name="federation-cooperation",
    ),
]
