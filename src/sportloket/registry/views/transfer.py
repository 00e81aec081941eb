"""Organisations in and out of the register: the filtered list exported as CSV or XLSX, and an
uploaded file previewed row by row before the worker writes it."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.jobs import exports as job_exports
from sportloket.jobs.constants import EXPORT_CONTENT_TYPES, JobKind
from sportloket.jobs.views import export_in_background
from sportloket.registry import exporting, selectors, services, tasks
from sportloket.registry.forms import ImportConfirmForm, ImportUploadForm
from sportloket.registry.models import ImportRun
from sportloket.registry.views.organisations import OrganisationListView

XLSX = EXPORT_CONTENT_TYPES["xlsx"]


class OrganisationExportView(OrganisationListView):
    """The filtered list as CSV (for Excel) or XLSX, with the headers the importer reads. A
    list longer than settings.EXPORT_NOW_LIMIT would take the request too long (the whole
    register of 185,000 organisations passed gunicorn's 30 s): the worker writes it, and the
    member follows the job's page, which then offers the file."""

    def get(self, request, *args, **kwargs):
        _form, organisations = self.filtered()
        file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        if not job_exports.export_now(organisations):
            return self.start_job(file_format)
        if file_format == "xlsx":
            content = exporting.to_xlsx(organisations)
        else:
            content = exporting.to_csv(organisations, excel=True)
        response = HttpResponse(content, content_type=EXPORT_CONTENT_TYPES[file_format])
        filename = exporting.filename(self.desk, file_format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def start_job(self, file_format):
        return export_in_background(
            self.request,
            membership=self.membership,
            kind=JobKind.REGISTER_EXPORT,
            task=tasks.register_export,
            parameters=exporting.FILTER_PARAMETERS,
            file_format=file_format,
        )


class ImportUploadView(DeskMixin, View):
    """Upload an organisation file; the next page shows what it would do before anything is
    written."""

    capability = Capability.MANAGE_REGISTER
    template_name = "registry/import_upload.html"

    def render_form(self, form, status=200):
        ctx = {"form": form, "recent": selectors.desk_imports(loket=self.desk)[:10]}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(ImportUploadForm())

    def post(self, request, *args, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                run, _plan = services.import_run_create(
                    loket=self.desk,
                    actor=request.user,
                    filename=upload.name,
                    file=upload,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("registry:import-detail", loket_slug=self.desk.slug, pk=run.pk)
        return self.render_form(form, status=400)


class ImportDetailView(DeskObjectMixin, View):
    """The preview of an uploaded file, row by row, and the confirmation that has the worker
    write it; the job's page then shows the progress and the result. While the job runs, this
    page links to it; when it failed or stopped, the file can be imported again from here."""

    capability = Capability.MANAGE_REGISTER
    model = ImportRun
    queryset = ImportRun.objects.select_related("job")
    template_name = "registry/import_detail.html"
    SHOWN_ROWS = 200

    def preview(self) -> dict:
        plan = selectors.import_run_preview(run=self.object, loket=self.desk)
        problems = [r for r in plan.rows if r.row.errors or r.row.warnings]
        return {
            "plan": plan,
            "summary": plan.summary(),
            "problems": problems[: self.SHOWN_ROWS],
            "hidden_problems": max(0, len(problems) - self.SHOWN_ROWS),
            "sample": [r for r in plan.rows if r.action in ("create", "update")][:20],
        }

    def render_page(self, form, status=200):
        run = self.object
        job = run.job
        importing = job is not None and not job.is_finished and not job.seems_stopped
        ctx = {"run": run, "form": form, "job": job, "importing": importing}
        if run.status == ImportRun.Status.PREVIEWED and not importing:
            ctx.update(self.preview())
        else:
            ctx["summary"] = run.summary
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(ImportConfirmForm())

    def post(self, request, *args, **kwargs):
        form = ImportConfirmForm(request.POST)
        form.is_valid()
        try:
            job = services.import_run_start(
                run=self.object,
                actor=request.user,
                skip_invalid=form.cleaned_data.get("skip_invalid", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_page(form, status=400)
        return redirect("jobs:job-detail", loket_slug=self.desk.slug, pk=job.pk)
