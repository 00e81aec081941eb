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
from sportloket.offerings.forms import (
    DecisionFilterForm,
    DecisionPeriodForm,
    PublicDecisionFilterForm,
)
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.exporting import guard_cell

PAGE_SIZE = 50


def _querystring(request) -> str:
    """The request's filters for the pagination and export links, without the page."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class PublicRegisterMixin:
    def dispatch(self, request, *args, **kwargs):
        self.desk = get_object_or_404(Loket.objects.active(), slug=kwargs["loket_slug"])
        return super().dispatch(request, *args, **kwargs)

    def filter_form(self) -> PublicDecisionFilterForm:
        from sportloket.helprequests.selectors import theme_choices

        return PublicDecisionFilterForm(
            self.request.GET or None,
            years=selectors.decision_years(loket=self.desk),
            themes=theme_choices(loket=self.desk),
            municipalities=selectors.decision_municipalities(loket=self.desk).values_list(
                "code", "name"
            ),
        )


class PublicDecisionsView(PublicRegisterMixin, TemplateView):
    """Anyone can see how support and money are divided: every decision that holds, without
    personal data, filtered by year, theme, municipality, kind of provider or a search, with
    the totals per theme, municipality and delivering organisation."""

    template_name = "offerings/decision_register.html"

    def get_context_data(self, **kwargs):
        form = self.filter_form()
        filters = form.filters()
        decisions = selectors.public_decisions(loket=self.desk, **filters)
        distribution = selectors.public_distribution(loket=self.desk, **filters)
        paginator = Paginator(decisions, PAGE_SIZE)
        paginator.count = distribution["totals"]["decisions"]  # counted already
        page = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            desk=self.desk,
            filter_form=form,
            filtered=bool(filters),
            distribution=distribution,
            page_obj=page,
            querystring=_querystring(self.request),
            **kwargs,
        )


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
            f"{row.amount_cents / 100:.2f}".replace(".", ","),
            row.public_summary,
        ]


class DecisionListView(DeskMixin, TemplateView):
    """Every decision of the desk, for all its members and partners: the chosen and the
    considered offerings, the rationale, who decided and when."""

    capability = Capability.VIEW_DESK
    template_name = "offerings/decision_list.html"

    def get_context_data(self, **kwargs):
        form = DecisionFilterForm(
            self.request.GET or None, years=selectors.decision_years(loket=self.desk)
        )
        decisions = selectors.desk_decisions(
            loket=self.desk, reader=self.membership, **form.filters()
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
    template_name = "offerings/decision_monitor.html"

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
