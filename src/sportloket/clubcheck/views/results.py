"""The club check's figures: the desk's results page (for its partners too), the open-data
files of a desk's round, and the national figures of a year over every desk."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from sportloket.clubcheck import opendata, selectors
from sportloket.clubcheck.models import CheckRound
from sportloket.clubcheck.selectors.results import COUNT_FIELDS, DIMENSIONS, SUM_FIELDS
from sportloket.clubcheck.views.rounds import RoundMixin
from sportloket.core.permissions import Capability

SHOWN_DIMENSIONS = ("municipality", "kind", "sport")


def _dimension(request) -> str:
    by = request.GET.get("by", "municipality")
    return by if by in SHOWN_DIMENSIONS else "municipality"


def _page_context(results: dict, dimension: str) -> dict:
    return {
        "total": results["total"][0] if results["total"] else None,
        "groups": results[dimension],
        "dimension": dimension,
        "dimension_label": DIMENSIONS[dimension],
        "dimensions": [(key, DIMENSIONS[key]) for key in SHOWN_DIMENSIONS],
        "columns": opendata.COLUMNS,
        "sum_fields": SUM_FIELDS,
        "count_fields": COUNT_FIELDS,
    }


class ResultsView(RoundMixin, View):
    template_name = "clubcheck/results.html"

    def get(self, request, loket_slug, year):
        if not (
            self.round.is_published(timezone.localdate())
            or self.membership.can(Capability.VIEW_CLUB_CHECK_ANSWERS)
        ):  # a partner sees the figures once the check has closed
            return render(request, "clubcheck/results_waiting.html", {"round": self.round})
        dimension = _dimension(request)
        results = selectors.result_rows(
            answers=selectors.desk_answers(self.round),
            invitations=selectors.desk_invitations(self.round),
            dimensions=("total", dimension),
        )
        files = {
            fmt: reverse("clubcheck:open-data", args=[self.desk.slug, self.round.year, fmt])
            for fmt in ("csv", "json")
        }
        ctx = {
            "round": self.round,
            "files": files if self.round.is_published(timezone.localdate()) else None,
            **_page_context(results, dimension),
        }
        return render(request, self.template_name, ctx)


def _desk_round(loket_slug: str, year: int) -> CheckRound:
    """The desk's round of ``year``, once it has closed (404 before: see ``is_published``)."""
    return get_object_or_404(
        CheckRound.objects.select_related("loket"),
        loket__slug=loket_slug,
        loket__is_active=True,
        year=year,
        closes_on__lt=timezone.localdate(),
    )


def _check_format(fmt: str):
    if fmt not in ("csv", "json"):
        raise Http404


def _file_response(results, *, fmt: str, title: str, year: int, source: str, filename: str):
    if fmt == "csv":
        response = HttpResponse(opendata.as_csv(results), content_type="text/csv; charset=utf-8")
    else:
        response = JsonResponse(
            opendata.as_json(results, title=title, year=year, source=source),
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    response["Content-Disposition"] = f'inline; filename="{filename}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


class DeskOpenDataView(View):
    """A desk's round as open data (public: only figures, small numbers suppressed)."""

    def get(self, request, loket_slug, year, fmt):
        _check_format(fmt)
        round = _desk_round(loket_slug, year)
        results = selectors.result_rows(
            answers=selectors.desk_answers(round), invitations=selectors.desk_invitations(round)
        )
        return _file_response(
            results,
            fmt=fmt,
            title=_("Club check %(year)s of %(desk)s") % {"year": year, "desk": round.loket.name},
            year=year,
            source=request.build_absolute_uri(reverse("core:desk-public", args=[loket_slug])),
            filename=f"clubcheck-{loket_slug}-{year}",
        )


class NationalView(View):
    """The national core figures of a year over every desk: a public page and its files."""

    template_name = "clubcheck/national.html"

    def get(self, request, year, fmt=None):
        if not 2020 <= year <= 2100:
            raise Http404
        if fmt is not None:
            _check_format(fmt)
        if fmt is None:
            dimension = _dimension(request)
            results = selectors.national_result_rows(year=year, dimensions=("total", dimension))
            files = {
                fmt: reverse("clubcheck:national-file", args=[year, fmt]) for fmt in ("csv", "json")
            }
            ctx = {"year": year, "files": files, **_page_context(results, dimension)}
            return render(request, self.template_name, ctx)
        results = selectors.national_result_rows(year=year)
        return _file_response(
            results,
            fmt=fmt,
            title=_("National club check %(year)s") % {"year": year},
            year=year,
            source=request.build_absolute_uri(reverse("clubcheck:national", args=[year])),
            filename=f"clubcheck-national-{year}",
        )
