from django.urls import path

from sportloket.contacts import views

app_name = "contacts"

urlpatterns = [
    path("<slug:loket_slug>/contacts/", views.ContactListView.as_view(), name="contact-list"),
    path(
        "<slug:loket_slug>/contacts/new/",
        views.ContactCreateView.as_view(),
        name="contact-create",
    ),
    path(
        "<slug:loket_slug>/contacts/<int:pk>/",
        views.ContactDetailView.as_view(),
        name="contact-detail",
    ),
    path(
        "<slug:loket_slug>/contacts/<int:pk>/edit/",
        views.ContactEditView.as_view(),
        name="contact-edit",
    ),
    path(
        "<slug:loket_slug>/contacts/work-list/",
        views.WorkListView.as_view(),
        name="work-list",
    ),
    path("<slug:loket_slug>/contacts/plan/", views.PlanView.as_view(), name="plan"),
    path(
        "<slug:loket_slug>/contacts/coverage/",
        views.CoverageView.as_view(),
        name="coverage",
    ),
    path("<slug:loket_slug>/contacts/policy/", views.PolicyView.as_view(), name="policy"),
    path(
        "<slug:loket_slug>/contacts/account-holders/<int:pk>/remove/",
        views.AccountHolderRemoveView.as_view(),
        name="account-holder-remove",
    ),
]
