from django.urls import path

from sportloket.quality import views

app_name = "quality"

urlpatterns = [
    path("<slug:loket_slug>/quality/", views.QualityOverviewView.as_view(), name="overview"),
    path("<slug:loket_slug>/quality/rule/", views.RuleView.as_view(), name="rule"),
    path(
        "<slug:loket_slug>/quality/people/<int:pk>/",
        views.PersonView.as_view(),
        name="person",
    ),
    path(
        "<slug:loket_slug>/quality/people/<int:pk>/registrations/new/",
        views.RegistrationCreateView.as_view(),
        name="registration-create",
    ),
    path(
        "<slug:loket_slug>/quality/registrations/<int:pk>/edit/",
        views.RegistrationEditView.as_view(),
        name="registration-edit",
    ),
    path(
        "<slug:loket_slug>/quality/registrations/<int:pk>/end/",
        views.RegistrationEndView.as_view(),
        name="registration-end",
    ),
    path(
        "<slug:loket_slug>/quality/registrations/<int:pk>/evidence/",
        views.EvidenceView.as_view(),
        name="evidence",
    ),
]
