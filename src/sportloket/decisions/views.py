"""The decision pages: ranking and deciding on a question, the desk's decisions for its members,
the public register (page and CSV, without personal data), the multi-partiality monitor, the
desk's matching weights, and an offering's page with its use and the funds that may pay."""

import csv
import time
from functools import cache
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import fragments
from sportloket.core import selectors as core_selectors
from sportloket.core.dates import day_text
from sportloket.core.fragments import RenderedOnce
from sportloket.core.models import Loket
from sportloket.core.money import euros
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.decisions import selectors, services
from sportloket.decisions.constants import Criterion
from sportloket.decisions.forms import (
    DecisionFilterForm,
    DecisionForm,
    DecisionPeriodForm,
    PublicDecisionFilterForm,
    WeightsForm,
)
from sportloket.decisions.matching import rank_offerings
from sportloket.funds import selectors as fund_selectors
from sportloket.helprequests import selectors as request_selectors
from sportloket.helprequests.models import HelpRequest
from sportloket.offerings import selectors as offering_selectors
from sportloket.offerings.models import Offering
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.exporting import guard_cell

PAGE_SIZE = 50
_FILTER_FIELDS = RenderedOnce()
# Registers of about 60 kB each, rendered (PublicDecisionsView).
_REGISTERS = RenderedOnce(size=64)


