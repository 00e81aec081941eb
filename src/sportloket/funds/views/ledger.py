"""The pages that list allocations with the moves a user may make on them: a fund's ledger (its
amount, the changes of its amount, its allocations and its history) and the approvals waiting
for a partner. The moves themselves are in ``views.allocations``."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views import View

from sportloket.core.fragments import RenderedOnce
from sportloket.core.money import for_input
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin
from sportloket.funds import lines, selectors
from sportloket.funds.forms import AmountChangeForm
from sportloket.funds.models import Fund
from sportloket.funds.views.base import PAGE_SIZE, page_number, visible_funds
from sportloket.funds.views.rows import allocation_rows

# The blank form to change a fund's amount, rendered once per process and language with a
# stand-in amount (cents no fund holds), which each ledger replaces with its fund's.
_AMOUNT_FORMS = RenderedOnce(size=8)
_STAND_IN = 8_765_432_198


def _amount_fields(refused, fund, *, can_manage):
    """The fields of the form to change the fund's amount: a ``refused`` form as it was sent
    (with what was typed and why it was refused), else for those who manage the funds the
    blank form starting from the fund's amount; else none."""
    if refused is not None:
        return refused
    if not can_manage:
        return None
    blank = _AMOUNT_FORMS.get(
        ("blank",), lambda: str(AmountChangeForm(initial={"new_cents": _STAND_IN}))
    )
    value = f'value="{for_input(_STAND_IN)}"'
    return mark_safe(blank.replace(value, f'value="{for_input(fund.amount_cents)}"'))  # noqa: S308


def ledger_funds(view):
    """The funds the view's user sees in detail, as the ledger reads one
    (``selectors.for_ledger``): the queryset of the views that render it."""
    return selectors.for_ledger(visible_funds(view))


def render_ledger(view, fund, *, amount_form=None, failed=None, status=200):
    """The fund's ledger page (``fund`` read by ``ledger_funds``); with a refused form (of its
    amount, or of a move of one of its allocations) shown where it was sent from."""
    can_manage = view.membership.can(Capability.MANAGE_FUNDS)
    approves = selectors.member_approves(view.membership, fund)
    # A page of the allocations' pks, unread: the page's lines read it as a subquery.
    paginator = Paginator(lines.ledger_keys(fund=fund), PAGE_SIZE)
    paginator.count = fund.allocation_count  # counted with the fund
    page = paginator.get_page(page_number(view.request))
    page.object_list = lines.page_lines(page.object_list)
    ctx = {
        "fund": fund,
        "page_obj": page,
        "querystring": "",
        "rows": allocation_rows(
            page.object_list,
            view=view,
            back="ledger",
            page=page.number,
            approves=approves,
            can_manage=can_manage,
            failed=failed,
        ),
        "failed": failed,
        "amount_changes": selectors.fund_amount_changes(fund=fund),
        "amount_form": amount_form,
        "amount_fields": _amount_fields(amount_form, fund, can_manage=can_manage),
        "can_manage": can_manage,
        "may_approve": approves,
        "lacks_approver": fund.approval_threshold_cents is not None and not fund.has_approver,
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
            lines.lines_of(page.object_list),
            view=view,
            back="approvals",
            page=page.number,
            approves=True,
            can_manage=False,
            for_approver=True,
            failed=failed,
        ),
        "failed": failed,
        "represents": view.membership.organisation_id is not None,
    }
    return render(view.request, "funds/approvals.html", ctx, status=status)


class ApprovalsView(DeskMixin, View):
    """What a partner must approve or reject: the proposed allocations of the funds of the
    organisation they represent, oldest first."""

    capability = Capability.VIEW_FUNDS

    def get(self, request, *args, **kwargs):
        return render_approvals(self)
