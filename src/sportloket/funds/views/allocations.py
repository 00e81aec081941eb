"""Making and moving allocations: the coordinator commits money to a decision from one or more
funds, and each move of one allocation (approve, reject, cancel, pay) is a POST of its own
from the ledger or the approvals page. Thin: the services decide what may be done."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskObjectMixin, add_service_errors
from sportloket.funds import selectors, services
from sportloket.funds.constants import AllocationState
from sportloket.funds.forms import ALLOCATION_FORMS, DecisionFundForm
from sportloket.funds.models import Allocation, decision_models
from sportloket.funds.views.base import visible_funds
from sportloket.funds.views.ledger import ledger_funds, render_approvals, render_ledger

# The decision a coordinator funds: the decisions app sits above funds (see funds.models).
# URL configurations load after the app registry, so the model is there to read.
Decision, _DecisionOption = decision_models()


class _AllocationActionView(DeskObjectMixin, View):
    """One move of one allocation, as a POST from the ledger or the approvals page. The
    allocation must belong to a fund the user sees (404 otherwise); whether they may make the
    move is the service's to say, shown next to the form like any refusal."""

    capability = Capability.VIEW_FUNDS
    model = Allocation
    action = ""
    done_message = ""

    def get_queryset(self):
        return Allocation.objects.select_related("fund__owner").filter(
            fund__in=visible_funds(self).values("pk")
        )

    def perform(self, allocation, data):
        raise NotImplementedError

    def back_url(self, allocation):
        if self.request.POST.get("back") == "approvals":
            url = reverse("funds:approvals", args=[self.desk.slug])
        else:
            url = reverse("funds:fund-detail", args=[self.desk.slug, allocation.fund_id])
        page = self.request.POST.get("page", "")
        return f"{url}?page={page}" if page.isdigit() else url

    def post(self, request, *args, **kwargs):
        allocation = self.object
        form = ALLOCATION_FORMS[self.action](request.POST, allocation=allocation)
        if form.is_valid():
            try:
                self.perform(allocation, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.done_message)
                return redirect(self.back_url(allocation))
        failed = {"allocation": allocation, "form": form}
        if request.POST.get("back") == "approvals":
            return render_approvals(self, failed=failed, status=400)
        fund = ledger_funds(self).get(pk=allocation.fund_id)
        return render_ledger(self, fund, failed=failed, status=400)


class AllocationApproveView(_AllocationActionView):
    action = "approve"

    def perform(self, allocation, data):
        services.allocation_approve(
            allocation=allocation, actor=self.request.user, note=data["note"]
        )
        self.done_message = _("The allocation was approved.")


class AllocationRejectView(_AllocationActionView):
    action = "reject"

    def perform(self, allocation, data):
        services.allocation_reject(
            allocation=allocation, actor=self.request.user, note=data["note"]
        )
        self.done_message = _("The allocation was rejected; its money returned to the fund.")


class AllocationCancelView(_AllocationActionView):
    action = "cancel"

    def perform(self, allocation, data):
        services.allocation_cancel(
            allocation=allocation, actor=self.request.user, note=data["note"]
        )
        self.done_message = _("The allocation was cancelled; its money returned to the fund.")


class AllocationPayView(_AllocationActionView):
    action = "pay"

    def perform(self, allocation, data):
        services.allocation_pay(
            allocation=allocation,
            paid_cents=data["paid_cents"],
            actor=self.request.user,
            note=data["note"],
        )
        self.done_message = _("The payment was recorded.")


class DecisionFundView(DeskObjectMixin, View):
    """The coordinator commits money to a decision from one or more funds (co-funding): the
    funds in use on the decision's date, with what each has left. Up to a fund's threshold the
    money is approved at once; above it the fund's owner approves it."""

    capability = Capability.MANAGE_FUNDS
    model = Decision
    queryset = Decision.objects.select_related("help_request__organisation", "superseded_by")
    template_name = "funds/decision_fund.html"

    def funds(self):
        on = timezone.localdate(self.object.decided_at)
        return [fund for fund in selectors.desk_funds(loket=self.desk, on=on) if fund.is_active]

    def make_form(self, data=None):
        on = timezone.localdate(self.object.decided_at)
        unapproved = selectors.funds_without_approvers(
            funds=selectors.desk_funds(loket=self.desk, on=on).prefetch_related(None)
        ).values_list("pk", flat=True)
        return DecisionFundForm(data, funds=self.funds(), without_approvers=set(unapproved))

    def render_page(self, form, status=200):
        decision = self.object
        allocations = (
            Allocation.objects.filter(decision=decision)
            .select_related("fund__owner")
            .order_by("created_at", "pk")
        )
        superseded = getattr(decision, "superseded_by", None) is not None
        committed = sum(a.committed_cents for a in allocations)
        # The amount is what the funds pay plus what is paid outside them (the decision
        # states it): the funds' part is the rest, and the service commits no more than that.
        funds_part = decision.amount_cents - decision.outside_cents
        ctx = {
            "decision": decision,
            "help_request": decision.help_request,
            "allocations": allocations,
            "committed_cents": committed,
            "funds_cents": funds_part,
            "left_cents": max(funds_part - committed, 0),
            "superseded": superseded,
            "form": None if superseded else form,
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                made = services.decision_fund(
                    decision=self.object,
                    splits=form.splits(),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                waiting = [a for a in made if a.state == AllocationState.PROPOSED]
                messages.success(
                    request,
                    _("The money was committed.")
                    + (
                        " " + _("Above a fund's threshold its owner approves it first.")
                        if waiting
                        else ""
                    ),
                )
                return redirect("funds:decision-fund", loket_slug=self.desk.slug, pk=self.object.pk)
        return self.render_page(form, status=400)
