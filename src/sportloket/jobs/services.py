"""Writes of background jobs: a job is made in the transaction that enqueues its task, started
and reported on by the worker, and finished or failed.

The worker runs outside any transaction, so each report below is one UPDATE, committed on its
own or with the short transaction of the work it reports on (a batch of an import): the job's
page sees it while the work goes on. A report on a job that is no longer running (it failed, or
was started again as another job) changes nothing and returns False: the worker then stops the
work."""

from django.core.files.base import File
from django.utils import timezone

from sportloket.jobs.constants import JobStage, JobState
from sportloket.jobs.models import Job

ERROR_MAX = 2000


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def job_create(*, loket, actor, kind, params=None) -> Job:
    """A queued job of ``kind`` for the desk. Call it in the transaction that enqueues the task
    that does the work, so that both exist or neither."""
    return Job.objects.create(loket=loket, started_by=_user(actor), kind=kind, params=params or {})


def job_task_set(*, job: Job, task_result_id) -> None:
    """Records the id of the job's task (django-tasks' result), to find it in the task queue."""
    job.task_result_id = str(task_result_id)[:64]
    Job.objects.filter(pk=job.pk).update(task_result_id=job.task_result_id)


def _report(job: Job, states, **fields) -> bool:
    """Writes ``fields`` on the job if it is in one of ``states``; keeps the object in step."""
    now = timezone.now()
    fields = {"heartbeat_at": now, "updated_at": now, **fields}
    written = Job.objects.filter(pk=job.pk, state__in=states).update(**fields)
    if written:
        for name, value in fields.items():
            setattr(job, name, value)
    return bool(written)


def job_start(*, job: Job, stage=JobStage.READING) -> bool:
    """The worker takes up a queued job. False when it is not queued any more (failed, or
    taken up already): the worker leaves it alone."""
    return _report(
        job, [JobState.QUEUED], state=JobState.RUNNING, stage=stage, started_at=timezone.now()
    )


def job_progress(*, job: Job, stage, done: int | None = None, total: int | None = None) -> bool:
    """How far a running job is: its stage and, where it counts, ``done`` of ``total``. Also
    its sign of life (``Job.seems_stopped``). False when the job is not running any more."""
    fields = {"stage": stage}
    if total is not None:
        fields["total"] = total
    if done is not None:
        fields["done"] = done if total is None else min(done, total)
    return _report(job, [JobState.RUNNING], **fields)


def job_finish(*, job: Job, result: dict, file=None, filename: str = "") -> bool:
    """A running job is done, with its ``result`` (a small JSON summary) and, for an export,
    the ``file`` it made. May run inside the transaction that commits the job's work, so that
    the work and its being done are committed together. False when the job was not running."""
    fields = {"state": JobState.DONE, "stage": JobStage.FINISHED, "finished_at": timezone.now()}
    fields["result"] = result
    if job.total is not None:
        fields["done"] = job.total
    if file is not None:
        job.file.save(filename or "result", file if isinstance(file, File) else File(file), False)
        fields["file"] = job.file.name
    return _report(job, [JobState.RUNNING], **fields)


def job_fail(*, job: Job, error: str) -> bool:
    """A queued or running job failed; ``error`` says why, for the user. False when it had
    finished already."""
    return _report(
        job,
        [JobState.QUEUED, JobState.RUNNING],
        state=JobState.FAILED,
        finished_at=timezone.now(),
        error=str(error)[:ERROR_MAX],
    )
