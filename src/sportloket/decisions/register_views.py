"""The public register of decisions: its page (kept rendered per desk, language and filters
until a decision, an allocation or a theme changes) and its CSV, both without personal data."""

import csv
import time
from functools import cache
from typing import NamedTuple

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
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
from sportloket.decisions import register_selectors, selectors
from sportloket.decisions.forms import PublicDecisionFilterForm
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.exporting import guard_cell

PAGE_SIZE = 50
_FILTER_FIELDS = RenderedOnce()
# Registers of about 60 kB each, rendered (PublicDecisionsView).
_REGISTERS = RenderedOnce(size=64)


def querystring(request) -> str:
    """The request's filters for the pagination and export links, without the page."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class PublicRegisterMixin:
    def desks(self):
        return register_selectors.with_decision_span(Loket.objects.active())

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
        return register_selectors.with_register_stamp(super().desks())

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
            "querystring": querystring(self.request),
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
