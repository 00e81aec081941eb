"""The funds pages: the desk's money overview, a fund's ledger with the moves of its
allocations, the approvals waiting for a partner, the fund forms, the exports and the public
360Giving file. Thin: the selectors decide who sees what, the services decide what may be
done."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import selectors as core_selectors
from sportloket.core.models import Loket
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.decisions.models import Decision
from sportloket.funds import exports, open_data, selectors, services
from sportloket.funds.constants import AllocationState
from sportloket.funds.forms import (
    ALLOCATION_FORMS,
    AmountChangeForm,
    ApprovalRulesForm,
    ApproveForm,
    CancelForm,
    DecisionFundForm,
    FundForm,
    PayForm,
    RejectForm,
    YearFilterForm,
)
from sportloket.funds.models import Allocation, Fund
from sportloket.registry import selectors as registry_selectors
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationKind, OrganisationStatus

PAGE_SIZE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def owner_choices(loket):
    """Who may own a fund of this desk: the supporting organisations in its register
    (municipalities, funds, federations, ...), not the providers the money is for."""
    return (
        registry_selectors.desk_organisations(loket=loket)
        .exclude(kind__in=PROVIDER_KINDS)
        .filter(status=OrganisationStatus.ACTIVE)
        .select_related(None)
        .prefetch_related(None)
    )


def _page_number(request):
    return request.POST.get("page") or request.GET.get("page")


def _download(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- the overview ---------------------------------------------------------------------------


def _label_rows(rows, key, label):
    """The selector's rows of spending with one readable label each."""
    return [
        {
            "label": label(row),
            "key": row[key],
            "committed_cents": row["committed_cents"],
            "paid_cents": row["paid_cents"],
            "allocations": row["allocations"],
        }
        for row in rows
    ]


def readable_overview(overview) -> dict:
    """``selectors.desk_overview`` with a label per row, for the page and the exports."""
    theme = "decision__help_request__themes__name"
    kind = "decision__help_request__organisation__kind"
    code = "decision__help_request__organisation__municipality__code"
    name = "decision__help_request__organisation__municipality__name"
    kinds = dict(OrganisationKind.choices)
    return {
        "totals": overview["totals"],
        "per_theme": _label_rows(
            overview["per_theme"],
            "decision__help_request__themes__key",
            lambda row: row[theme] or _("No theme"),
        ),
        "per_provider_kind": _label_rows(
            overview["per_provider_kind"],
            kind,
            lambda row: (
                str(kinds.get(row[kind], row[kind]))
                if row[kind]
                else _("Not linked to the register")
            ),
        ),
        "per_municipality": _label_rows(
            overview["per_municipality"],
            code,
            lambda row: f"{row[name]} ({row[code]})" if row[code] else _("No municipality known"),
        ),
        "per_fund": overview["per_fund"],
    }


