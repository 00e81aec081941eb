"""The desk's loket-scan (every member reads it: it holds figures, no personal data), its
thresholds (coordinators), and the history of its monthly snapshots."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, add_service_errors
from sportloket.scan import charts, selectors, services
from sportloket.scan.forms import ThresholdsForm
from sportloket.scan.thresholds import THRESHOLDS


def show_links(rows, membership, slug) -> None:
    """Puts on each item the links to the pages with its evidence this member may open."""
    for row in rows:
        row.shown_links = [
            (link.label, reverse(link.url_name, args=[slug]))
            for link in row.links
            if membership.can(link.capability)
        ]


class ScanView(DeskMixin, View):
    template_name = "scan/scan.html"

    def get(self, request, loket_slug):
        scan = selectors.desk_scan(loket=self.desk)
        history = selectors.desk_history(loket=self.desk, on=scan.on)
        before = selectors.previous_snapshot(history, scan.on)
        show_links(scan.rows.values(), self.membership, self.desk.slug)
        ctx = {
            "scan": scan,
            "changes": selectors.changes(scan, before),
            "before": before,
            "history": history,
            "trend": selectors.trend(scan, history),
            "chart": charts.met_per_month(history) if history else None,
            "counts": scan.counts(),
        }
        return render(request, self.template_name, ctx)


class ThresholdsView(DeskMixin, View):
    capability = Capability.MANAGE_DESK
    template_name = "scan/thresholds.html"

    def render_page(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)

    def get(self, request, loket_slug):
        current = selectors.desk_thresholds(loket=self.desk)
        return self.render_page(ThresholdsForm(current=current))

    def post(self, request, loket_slug):
        current = selectors.desk_thresholds(loket=self.desk)
        form = ThresholdsForm(request.POST, current=current)
        if form.is_valid():
            values = {t.key: form.cleaned_data[t.key] for t in THRESHOLDS}
            try:
                services.thresholds_update(loket=self.desk, actor=request.user, values=values)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The thresholds of the loket-scan were saved."))
                return redirect("scan:desk", loket_slug=self.desk.slug)
        return self.render_page(form, status=400)
