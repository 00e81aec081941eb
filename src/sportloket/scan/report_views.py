"""The desk's yearly report: a page that prints well, and the same page as a PDF (``pdf``)."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.views_mixins import DeskMixin
from sportloket.scan import charts, report


class ReportMixin(DeskMixin):
    template_name = "scan/report.html"
    # ``year`` names a period of the desk, not a record (testing.urls).
    period_kwargs = ("year",)

    def context(self, year: int) -> dict:
        found = report.yearly_report(membership=self.membership, year=year)
        return {
            **found,
            "years": report.report_years(loket=self.desk),
            "questions_chart": charts.questions_per_month(year, found["questions"]["per_month"]),
            "contacts_chart": charts.contacts_per_month(found["contacts"]["per_month"]),
            "scan_counts": found["scan"].counts(),
            "question_months": [
                (datetime.date(year, month, 1), count)
                for month, count in found["questions"]["per_month"].items()
            ],
        }


class ReportView(ReportMixin, View):
    def get(self, request, loket_slug, year):
        return render(request, self.template_name, self.context(year))


class ReportPdfView(ReportMixin, View):
    def get(self, request, loket_slug, year):
        from sportloket.scan import pdf

        html = render_to_string(self.template_name, self.context(year) | {"pdf": True}, request)
        content = pdf.render_pdf(html, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(content, content_type="application/pdf")
        name = _("yearly-report-%(desk)s-%(year)s.pdf") % {"desk": self.desk.slug, "year": year}
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
