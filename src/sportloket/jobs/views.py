"""A background job's page: how far it is, then what it did or what went wrong."""

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.views.generic import TemplateView

from sportloket.core.views_mixins import DeskObjectMixin, HtmxPartialMixin
from sportloket.jobs import selectors
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
        )
        return ctx


def result_template(kind: str):
    """The template that shows a job's result and links, by its kind; None without one."""
    try:
        return get_template(f"jobs/results/{kind}.html")
    except TemplateDoesNotExist:
        return None
