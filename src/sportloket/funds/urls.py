from django.urls import path

from sportloket.funds import views

app_name = "funds"

urlpatterns = [
    path("<slug:loket_slug>/funds/", views.FundOverviewView.as_view(), name="overview"),
    path(
        "<slug:loket_slug>/funds/export/",
        views.OverviewExportView.as_view(),
        name="overview-export",
    ),
    path("<slug:loket_slug>/funds/new/", views.FundCreateView.as_view(), name="fund-create"),
    path("<slug:loket_slug>/funds/approvals/", views.ApprovalsView.as_view(), name="approvals"),
    path(
        "<slug:loket_slug>/funds/360giving.json",
        views.GrantsOpenDataView.as_view(),
        name="open-data",
    ),
    path("<slug:loket_slug>/funds/<int:pk>/", views.FundLedgerView.as_view(), name="fund-detail"),
    path("<slug:loket_slug>/funds/<int:pk>/edit/", views.FundEditView.as_view(), name="fund-edit"),
    path(
        "<slug:loket_slug>/funds/<int:pk>/amount/",
        views.FundAmountView.as_view(),
        name="fund-amount",
    ),
    path(
        "<slug:loket_slug>/funds/<int:pk>/approval/",
        views.FundApprovalView.as_view(),
        name="fund-approval",
    ),
    path(
        "<slug:loket_slug>/funds/<int:pk>/export/",
        views.FundExportView.as_view(),
        name="fund-export",
    ),
    path(
        "<slug:loket_slug>/funds/decisions/<int:pk>/",
        views.DecisionFundView.as_view(),
        name="decision-fund",
    ),
    path(
        "<slug:loket_slug>/funds/allocations/<int:pk>/approve/",
        views.AllocationApproveView.as_view(),
        name="allocation-approve",
    ),
    path(
        "<slug:loket_slug>/funds/allocations/<int:pk>/reject/",
        views.AllocationRejectView.as_view(),
        name="allocation-reject",
    ),
    path(
        "<slug:loket_slug>/funds/allocations/<int:pk>/cancel/",
        views.AllocationCancelView.as_view(),
        name="allocation-cancel",
    ),
    path(
        "<slug:loket_slug>/funds/allocations/<int:pk>/pay/",
        views.AllocationPayView.as_view(),
        name="allocation-pay",
    ),
]