class FundOverviewView(DeskMixin, TemplateView):
    """The desk's money at a glance: every role with the overview sees the totals and where
    the money goes; the funds in detail only those who may see them (coordinators all,
    partners their own organisation's)."""

    capability = Capability.VIEW_FUNDS
    template_name = "funds/overview.html"

    def period(self):
        this_year = timezone.localdate().year
        form = YearFilterForm(
            self.request.GET or None,
            years=selectors.fund_years(loket=self.desk),
            initial={"year": str(this_year)},
        )
        year = form.chosen_year(default=this_year)
        period = (datetime.date(year, 1, 1), datetime.date(year, 12, 31)) if year else None
        return form, year, period

    def overview(self, period):
        return readable_overview(
            selectors.desk_overview(loket=self.desk, period=period, user=self.request.user)
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, year, period = self.period()
        funds = selectors.funds_for_user(user=self.request.user, loket=self.desk)
        if period is not None:
            funds = funds.overlapping(*period)
        page = Paginator(funds, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        export_query = query.copy()
        export_query.setlist("year", [str(year) if year else YearFilterForm.ALL])
        ctx.update(
            filter_form=form,
            year=year,
            overview=self.overview(period),
            page_obj=page,
            querystring=query.urlencode(),
            export_querystring=export_query.urlencode(),
            sees_funds=self.membership.can(Capability.MANAGE_FUNDS)
            or bool(self.membership.organisation_id),
            pending=selectors.pending_approvals(user=self.request.user, loket=self.desk).count(),
            without_approvers=selectors.funds_without_approvers(funds=funds).prefetch_related(None),
        )
        return ctx


class OverviewExportView(FundOverviewView):
    """The overview of the chosen year as CSV (for Excel) or XLSX, scoped as the page."""

    def get(self, request, *args, **kwargs):
        _form, year, period = self.period()
        overview = self.overview(period)
        stamp = timezone.localdate().isoformat()
        name = f"fondsen-{self.desk.slug}-{year or 'alle-jaren'}-{stamp}"
        if request.GET.get("format") == "xlsx":
            return _download(
                exports.overview_xlsx(overview), content_type=XLSX, filename=f"{name}.xlsx"
            )
        return _download(
            exports.overview_csv(overview),
            content_type="text/csv; charset=utf-8",
            filename=f"{name}.csv",
        )


# --- creating and changing funds ------------------------------------------------------------


class _FundFormMixin:
    capability = Capability.MANAGE_FUNDS
    template_name = "funds/fund_form.html"

    def make_form(self, data=None, instance=None):
        return FundForm(
            data,
            instance=instance if instance is not None else Fund(loket=self.desk),
            organisations=owner_choices(self.desk),
            themes=core_selectors.theme_key_choices(loket=self.desk),
        )

    def render_form(self, form, status=200):
        fund = getattr(self, "object", None)
        ctx = {
            "form": form,
            "fund": fund,
            # Then raising the threshold or changing the owner is the representatives' to do.
            "owner_represented": fund is not None and selectors.fund_approvers(fund=fund).exists(),
        }
        return render(self.request, self.template_name, ctx, status=status)


class FundCreateView(_FundFormMixin, DeskMixin, View):
    def get(self, request, *args, **kwargs):
        this_year = timezone.localdate().year
        form = self.make_form()
        form.initial.update(
            starts_on=datetime.date(this_year, 1, 1), ends_on=datetime.date(this_year, 12, 31)
        )
        return self.render_form(form)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                fund = services.fund_create(
                    loket=self.desk, actor=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The fund %(fund)s was added.") % {"fund": fund})
                return redirect("funds:fund-detail", loket_slug=self.desk.slug, pk=fund.pk)
        return self.render_form(form, status=400)


class FundEditView(_FundFormMixin, DeskObjectMixin, View):
    model = Fund

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form(instance=self.object))

    def post(self, request, *args, **kwargs):
        # The form works on its own copy: a refused edit must not show in the page heading.
        form = self.make_form(request.POST, instance=Fund.objects.get(pk=self.object.pk))
        if form.is_valid():
            try:
                services.fund_update(
                    fund=self.object, actor=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("funds:fund-detail", loket_slug=self.desk.slug, pk=self.object.pk)
        return self.render_form(form, status=400)


# --- a fund's ledger and the moves of its allocations ----------------------------------------


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


def _visible_funds(view):
    return selectors.funds_for_user(user=view.request.user, loket=view.desk)


def render_ledger(view, fund, *, amount_form=None, failed=None, status=200):
    can_manage = view.membership.can(Capability.MANAGE_FUNDS)
    approves = selectors.may_approve(user=view.request.user, fund=fund)
    page = Paginator(selectors.fund_allocations(fund=fund), PAGE_SIZE).get_page(
        _page_number(view.request)
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
        return _visible_funds(self)

    def get(self, request, *args, **kwargs):
        return render_ledger(self, self.object)


class FundAmountView(DeskObjectMixin, View):
    """Raises or lowers the fund's amount, with a reason; never below what is committed."""

    capability = Capability.MANAGE_FUNDS
    model = Fund

    def get_queryset(self):
        return _visible_funds(self)

    def post(self, request, *args, **kwargs):
        fund = self.object
        form = AmountChangeForm(request.POST)
        if form.is_valid():
            try:
                services.fund_amount_change(
                    fund=fund,
                    new_cents=form.cleaned_data["new_cents"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The amount of the fund was changed."))
                return redirect("funds:fund-detail", loket_slug=self.desk.slug, pk=fund.pk)
        return render_ledger(self, fund, amount_form=form, status=400)


class FundApprovalView(DeskObjectMixin, View):
    """Who decides on a fund: up to which amount the coordinator decides alone, which
    organisation owns it and who represents that organisation here. Its representatives
    change the first two here; others who see the fund read them (the coordinator makes the
    threshold stricter on the fund's edit form), and the service refuses their changes."""

    capability = Capability.VIEW_FUNDS
    model = Fund
    template_name = "funds/approval_form.html"

    def get_queryset(self):
        return _visible_funds(self)

    def render_page(self, form=None, refused=None, status=200):
        fund = self.object
        approves = selectors.may_approve(user=self.request.user, fund=fund)
        if approves and form is None:
            form = ApprovalRulesForm(fund=fund, organisations=owner_choices(self.desk))
        ctx = {
            "fund": fund,
            "form": form if approves else None,
            "refused": refused,
            "approvers": selectors.fund_approvers(fund=fund),
            "can_manage": self.membership.can(Capability.MANAGE_FUNDS),
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        form = ApprovalRulesForm(
            request.POST, fund=self.object, organisations=owner_choices(self.desk)
        )
        if form.is_valid():
            try:
                fund = services.fund_approval_change(
                    fund=self.object, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The rules for who decides were changed."))
                if _visible_funds(self).filter(pk=fund.pk).exists():
                    return redirect("funds:fund-detail", loket_slug=self.desk.slug, pk=fund.pk)
                # Another owner: the fund is now for its representatives to see.
                return redirect("funds:overview", loket_slug=self.desk.slug)
        return self.render_page(form, refused=form.non_field_errors(), status=400)


class FundExportView(FundLedgerView):
    """The fund's ledger as CSV (for Excel) or XLSX."""

    def get(self, request, *args, **kwargs):
        fund = self.object
        stamp = timezone.localdate().isoformat()
        name = f"fonds-{fund.pk}-{self.desk.slug}-{stamp}"
        if request.GET.get("format") == "xlsx":
            return _download(exports.ledger_xlsx(fund), content_type=XLSX, filename=f"{name}.xlsx")
        return _download(
            exports.ledger_csv(fund), content_type="text/csv; charset=utf-8", filename=f"{name}.csv"
        )


def render_approvals(view, *, failed=None, status=200):
    pending = selectors.pending_approvals(user=view.request.user, loket=view.desk)
    page = Paginator(pending, PAGE_SIZE).get_page(_page_number(view.request))
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
            fund__in=_visible_funds(self).values("pk")
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
        fund = _visible_funds(self).get(pk=allocation.fund_id)
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


# --- money for a decision -------------------------------------------------------------------


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
        ctx = {
            "decision": decision,
            "help_request": decision.help_request,
            "allocations": allocations,
            "committed_cents": sum(a.committed_cents for a in allocations),
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


# --- open data ------------------------------------------------------------------------------


class GrantsOpenDataView(View):
    """The desk's awarded allocations in the 360Giving data standard's shape, for anyone:
    without personal data."""

    def get(self, request, *args, **kwargs):
        desk = get_object_or_404(Loket.objects.active(), slug=kwargs["loket_slug"])
        response = JsonResponse(
            open_data.grants_package(desk), json_dumps_params={"ensure_ascii": False, "indent": 1}
        )
        response["Access-Control-Allow-Origin"] = "*"
        response["Content-Disposition"] = f'inline; filename="360giving-{desk.slug}.json"'
        return response
