"""The funds' files: the desk's overview and a fund's ledger as CSV (for Excel) or XLSX, scoped
as their pages, and the desk's awarded allocations as public 360Giving open data."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View

from sportloket.core.models import Loket
from sportloket.funds import exports, open_data
from sportloket.funds.views.base import XLSX, download
from sportloket.funds.views.ledger import FundLedgerView
from sportloket.funds.views.overview import FundOverviewView

CSV = "text/csv; charset=utf-8"


class OverviewExportView(FundOverviewView):
    """The overview of the chosen year as CSV (for Excel) or XLSX, scoped as the page."""

    def get(self, request, *args, **kwargs):
        _form, year, period = self.period()
        overview = self.overview(period)
        stamp = timezone.localdate().isoformat()
        name = f"fondsen-{self.desk.slug}-{year or 'alle-jaren'}-{stamp}"
        if request.GET.get("format") == "xlsx":
            return download(
                exports.overview_xlsx(overview), content_type=XLSX, filename=f"{name}.xlsx"
            )
        return download(exports.overview_csv(overview), content_type=CSV, filename=f"{name}.csv")


class FundExportView(FundLedgerView):
    """The fund's ledger as CSV (for Excel) or XLSX."""

    def get(self, request, *args, **kwargs):
        fund = self.object
        stamp = timezone.localdate().isoformat()
        name = f"fonds-{fund.pk}-{self.desk.slug}-{stamp}"
        if request.GET.get("format") == "xlsx":
            return download(exports.ledger_xlsx(fund), content_type=XLSX, filename=f"{name}.xlsx")
        return download(exports.ledger_csv(fund), content_type=CSV, filename=f"{name}.csv")


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
