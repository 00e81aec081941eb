"""A background job's page: how far it is, then what it did or what went wrong; and the file an
export job made, as a download."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from sportloket.core.uploads import document_response
from sportloket.core.views_mixins import DeskObjectMixin, HtmxPartialMixin
from sportloket.jobs import exports, selectors
from sportloket.jobs.constants import (
    EXPORT_CAPABILITIES,
    EXPORT_CONTENT_TYPES,
    EXPORT_FILE_DAYS,
    JobState,
)
from sportloket.jobs.models import Job

POLL_SECONDS = 2


class JobDetailView(HtmxPartialMixin, DeskObjectMixin, TemplateView):
    """The job's state and a progress bar. While it runs, htmx asks for the status part again
    every 2 s and swaps it in (the part it gets back stops asking once the job has finished);
    without JavaScript a Refresh link does the same. Each kind of job shows its result with
    its own template, ``jobs/results/<kind>.html``, where it has one."""

    model = Job
    template_name = "jobs/job_detail.html"
    partial_template_name = "jobs/_job_status.html"

    def get_object(self):
        return selectors.job_for_member(membership=self.membership, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        job = self.object
        ctx.update(
            job=job,
            poll_seconds=POLL_SECONDS,
            result_template=result_template(job.kind),
            file_days=EXPORT_FILE_DAYS,
            file_kept_until=file_kept_until(job),
        )
        return ctx


def result_template(kind: str):
    """The template that shows a job's result and links, by its kind; None without one."""
    try:
        return get_template(f"jobs/results/{kind}.html")
    except TemplateDoesNotExist:
        return None


def file_kept_until(job: Job):
    """When ``prune_job_files`` deletes the job's file (None without one)."""
    if not job.file or job.finished_at is None:
        return None
    return job.finished_at + timedelta(days=EXPORT_FILE_DAYS)


class JobFileView(DeskObjectMixin, TemplateView):
    """The file an export job made, as a download, for whom may follow the job (an export's:
    only the member who started it, and only while they may still see the list it is of).

    Where there is no file to give (the export still runs or failed, its file was deleted after
    EXPORT_FILE_DAYS days, a job of a kind that makes none), a page says so and leads to the
    job's page. Another desk's job, or another member's export, is a 404."""

    model = Job
    template_name = "jobs/job_file_missing.html"

    def get_object(self):
        job = selectors.job_for_member(membership=self.membership, pk=self.kwargs["pk"])
        capability = EXPORT_CAPABILITIES.get(job.kind)
        if capability is not None and not self.membership.can(capability):
            raise Http404
        return job

    def get(self, request, *args, **kwargs):
        job = self.object
        if job.kind in EXPORT_CAPABILITIES and job.state == JobState.DONE and job.file:
            try:
                handle = job.file.open("rb")
            except FileNotFoundError:  # deleted by hand: as if pruned
                handle = None
            if handle is not None:
                file_format = job.result.get("format", "")
                return document_response(
                    handle,
                    filename=job.result.get("filename") or f"export-{job.pk}.{file_format}",
                    content_type=EXPORT_CONTENT_TYPES.get(file_format, "application/octet-stream"),
                )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        job = self.object
        ctx.update(job=job, is_export=job.kind in EXPORT_CAPABILITIES, file_days=EXPORT_FILE_DAYS)
        return ctx


def export_in_background(request, *, membership, kind, task, parameters, file_format):
    """What a list's export view answers when the selection is too long to export at once:
    starts the export as a job (of the list's own ``parameters`` in the request) and sends the
    member to its page, where the file will be."""
    job = exports.export_start(
        membership=membership,
        kind=kind,
        params={"query": exports.list_query(request.GET, parameters), "format": file_format},
        task=task,
    )
    messages.info(
        request,
        _(
            "This selection is too long to export at once. The file is being made in the "
            "background; you can download it here when it is ready."
        ),
    )
    return redirect("jobs:job-detail", loket_slug=membership.loket.slug, pk=job.pk)
