from django.urls import path

from sportloket.funds.views import allocations, downloads, funds, ledger, overview

app_name = "funds"

urlpatterns = [
    path("<slug:loket_slug>/funds/", overview.FundOverviewView.as_view(), name="overview"),
    path(
        "<slug:loket_slug>/funds/export/",
        downloads.OverviewExportView.as_view(),
        name="overview-export",
    ),
    path("<slug:loket_slug>/funds/new/", funds.FundCreateView.as_view(), name="fund-create"),
    path("<slug:loket_slug>/funds/approvals/", ledger.ApprovalsView.as_view(), name="approvals"),
    path(
        "<slug:loket_slug>/funds/360giving.json",
        downloads.GrantsOpenDataView.as_view(),
        name="open-data",
    ),
    path("<slug:loket_slug>/funds/<int:pk>/", ledger.FundLedgerView.as_view(), name="fund-detail"),
    path("<slug:loket_slug>/funds/<int:pk>/edit/", funds.FundEditView.as_view(), name="fund-edit"),
    path(
        "<slug:loket_slug>/funds/<int:pk>/amount/",
        funds.FundAmountView.as_view(),
        name="fund-amount",
    ),
    path(
        "<slug:loket_slug>/funds/<int:pk>/approval/",
        funds.FundApprovalView.as_view(),
        name="fund-approval",
    ),
    path(
        "<slug:loket_slug>/funds/<int:pk>/export/",
        downloads.FundExportView.as_view(),
        name="fund-export",
    ),
    path(
        "<slug:loket_slug>/funds/decisions/<int:pk>/",
        allocations.DecisionFundView.as_view(),
        name="decision-fund",
    ),
    path(
        "<slug:loket_slug>/funds/allocations/<int:pk>/approve/",
        allocations.AllocationApproveView.as_view(),
        name="allocation-approve",
    ),
    path(
        "<slug:loket_slug>/funds/allocations/<int:pk>/reject/",
        allocations.AllocationRejectView.as_view(),
        name="allocation-reject",
    ),
    path(
        "<slug:loket_slug>/funds/allocations/<int:pk>/cancel/",
        allocations.AllocationCancelView.as_view(),
        name="allocation-cancel",
    ),
    path(
        "<slug:loket_slug>/funds/allocations/<int:pk>/pay/",
        allocations.AllocationPayView.as_view(),
        name="allocation-pay",
    ),
]
