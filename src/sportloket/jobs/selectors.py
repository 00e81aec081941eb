"""Reads of background jobs: one job, for a member of its desk who may follow it."""

from django.http import Http404

from sportloket.core.scoping import get_object_for_desk_or_404
from sportloket.jobs.constants import KIND_CAPABILITIES
from sportloket.jobs.models import Job


def may_follow(*, membership, job: Job) -> bool:
    """The member who started the job, and members allowed what its kind is about."""
    if job.started_by_id is not None and job.started_by_id == membership.user_id:
        return True
    capability = KIND_CAPABILITIES.get(job.kind)
    return capability is not None and membership.can(capability)


def job_for_member(*, membership, pk) -> Job:
    """The job ``pk`` of the member's desk, or 404: for another desk's job (a user of desk A
    never learns that desk B's job exists) and for one the member may not follow."""
    job = get_object_for_desk_or_404(
        Job.objects.select_related("started_by"), membership.loket, pk=pk
    )
    if not may_follow(membership=membership, job=job):
        raise Http404
    return job
