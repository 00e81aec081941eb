"""The pages that list allocations with the moves a user may make on them: a fund's ledger (its
amount, the changes of its amount, its allocations and its history) and the approvals waiting
for a partner. The moves themselves are in ``views.allocations``."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views import View

from sportloket.core import selectors as core_selectors
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin
from sportloket.funds import selectors
from sportloket.funds.constants import AllocationState
from sportloket.funds.forms import AmountChangeForm, ApproveForm, CancelForm, PayForm, RejectForm
from sportloket.funds.models import Fund
from sportloket.funds.views.base import PAGE_SIZE, page_number, visible_funds


def allocation_rows(allocations, *, approves, can_manage, failed=None):
    """Each allocation with the forms of the moves this user may make on it (and the refused
    form of the move just tried, with what was typed and why it was refused)."""
    rows = []
    for allocation in allocations:
        forms = {}
        if allocation.state == AllocationState.PROPOSED and approves(allocation):
            forms["approve"] = ApproveForm(allocation=allocation)
            forms["reject"] = RejectForm(allocation=allocation)
        if can_manage and allocation.state == AllocationState.APPROVED:
            forms["pay"] = PayForm(allocation=allocation)
        if can_manage and allocation.state in (AllocationState.PROPOSED, AllocationState.APPROVED):
            forms["cancel"] = CancelForm(allocation=allocation)
        if failed is not None and failed["allocation"].pk == allocation.pk:
            forms[failed["form"].action] = failed["form"]
        rows.append({"allocation": allocation, "forms": forms})
    return rows


def render_ledger(view, fund, *, amount_form=None, failed=None, status=200):
    """The fund's ledger page; with a refused form (of its amount, or of a move of one of its
    allocations) shown where it was sent from."""
    can_manage = view.membership.can(Capability.MANAGE_FUNDS)
    approves = selectors.may_approve(user=view.request.user, fund=fund)
    page = Paginator(selectors.fund_allocations(fund=fund), PAGE_SIZE).get_page(
        page_number(view.request)
    )
    if can_manage and amount_form is None:
        amount_form = AmountChangeForm(initial={"new_cents": fund.amount_cents})
    ctx = {
        "fund": fund,
        "themes": dict(core_selectors.theme_key_choices(loket=view.desk)),
        "page_obj": page,
        "querystring": "",
        "rows": allocation_rows(
            page.object_list, approves=lambda _a: approves, can_manage=can_manage, failed=failed
        ),
        "failed": failed,
        "amount_changes": selectors.fund_amount_changes(fund=fund),
        "amount_form": amount_form,
        "can_manage": can_manage,
        "may_approve": approves,
        "lacks_approver": selectors.lacks_approver(fund=fund),
        "back": "ledger",
    }
    if view.membership.can(Capability.VIEW_HISTORY):
        ctx["history"] = selectors.fund_history(fund=fund, loket=view.desk)
    return render(view.request, "funds/ledger.html", ctx, status=status)


class FundLedgerView(DeskObjectMixin, View):
    """A fund's ledger: amount, committed, paid, available, the changes of its amount and its
    allocations, with the moves the user may make. Only for those who see the fund in detail;
    to others the fund does not exist (404)."""

    capability = Capability.VIEW_FUNDS
    model = Fund

    def get_queryset(self):
        return visible_funds(self)

    def get(self, request, *args, **kwargs):
        return render_ledger(self, self.object)


def render_approvals(view, *, failed=None, status=200):
    """The approvals page; with the refused form of a move just tried on it."""
    pending = selectors.pending_approvals(user=view.request.user, loket=view.desk)
    page = Paginator(pending, PAGE_SIZE).get_page(page_number(view.request))
    ctx = {
        "page_obj": page,
        "querystring": "",
        # Every allocation here waits for this user: pending_approvals is what they approve.
        "rows": allocation_rows(
            page.object_list, approves=lambda _a: True, can_manage=False, failed=failed
        ),
        "failed": failed,
        "represents": view.membership.organisation_id is not None,
        "back": "approvals",
    }
    return render(view.request, "funds/approvals.html", ctx, status=status)


class ApprovalsView(DeskMixin, View):
    """What a partner must approve or reject: the proposed allocations of the funds of the
    organisation they represent, oldest first."""

    capability = Capability.VIEW_FUNDS

    def get(self, request, *args, **kwargs):
        return render_approvals(self)
