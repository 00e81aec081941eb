"""The pages that list allocations with the moves a user may make on them: a fund's ledger (its
amount, the changes of its amount, its allocations and its history) and the approvals waiting
for a partner. The moves themselves are in ``views.allocations``."""

from types import SimpleNamespace

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views import View

from sportloket.core.money import for_input
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin
from sportloket.funds import selectors
from sportloket.funds.constants import AllocationState
from sportloket.funds.forms import AmountChangeForm, ApproveForm, CancelForm, PayForm, RejectForm
from sportloket.funds.models import Fund
from sportloket.funds.views.base import PAGE_SIZE, page_number, pk_url, visible_funds


class _BlankForms:
    """The empty forms of the rows, each kind rendered once per page: an allocation's form
    differs from another's of its kind only in its fields' ids (and, to pay, in the amount it
    starts from), so the rendering of a stand-in is copied with the row's own filled in. Form
    rendering (the field, label and widget templates of every field) would otherwise take
    most of a page of 25 allocations."""

    ROW = "__allocation__"
    AMOUNT = 8_765_432_198  # cents no allocation holds: its rendering is found and replaced

    def __init__(self):
        self._rendered = {}

    def __call__(self, form_class, allocation) -> str:
        rendered = self._rendered.get(form_class)
        if rendered is None:
            stand_in = SimpleNamespace(pk=self.ROW, amount_cents=self.AMOUNT)
            rendered = self._rendered[form_class] = str(form_class(allocation=stand_in))
        html = rendered.replace(self.ROW, str(allocation.pk))
        if form_class is PayForm:
            html = html.replace(
                f'value="{for_input(self.AMOUNT)}"', f'value="{for_input(allocation.amount_cents)}"'
            )
        return mark_safe(html)  # noqa: S308 - the form's rendering, with an id and an amount


# The links of an allocation's row: its moves, its fund, its decision's money, its question.
_ROW_URLS = {
    "approve": "funds:allocation-approve",
    "reject": "funds:allocation-reject",
    "pay": "funds:allocation-pay",
    "cancel": "funds:allocation-cancel",
    "fund": "funds:fund-detail",
    "decision_fund": "funds:decision-fund",
    "question": "helprequests:request-detail",
}


def _row_urls(allocation, urls) -> dict:
    keys = {"fund": allocation.fund_id, "decision_fund": allocation.decision_id}
    keys["question"] = allocation.decision.help_request_id
    return {name: url(keys.get(name, allocation.pk)) for name, url in urls.items()}


def allocation_rows(allocations, *, slug, approves, can_manage, failed=None):
    """Each allocation with the forms of the moves this user may make on it, rendered (and
    the refused form of the move just tried, with what was typed and why it was refused),
    and its links (at the desk ``slug``)."""
    blank = _BlankForms()
    urls = {name: pk_url(url_name, slug) for name, url_name in _ROW_URLS.items()}
    rows = []
    for allocation in allocations:
        forms = {}
        if allocation.state == AllocationState.PROPOSED and approves(allocation):
            forms["approve"] = blank(ApproveForm, allocation)
            forms["reject"] = blank(RejectForm, allocation)
        if can_manage and allocation.state == AllocationState.APPROVED:
            forms["pay"] = blank(PayForm, allocation)
        if can_manage and allocation.state in (AllocationState.PROPOSED, AllocationState.APPROVED):
            forms["cancel"] = blank(CancelForm, allocation)
        if failed is not None and failed["allocation"].pk == allocation.pk:
            forms[failed["form"].action] = failed["form"]
        rows.append({"allocation": allocation, "forms": forms, "urls": _row_urls(allocation, urls)})
    return rows


def ledger_funds(view):
    """The funds the view's user sees in detail, as the ledger reads one
    (``selectors.for_ledger``): the queryset of the views that render it."""
    return selectors.for_ledger(visible_funds(view), user=view.request.user)


def render_ledger(view, fund, *, amount_form=None, failed=None, status=200):
    """The fund's ledger page (``fund`` read by ``ledger_funds``); with a refused form (of its
    amount, or of a move of one of its allocations) shown where it was sent from."""
    can_manage = view.membership.can(Capability.MANAGE_FUNDS)
    approves = fund.user_approves
    paginator = Paginator(selectors.fund_allocations(fund=fund), PAGE_SIZE)
    paginator.count = fund.allocation_count  # counted with the fund
    page = paginator.get_page(page_number(view.request))
    if can_manage and amount_form is None:
        amount_form = AmountChangeForm(initial={"new_cents": fund.amount_cents})
    ctx = {
        "fund": fund,
        "page_obj": page,
        "querystring": "",
        "rows": allocation_rows(
            page.object_list,
            slug=view.desk.slug,
            approves=lambda _a: approves,
            can_manage=can_manage,
            failed=failed,
        ),
        "failed": failed,
        "amount_changes": selectors.fund_amount_changes(fund=fund),
        "amount_form": amount_form,
        "can_manage": can_manage,
        "may_approve": approves,
        "lacks_approver": fund.approval_threshold_cents is not None and not fund.has_approver,
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
        return ledger_funds(self)

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
            page.object_list,
            slug=view.desk.slug,
            approves=lambda _a: True,
            can_manage=False,
            failed=failed,
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
