"""Open and transparent decisions: the desk's decisions for its members, the public register
(page and CSV, without personal data) and the multi-partiality monitor."""

import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core.models import Loket
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin
from sportloket.offerings import selectors
from sportloket.registry.exporting import guard_cell

PAGE_SIZE = 50


class PublicRegisterMixin:
    def dispatch(self, request, *args, **kwargs):
        self.desk = get_object_or_404(Loket.objects.active(), slug=kwargs["loket_slug"])
        return super().dispatch(request, *args, **kwargs)


class PublicDecisionsView(PublicRegisterMixin, TemplateView):
    """Anyone can see how support and money are divided: every decision that holds, without
    personal data."""

    template_name = "offerings/decision_register.html"

    def get_context_data(self, **kwargs):
        decisions = selectors.public_decisions(loket=self.desk)
        page = Paginator(decisions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(desk=self.desk, page_obj=page, querystring="", **kwargs)


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
        "toelichting",
    )

    def get(self, request, *args, **kwargs):
        writer = csv.writer(_Echo(), delimiter=";")

        def lines():
            yield "\ufeff" + writer.writerow(self.HEADERS)
            for decision in selectors.public_decisions(loket=self.desk).iterator(chunk_size=500):
                yield writer.writerow([guard_cell(cell) for cell in self.row(decision)])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        filename = f"besluiten-{self.desk.slug}-{timezone.localdate():%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @staticmethod
    def row(decision):
        request = decision.help_request
        organisation = request.organisation
        chosen = decision.chosen_options
        return [
            timezone.localdate(decision.decided_at).isoformat(),
            ", ".join(theme.name for theme in request.themes.all()),
            organisation.get_kind_display() if organisation else "",
            organisation.municipality.name if organisation and organisation.municipality else "",
            ", ".join(option.offering.title for option in chosen),
            ", ".join(option.offering.delivered_by.name for option in chosen),
            f"{decision.amount_cents / 100:.2f}".replace(".", ","),
            decision.public_summary,
        ]


class DecisionListView(DeskMixin, TemplateView):
    """Every decision of the desk, for all its members and partners: the chosen and the
    considered offerings, the rationale, who decided and when."""

    capability = Capability.VIEW_DESK
    template_name = "offerings/decision_list.html"

    def get_context_data(self, **kwargs):
        decisions = selectors.desk_decisions(loket=self.desk)
        page = Paginator(decisions, 25).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page,
            decisions=page.object_list,
            querystring="",
            can_open_requests=self.membership.can(Capability.VIEW_REQUESTS),
            **kwargs,
        )


class MonitorView(DeskMixin, TemplateView):
    """Multi-partiality: does the desk route by fit and not by favour?"""

    capability = Capability.VIEW_DESK
    template_name = "offerings/decision_monitor.html"

    def get_context_data(self, **kwargs):
        monitor = selectors.partiality_monitor(loket=self.desk)
        page = Paginator(monitor["deviations"], 25).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            monitor=monitor,
            deviations=page.object_list,
            page_obj=page,
            querystring="",
            title=_("Multi-partiality"),
            **kwargs,
        )
