"""The decision pages' addresses: deciding on a question, the weights, an offering's page, the
desk's decisions, the monitor and the public register (page and CSV)."""

from django.urls import path

from sportloket.decisions import register_views, shared_views, views

app_name = "decisions"

urlpatterns = [
    path(
        "<slug:loket_slug>/requests/<int:pk>/decide/",
        views.DecideView.as_view(),
        name="request-decide",
    ),
    path("<slug:loket_slug>/offerings/weights/", views.WeightsView.as_view(), name="weights"),
    # The offering's page shows its use in decisions and the funds that may pay for it, so it
    # is composed here, above the catalogue (offerings) and the funds.
    path(
        "<slug:loket_slug>/offerings/<int:pk>/",
        views.OfferingDetailView.as_view(),
        name="offering-detail",
    ),
    # The questions shared with partners, read-only, with their decisions: composed here,
    # above the questions and the funds (see decisions.shared_views).
    path(
        "<slug:loket_slug>/shared-questions/",
        shared_views.SharedRequestListView.as_view(),
        name="shared-requests",
    ),
    path(
        "<slug:loket_slug>/shared-questions/<int:pk>/",
        shared_views.SharedRequestView.as_view(),
        name="shared-request",
    ),
    path("<slug:loket_slug>/decisions/", views.DecisionListView.as_view(), name="list"),
    path("<slug:loket_slug>/decisions/monitor/", views.MonitorView.as_view(), name="monitor"),
    path(
        "<slug:loket_slug>/decisions/public/",
        register_views.PublicDecisionsView.as_view(),
        name="public",
    ),
    path(
        "<slug:loket_slug>/decisions/public.csv",
        register_views.PublicDecisionsCsvView.as_view(),
        name="public-csv",
    ),
]