def _querystring(request) -> str:
    """The request's filters for the pagination and export links, without the page."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class PublicRegisterMixin:
    def desks(self):
        return selectors.with_decision_span(Loket.objects.active())

    def dispatch(self, request, *args, **kwargs):
        self.desk = get_object_or_404(self.desks(), slug=kwargs["loket_slug"])
        return super().dispatch(request, *args, **kwargs)

    def filter_choices(self) -> dict:
        return {
            "years": selectors.years_between(self.desk.first_decided, self.desk.last_decided),
            "themes": core_selectors.theme_id_choices(loket=self.desk),
            "municipalities": list(
                selectors.decision_municipalities(loket=self.desk).values_list("code", "name")
            ),
        }

    def filter_form(self, choices=None) -> PublicDecisionFilterForm:
        choices = choices or self.filter_choices()
        return PublicDecisionFilterForm(self.request.GET or None, **choices)


class PublicDecisionsView(PublicRegisterMixin, TemplateView):
    """Anyone can see how support and money are divided: every decision that holds, without
    personal data, filtered by year, theme, municipality, kind of provider or a search, with
    the totals per theme, municipality and delivering organisation."""

    template_name = "decisions/decision_register.html"
    # How long a rendered register is kept at most: new decisions, awarded money and renamed
    # themes show at once (they change the key), a renamed offering or organisation within
    # this.
    KEPT_SECONDS = 300

    def desks(self):
        return selectors.with_register_stamp(super().desks())

    def get_context_data(self, **kwargs):
        """The page around the register's content, which is rendered once per process for
        everyone who asks for the same filters in the same language, until a decision is
        recorded, an allocation or a theme changes (the desk's stamps, read with the desk),
        or a few minutes have passed. In the process's memory: a lookup in the cache (a
        database table by default) would cost queries of its own."""
        key = (
            self.desk.pk,
            self.desk.last_decision_id,
            self.desk.awards_changed_at,
            self.desk.themes_changed_at,
            self.request.GET.urlencode(),
            int(time.time() // self.KEPT_SECONDS),
        )
        register = _REGISTERS.get(
            key,
            lambda: render_to_string(
                "decisions/_register.html", self.register_context(), self.request
            ),
        )
        return super().get_context_data(desk=self.desk, register=register, **kwargs)

    def register_context(self) -> dict:
        form = self.filter_form()
        filters = form.filters()
        distribution = selectors.public_distribution(loket=self.desk, **filters)
        values = selectors.public_register_values(loket=self.desk, **filters)
        paginator = Paginator(values, PAGE_SIZE)
        paginator.count = distribution["totals"]["decisions"]  # counted already
        page = paginator.get_page(self.request.GET.get("page"))
        page.object_list = selectors.public_rows(page.object_list)
        return {
            "desk": self.desk,
            "filter_form": form,
            "filter_fields": _filter_fields(form),
            "filtered": bool(filters),
            "distribution": distribution,
            "tables": _tables(distribution),
            "page_obj": page,
            "lines": _register_lines(page.object_list),
            "querystring": _querystring(self.request),
        }


def _filter_fields(form) -> str:
    """The filters' fields, rendered once per language, choices and filters asked for: the
    same for everyone who asks (a few milliseconds of widgets each time otherwise)."""
    return fragments.form_fields(_FILTER_FIELDS, "register-filters", form)


def _tables(distribution) -> dict:
    """The totals per theme, municipality and organisation as the page shows them."""
    return {
        "per_theme": [
            (row["name"] or _("No theme"), localize(row["decisions"]), euros(row["amount"]))
            for row in distribution["per_theme"]
        ],
        "per_municipality": [
            (row["name"] or _("Not known"), localize(row["decisions"]), euros(row["amount"]))
            for row in distribution["per_municipality"]
        ],
        "per_organisation": [
            (row["name"], localize(row["decisions"])) for row in distribution["per_organisation"]
        ],
    }


class _Line(NamedTuple):
    """A row of the register as the page shows it: said once here, not looked up per cell."""

    date: str
    themes: str
    kind: str
    municipality: str
    chosen: list[tuple[str, str]]
    amount: str
    paid: str  # how the amount is paid, when not all of it comes from the funds
    summary: str


def _register_lines(rows) -> list[_Line]:
    kinds = dict(OrganisationKind.choices)
    money = cache(euros)  # the same few amounts come back on every page
    return [
        _Line(
            day_text(timezone.localtime(row.decided_at)),
            ", ".join(row.themes) or "–",
            kinds.get(row.kind, row.kind) or "–",
            row.municipality or "–",
            row.chosen,
            money(row.amount_cents),
            _paid(row, money) if row.outside_cents or row.open_cents else "",
            row.public_summary,
        )
        for row in rows
    ]


def _paid(row, money) -> str:
    parts = [_("%(awarded)s from the funds") % {"awarded": money(row.awarded_cents)}]
    if row.outside_cents:
        parts.append(_("%(outside)s outside the funds") % {"outside": money(row.outside_cents)})
    if row.open_cents:
        parts.append(_("%(open)s not yet awarded") % {"open": money(row.open_cents)})
    return ", ".join(parts)


class _Echo:
    def write(self, value):
        return value


class PublicDecisionsCsvView(PublicRegisterMixin, View):
    """The public register as CSV (UTF-8 with BOM, `;`, as Dutch Excel reads it), streamed."""

    HEADERS = (
        "datum",
        "thema's",
        "soort aanbieder",
        "gemeente",
        "aanbod",
        "uitgevoerd door",
        "bedrag (euro)",
        # How the amount is paid (they add up to it): see selectors.PublicRow.
        "uit fondsen (euro)",
        "buiten de fondsen (euro)",
        "nog niet toegekend (euro)",
        "toelichting",
    )

    def get(self, request, *args, **kwargs):
        writer = csv.writer(_Echo(), delimiter=";")
        kinds = {value: str(label) for value, label in OrganisationKind.choices}
        rows = selectors.public_decision_rows(loket=self.desk, **self.filter_form().filters())

        def lines():
            yield "\ufeff" + writer.writerow(self.HEADERS)
            for row in rows:
                yield writer.writerow([guard_cell(cell) for cell in self.cells(row, kinds)])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        filename = f"besluiten-{self.desk.slug}-{timezone.localdate():%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @staticmethod
    def cells(row, kinds):
        return [
            timezone.localdate(row.decided_at).isoformat(),
            ", ".join(row.themes),
            kinds.get(row.kind, "") if row.kind else "",
            row.municipality or "",
            ", ".join(title for title, _by in row.chosen),
            ", ".join(by for _title, by in row.chosen),
            *(
                f"{cents / 100:.2f}".replace(".", ",")
                for cents in (
                    row.amount_cents,
                    row.awarded_cents,
                    row.outside_cents,
                    row.open_cents,
                )
            ),
            row.public_summary,
        ]


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
            decisions=page.object_list,
            querystring=_querystring(self.request),
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
            querystring=_querystring(self.request),
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
