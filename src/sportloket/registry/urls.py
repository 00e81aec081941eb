from django.urls import path

from sportloket.registry.views import network, organisations, participation, people, transfer

app_name = "registry"

urlpatterns = [
    path(
        "<slug:loket_slug>/organisations/",
        organisations.OrganisationListView.as_view(),
        name="organisation-list",
    ),
    path(
        "<slug:loket_slug>/organisations/export/",
        transfer.OrganisationExportView.as_view(),
        name="organisation-export",
    ),
    path(
        "<slug:loket_slug>/organisations/import/",
        transfer.ImportUploadView.as_view(),
        name="import-upload",
    ),
    path(
        "<slug:loket_slug>/imports/<int:pk>/",
        transfer.ImportDetailView.as_view(),
        name="import-detail",
    ),
    path(
        "<slug:loket_slug>/organisations/new/",
        organisations.OrganisationCreateView.as_view(),
        name="organisation-create",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/",
        organisations.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/edit/",
        organisations.OrganisationEditView.as_view(),
        name="organisation-edit",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/people/new/",
        people.PersonRoleCreateView.as_view(),
        name="person-role-create",
    ),
    path(
        "<slug:loket_slug>/roles/<int:pk>/end/",
        people.PersonRoleEndView.as_view(),
        name="person-role-end",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/merge/",
        organisations.OrganisationMergeView.as_view(),
        name="organisation-merge",
    ),
    path(
        "<slug:loket_slug>/organisations/<int:pk>/participate/",
        participation.ParticipationCreateView.as_view(),
        name="participation-create",
    ),
    path("<slug:loket_slug>/network/", network.NetworkOverviewView.as_view(), name="network"),
    path(
        "<slug:loket_slug>/participants/",
        participation.ParticipationListView.as_view(),
        name="participation-list",
    ),
    path(
        "<slug:loket_slug>/participants/<int:pk>/",
        participation.ParticipationDetailView.as_view(),
        name="participation-detail",
    ),
    path(
        "<slug:loket_slug>/participants/<int:pk>/declarations/",
        participation.DeclarationCreateView.as_view(),
        name="declaration-create",
    ),
    path(
        "<slug:loket_slug>/declarations/<int:pk>/document/",
        participation.DeclarationDocumentView.as_view(),
        name="declaration-document",
    ),
    path(
        "<slug:loket_slug>/alignment/", network.AlignmentListView.as_view(), name="alignment-list"
    ),
    path(
        "<slug:loket_slug>/alignment/new/",
        network.AlignmentCreateView.as_view(),
        name="alignment-create",
    ),
    path(
        "<slug:loket_slug>/alignment/<int:pk>/edit/",
        network.AlignmentEditView.as_view(),
        name="alignment-edit",
    ),
]
