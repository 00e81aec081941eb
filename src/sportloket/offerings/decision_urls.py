from django.urls import path

from sportloket.offerings import decision_views as views

app_name = "decisions"

urlpatterns = [
    path("<slug:loket_slug>/decisions/", views.DecisionListView.as_view(), name="list"),
    path("<slug:loket_slug>/decisions/monitor/", views.MonitorView.as_view(), name="monitor"),
    path(
        "<slug:loket_slug>/decisions/public/",
        views.PublicDecisionsView.as_view(),
        name="public",
    ),
    path(
        "<slug:loket_slug>/decisions/public.csv",
        views.PublicDecisionsCsvView.as_view(),
        name="public-csv",
    ),
]
