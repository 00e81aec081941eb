"""The decision pages: ranking and deciding on a question, the desk's decisions for its members,
the multi-partiality monitor, the desk's matching weights, and an offering's page with its use
and the funds that may pay. The public register is in ``register_views``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import selectors as core_selectors
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.decisions import selectors, services
from sportloket.decisions.constants import Criterion
from sportloket.decisions.forms import (
    DecisionFilterForm,
    DecisionForm,
    DecisionPeriodForm,
    WeightsForm,
)
from sportloket.decisions.list_rows import decision_rows
from sportloket.decisions.matching import rank_offerings
from sportloket.decisions.register_views import querystring
from sportloket.funds import selectors as fund_selectors
from sportloket.helprequests import selectors as request_selectors
from sportloket.helprequests.models import HelpRequest
from sportloket.knowledge import selectors as knowledge_selectors
from sportloket.offerings import selectors as offering_selectors
from sportloket.offerings.models import Offering


class DecisionListView(DeskMixin, TemplateView):
    """Every decision of the desk, for all its members and partners: the chosen and the
    considered offerings, the rationale, who decided and when."""

    capability = Capability.VIEW_DESK
    template_name = "decisions/decision_list.html"

    def get_context_data(self, **kwargs):
        form = DecisionFilterForm(
            self.request.GET or None, years=selectors.decision_years(loket=self.desk)
        )
        decisions = selectors.desk_decisions(
            loket=self.desk, reader=self.membership, **form.filters()
        )
        # Only what the list shows: the question's and the user's other columns stay unread.
        decisions = decisions.only(
            "loket_id",
            "decided_at",
            "rationale",
            "deviation_reason",
            "amount_cents",
            "outside_cents",
            "decided_by__full_name",
            "decided_by__email",
            "help_request__organisation_name",
            "help_request__organisation__name",
        )
        page = Paginator(decisions, 25).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            filter_form=form,
            page_obj=page,
            rows=decision_rows(
                page.object_list,
                desk_slug=self.desk.slug,
                manages_funds=self.membership.can(Capability.MANAGE_FUNDS),
            ),
            querystring=querystring(self.request),
            **kwargs,
        )


class MonitorView(DeskMixin, TemplateView):
    """Multi-partiality: does the desk route by fit and not by favour?"""

    capability = Capability.VIEW_DESK
    template_name = "decisions/decision_monitor.html"

    def get_context_data(self, **kwargs):
        form = DecisionPeriodForm(
            self.request.GET or None, years=selectors.decision_years(loket=self.desk)
        )
        monitor = selectors.partiality_monitor(loket=self.desk, **form.filters())
        paginator = Paginator(monitor["deviations"], 25)
        paginator.count = monitor["passed_over"]  # counted already
        page = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            filter_form=form,
            monitor=monitor,
            deviations=page.object_list,
            page_obj=page,
            querystring=querystring(self.request),
            title=_("Multi-partiality"),
            **kwargs,
        )


class DecideView(DeskObjectMixin, View):
    """The ranked offerings for a request with the reasons, and the decision: by a coordinator
    or a supporter the desk named to decide."""

    capability = Capability.DECIDE_SUPPORT
    model = HelpRequest
    template_name = "decisions/decide.html"
    SHOWN = 25  # the best-ranked offerings the page shows first; "show more" adds as many

    def get_queryset(self):
        return request_selectors.visible_requests(membership=self.membership)

    def shown(self) -> int:
        """How many of the best-ranked offerings the page shows and the form accepts: 25, or
        more when asked for (``shown``, kept in the form while deciding)."""
        data = self.request.POST
        raw = data.get("more") or data.get("shown") or self.request.GET.get("shown")
        try:
            return max(self.SHOWN, int(raw))
        except (TypeError, ValueError):
            return self.SHOWN

    def render_page(self, form, ranked, status=200, funding_errors=()):
        shown = min(self.shown(), len(ranked))
        ctx = {
            "help_request": self.object,
            "ranked": ranked[:shown],
            "shown": shown,
            "more": min(len(ranked), shown + self.SHOWN) if len(ranked) > shown else None,
            "eligible": len(ranked),
            "form": form,
            "selected": {str(value) for value in (form["chosen"].value() or [])},
            "weights": selectors.desk_weights(loket_id=self.desk.pk),
            "decisions": selectors.request_decisions(help_request=self.object),
            "funding_errors": funding_errors,
        }
        return render(self.request, self.template_name, ctx, status=status)

    def ranked(self):
        return rank_offerings(help_request=self.object)

    def funds(self):
        """The funds that may pay for the question (by the rule matching's money follows), for
        those who commit the desk's money."""
        if not self.membership.can(Capability.MANAGE_FUNDS):
            return []
        help_request = self.object
        return fund_selectors.paying_funds(
            loket_id=self.desk.pk,
            on=timezone.localdate(),
            theme_keys=set(help_request.themes.values_list("key", flat=True)),
            provider_kind=help_request.organisation.kind if help_request.organisation_id else "",
        )

    def form(self, data=None, initial=None):
        funds = self.funds()
        without_approvers = frozenset()
        if funds:
            paying = fund_selectors.desk_funds(loket=self.desk).filter(
                pk__in=[fund.pk for _room, fund in funds]
            )
            without_approvers = frozenset(
                fund_selectors.funds_without_approvers(funds=paying).values_list("pk", flat=True)
            )
        return DecisionForm(
            data,
            initial=dict(initial or {}),
            ranked=self.ranked_now[: self.shown()],
            funds=funds,
            without_approvers=without_approvers,
            help_request=self.object,
        )

    def get(self, request, *args, **kwargs):
        self.ranked_now = self.ranked()
        return self.render_page(self.form(), self.ranked_now)

    def post(self, request, *args, **kwargs):
        ranked = self.ranked_now = self.ranked()
        if "more" in request.POST:
            # More offerings to choose from: the page again with everything typed, nothing
            # recorded and no errors yet.
            typed = {
                name: request.POST.getlist(name) if name == "chosen" else request.POST[name]
                for name in request.POST
                if name in DecisionForm.base_fields or name.startswith("fund_")
            }
            return self.render_page(self.form(initial=typed), ranked)
        form = self.form(request.POST)
        funding_errors = ()
        if form.is_valid():
            try:
                services.decision_record(
                    help_request=self.object,
                    chosen=form.cleaned_data["chosen"],
                    rationale=form.cleaned_data["rationale"],
                    deviation_reason=form.cleaned_data["deviation_reason"],
                    public_summary=form.cleaned_data["public_summary"],
                    amount_cents=form.amount_cents(),
                    outside_cents=form.cleaned_data["outside"],
                    funding=form.funding(),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    actor=request.user,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict") and "funding" in error.error_dict:
                    funding_errors = [m for e in error.error_dict.pop("funding") for m in e]
                if not hasattr(error, "error_dict") or error.error_dict:
                    add_service_errors(form, error)
            else:
                messages.success(request, _("The decision was recorded."))
                return redirect("helprequests:request-detail", self.desk.slug, self.object.pk)
        return self.render_page(form, ranked, status=400, funding_errors=funding_errors)


class OfferingDetailView(DeskObjectMixin, TemplateView):
    capability = Capability.VIEW_OFFERINGS
    model = Offering
    template_name = "decisions/offering_detail.html"

    def get_queryset(self):
        return offering_selectors.visible_offerings(loket=self.desk)

    def get_object(self):
        # visible_offerings is this desk's scope (own, shared with it, national): the generic
        # desk filter would leave out what other desks share, so it is not applied again.
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (Offering.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        offering = self.object
        managed = offering_selectors.managed_by(offering=offering, loket=self.desk)
        ctx.update(
            offering=offering,
            themes=core_selectors.theme_labels(
                loket=self.desk, keys=[theme.key for theme in offering.themes.all()]
            ),
            sports=offering.sports.order_by("name"),
            shared_with=offering.shared_with.order_by("name"),
            managed=managed,
            can_edit=managed and self.membership.can(Capability.MANAGE_OFFERINGS),
            use=selectors.offering_use(offering=offering, loket=self.desk, reader=self.membership),
        )
        if offering.cost_cents and self.membership.can(Capability.VIEW_FUNDS):
            ctx["paying_funds"] = fund_selectors.funds_that_may_pay(
                loket=self.desk, offering=offering
            )
            ctx["show_amounts"] = self.membership.can(Capability.MANAGE_FUNDS)
        if self.membership.can(Capability.VIEW_KNOWLEDGE):
            ctx["articles"] = knowledge_selectors.offering_articles(
                offering=offering, loket=self.desk
            )
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(offering, loket=self.desk)
        return ctx


class WeightsView(DeskMixin, View):
    """How much each matching criterion counts at this desk: readable by every member, set by
    coordinators."""

    capability = Capability.VIEW_OFFERINGS
    template_name = "decisions/weights.html"

    def can_manage(self):
        return self.membership.can(Capability.MANAGE_OFFERINGS)

    def render_page(self, form=None, status=200):
        weights = selectors.desk_weights(loket_id=self.desk.pk)
        rows = [(criterion, getattr(weights, criterion.value)) for criterion in Criterion]
        if form is None and self.can_manage():
            form = WeightsForm(initial=WeightsForm.initial_from(weights))
        ctx = {"rows": rows, "form": form, "weights": weights}
        if weights.pk and self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(weights, loket=self.desk)
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if not self.can_manage():
            raise PermissionDenied(_("Your role at this desk does not allow this."))
        form = WeightsForm(request.POST)
        if form.is_valid():
            try:
                services.weights_save(loket=self.desk, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The weights were saved."))
                return redirect("decisions:weights", loket_slug=self.desk.slug)
        return self.render_page(form=form, status=400)
