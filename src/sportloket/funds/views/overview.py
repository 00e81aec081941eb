"""The desk's money at a glance: the totals and where the money goes (per theme, kind of
provider, municipality and fund) for every role with the overview, the funds in detail for
those who may see them."""

import datetime

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin
from sportloket.funds import overview as money_overview
from sportloket.funds import selectors
from sportloket.funds.forms import YearFilterForm
from sportloket.funds.views.base import PAGE_SIZE
from sportloket.registry.constants import OrganisationKind


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
    """``overview.desk_overview`` with a label per row, for the page and the exports."""
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

    def overview(self, period, *, per_fund=True):
        return readable_overview(
            money_overview.desk_overview(
                loket=self.desk,
                period=period,
                user=self.request.user,
                membership=self.membership,
                per_fund=per_fund,
            )
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, year, period = self.period()
        funds = selectors.funds_for_user(
            user=self.request.user, loket=self.desk, membership=self.membership
        )
        if period is not None:
            funds = funds.overlapping(*period)
        # A desk has a few funds a year: read at once, with whether each lacks an approver,
        # they make both the page and the warning (the table shows no themes).
        funds = list(selectors.with_lacks_approver(funds).prefetch_related(None))
        page = Paginator(funds, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        export_query = query.copy()
        export_query.setlist("year", [str(year) if year else YearFilterForm.ALL])
        ctx.update(
            filter_form=form,
            year=year,
            # The table per fund is the page's own (below), with links and owners.
            overview=self.overview(period, per_fund=False),
            page_obj=page,
            querystring=query.urlencode(),
            export_querystring=export_query.urlencode(),
            sees_funds=self.membership.can(Capability.MANAGE_FUNDS)
            or bool(self.membership.organisation_id),
            pending=selectors.pending_approvals(
                user=self.request.user, loket=self.desk, membership=self.membership
            ).count(),
            without_approvers=[fund for fund in funds if fund.lacks_approver],
        )
        return ctx
