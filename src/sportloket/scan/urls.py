from django.urls import path

from sportloket.scan import national_views, report_views, views

app_name = "scan"

urlpatterns = [
    path("national/", national_views.NationalView.as_view(), name="national"),
    path("national/desks/new/", national_views.DeskStartView.as_view(), name="desk-start"),
    path("<slug:loket_slug>/scan/", views.ScanView.as_view(), name="desk"),
    path("<slug:loket_slug>/scan/settings/", views.ThresholdsView.as_view(), name="thresholds"),
    path("<slug:loket_slug>/report/<int:year>/", report_views.ReportView.as_view(), name="report"),
    path(
        "<slug:loket_slug>/report/<int:year>.pdf",
        report_views.ReportPdfView.as_view(),
        name="report-pdf",
    ),
]
