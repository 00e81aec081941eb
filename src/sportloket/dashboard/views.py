"""The desk's dashboard: what waits for the member and for the desk, each with its count and a
link to the filtered list, the desk's last months at a glance, and its agreements, team and
work area."""

from django.utils import timezone
from django.views.generic import TemplateView

from sportloket.core.constants import Role
from sportloket.core.views_mixins import DeskMixin
from sportloket.dashboard import panels, selectors


class DeskDashboardView(DeskMixin, TemplateView):
    template_name = "dashboard/desk.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        found = selectors.dashboard(membership=self.membership, user=self.request.user, today=today)
        waiting, month = found["waiting"], found["month"]
        ctx.update(
            today=today,
            tiles=panels.tiles(membership=self.membership, found=waiting),
            funds=panels.funds(rows=waiting.get("funds"), slug=self.desk.slug),
            month=month,
            charts=panels.charts(found=month, loket=self.desk),
            role_counts=[(label, found["roles"][value]) for value, label in Role.choices],
            work_area=selectors.work_area(loket=self.desk),
        )
        return ctx
