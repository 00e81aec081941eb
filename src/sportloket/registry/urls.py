from django.urls import path

from sportloket.registry import views

app_name = "registry"

urlpatterns = [
    path(
        "<slug:loket_slug>/organisations/",
        views.OrganisationListView.as_view(),
        name="organisation-list",
    ),
    path(
        "<slug:loket_slug>/organisations/export/",
        views.OrganisationExportView.as_view(),
        name="organisation-export",
    ),
    path(
        "<slug:loket_slug>/organisations/import/",
        views.ImportUploadView.as_view(),
        name="import-upload",
    ),
    path(
        "<slug:loket_slug>/imports/<int:pk>/",
        views.ImportDetailView.as_view(),
        name="import-detail",
    ),
    path(
        "<slug:loket_slug>/organisations/new/",
        views.OrganisationCreateView.as_view(),
        name="organisation-create",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/edit/",
        views.OrganisationEditView.as_view(),
        name="organisation-edit",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/people/new/",
        views.PersonRoleCreateView.as_view(),
        name="person-role-create",
    ),
    path(
        "<slug:loket_slug>/roles/<int:pk>/end/",
        views.PersonRoleEndView.as_view(),
        name="person-role-end",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/merge/",
        views.OrganisationMergeView.as_view(),
        name="organisation-merge",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/participate/",
        views.ParticipationCreateView.as_view(),
        name="participation-create",
    ),
    path("<slug:loket_slug>/network/", views.NetworkOverviewView.as_view(), name="network"),
    path(
        "<slug:loket_slug>/participants/",
        views.ParticipationListView.as_view(),
        name="participation-list",
    ),
    path(
        "<slug:loket_slug>/participants/<int:pk>/",
        views.ParticipationDetailView.as_view(),
        name="participation-detail",
    ),
    path(
        "<slug:loket_slug>/participants/<int:pk>/declarations/",
        views.DeclarationCreateView.as_view(),
        name="declaration-create",
    ),
    path(
        "<slug:loket_slug>/declarations/<int:pk>/document/",
        views.DeclarationDocumentView.as_view(),
        name="declaration-document",
    ),
    path("<slug:loket_slug>/alignment/", views.AlignmentListView.as_view(), name="alignment-list"),
    path(
        "<slug:loket_slug>/alignment/new/",
        views.AlignmentCreateView.as_view(),
        name="alignment-create",
    ),
    path(
        "<slug:loket_slug>/alignment/<int:pk>/edit/",
        views.AlignmentEditView.as_view(),
        name="alignment-edit",
    ),
]
