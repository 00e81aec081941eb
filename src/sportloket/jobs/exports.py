"""Large exports as background jobs (the register's and the inbox's): when a list has more rows
than a request may take time for (``settings.EXPORT_NOW_LIMIT``), its page starts a job instead
of answering the file, and the worker writes the file with progress on the job's page.

Each app says what its export is (``ExportFile``: the rows, how to write them, the file's name)
and runs ``export_execute`` in its task; what is the same for every export lives here: who may
export, the progress, where the file goes, and what a failure or a kill leaves.

A killed export leaves no file. The worker writes into an anonymous temporary file (no name on
disk: the system frees it with the process) and saves it as the job's file only when every row
is in it, in the step that marks the job done. A kill during that save leaves a file that no job
refers to: ``export_files_prune`` deletes it a day later. The job itself stays "running" without
a sign of life; its page then offers to export again (``export_start`` fails the dead job)."""

import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.core.scoping import user_memberships
from sportloket.jobs import services as job_services
from sportloket.jobs.constants import (
    EXPORT_CAPABILITIES,
    EXPORT_FILE_DAYS,
    EXPORT_PROGRESS_EVERY,
    ORPHAN_FILE_AGE,
    JobStage,
    JobState,
)
from sportloket.jobs.models import Job

logger = logging.getLogger(__name__)

FILES_FOLDER = "jobs"  # where ``models.job_file_to`` puts every job's file


def _storage():
    return Job._meta.get_field("file").storage


@dataclass(frozen=True)
class ExportFile:
    """An app's export: ``queryset`` (counted for the progress bar), ``rows`` (the cells of each
    row, read from that queryset in chunks), ``write(handle, rows)`` (writes the whole file into
    a binary file), and the file's Dutch ``filename`` and ``file_format`` ("csv" or "xlsx")."""

    queryset: QuerySet
    rows: Iterable[list]
    write: Callable[[BinaryIO, Iterable[list]], None]
    filename: str
    file_format: str


class ExportRefused(Exception):
    """The export may not be made (any more): the job fails with this message for its page."""


class Superseded(Exception):
    """The job is no longer running (it was failed and started again): it stops."""


def export_now(queryset) -> bool:
    """Whether the list is short enough to answer its file within the request. Counts at most
    one row beyond the limit, so a long list costs no full count here."""
    limit = settings.EXPORT_NOW_LIMIT
    return queryset.order_by()[: limit + 1].count() <= limit


def list_query(data: QueryDict, parameters: Iterable[str]) -> str:
    """The query string a list understood, as an export job keeps it: only the list's own
    ``parameters``, each with every value given, in a fixed order (so that two starts of the
    same export compare equal). An empty value stays: for some lists it differs from none."""
    kept = QueryDict(mutable=True)
    for name in parameters:
        if name in data:
            kept.setlist(name, data.getlist(name))
    return kept.urlencode()


def export_start(*, membership, kind: str, params: dict, task) -> Job:
    """Starts an export of the member's desk as a job whose ``task`` (called with the job's id)
    writes the file; returns the job, whose page shows the progress and then the download.

    The same export (kind and parameters) that the member started and that is still waiting or
    running is returned instead of a second one (a second click, a reload). One that stopped
    without finishing (its worker gone) is marked failed and followed by a new one."""
    user = membership.user
    with transaction.atomic():
        active = Job.objects.for_desk(membership.loket).filter(
            kind=kind, started_by=user, state__in=[JobState.QUEUED, JobState.RUNNING]
        )
        for job in active:
            if job.params != params:
                continue
            if not job.seems_stopped:
                return job
            job_services.job_fail(
                job=job, error=_("It stopped without finishing; the export was started again.")
            )
        job = job_services.job_create(loket=membership.loket, actor=user, kind=kind, params=params)
        # In this transaction: the job and its task are committed together, or neither.
        result = task.enqueue(job_id=job.pk)
        job_services.job_task_set(job=job, task_result_id=result.id)
    return job


def starter_membership(job: Job):
    """The membership of the member who started the export, if they may still export this
    list; ExportRefused otherwise (they left the desk, or their role changed)."""
    user = job.started_by
    memberships = user_memberships(user) if user is not None else []
    membership = next((m for m in memberships if m.loket_id == job.loket_id), None)
    if membership is None or not membership.can(EXPORT_CAPABILITIES[job.kind]):
        raise ExportRefused(_("The member who started this export may no longer export it."))
    return membership


def _report(job: Job, done: int, total: int) -> None:
    if not job_services.job_progress(job=job, stage=JobStage.WRITING_FILE, done=done, total=total):
        raise Superseded


class _Progress:
    """Counts the rows as the file takes them, and reports every EXPORT_PROGRESS_EVERY."""

    def __init__(self, job: Job, total: int):
        self.job, self.total, self.done = job, total, 0

    def rows(self, rows: Iterable[list]) -> Iterator[list]:
        for row in rows:
            yield row
            self.done += 1
            if self.done % EXPORT_PROGRESS_EVERY == 0:
                _report(self.job, self.done, self.total)


def _export(job: Job, prepare) -> dict:
    export = prepare(job=job, membership=starter_membership(job))
    total = export.queryset.count()
    _report(job, 0, total)
    progress = _Progress(job, total)
    with tempfile.TemporaryFile() as handle:
        export.write(handle, progress.rows(export.rows))
        handle.seek(0)
        result = {
            "rows": progress.done,
            "filename": export.filename,
            "format": export.file_format,
        }
        stored = job_services.job_finish(
            job=job, result=result, file=File(handle, name=export.filename)
        )
    if not stored:
        # Failed meanwhile (started again): the file saved just now belongs to no job.
        job.file.storage.delete(job.file.name)
        raise Superseded
    return result


def export_execute(*, job_id: int, prepare: Callable[..., ExportFile]) -> dict:
    """The worker's part of an export job: ``prepare(job=, membership=)`` (the app's) says what
    the file holds, read as the member who started it may see it now; the file is written
    with progress and kept as the job's. A job that is not queued any more is left alone. An
    unexpected error fails the job, and is raised for the task's log."""
    job = Job.objects.select_related("loket", "started_by").get(pk=job_id)
    if not job_services.job_start(job=job, stage=JobStage.WRITING_FILE):
        return {"skipped": True}
    # The user reads the job's error in the desk's language.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            return _export(job, prepare)
        except Superseded:
            return {"superseded": True}
        except ExportRefused as error:
            job_services.job_fail(job=job, error=str(error))
            return {"failed": str(error)}
        except Exception:
            job_services.job_fail(
                job=job, error=_("The export stopped because of an error; no file was made.")
            )
            raise


def _referenced_files() -> set[str]:
    return set(Job.objects.exclude(file="").values_list("file", flat=True))


def _orphans(now) -> Iterator[str]:
    """The files under the jobs' folder that no job refers to, older than ORPHAN_FILE_AGE."""
    storage = _storage()
    if not storage.exists(FILES_FOLDER):
        return
    referenced = _referenced_files()
    folders, _files = storage.listdir(FILES_FOLDER)
    for folder in folders:
        for name in storage.listdir(f"{FILES_FOLDER}/{folder}")[1]:
            path = f"{FILES_FOLDER}/{folder}/{name}"
            if path in referenced:
                continue
            if storage.get_modified_time(path) < now - ORPHAN_FILE_AGE:
                yield path


def export_files_prune(*, days: int = EXPORT_FILE_DAYS, now=None) -> tuple[int, int]:
    """Deletes the files of exports finished more than ``days`` ago (the job keeps its row
    count; its page says the file was deleted and offers to export again), and the files that
    no job refers to. Returns (files of jobs, files of no job) deleted.

    A job's file is forgotten by the job first, then deleted: a run that stops in between
    leaves a file of no job, which the next run deletes."""
    now = now or timezone.now()
    storage = _storage()
    expired = Job.objects.filter(
        kind__in=list(EXPORT_CAPABILITIES), finished_at__lt=now - timedelta(days=days)
    ).exclude(file="")
    pruned = 0
    for pk, name in expired.values_list("pk", "file"):
        if Job.objects.filter(pk=pk, file=name).update(file="", updated_at=now):
            storage.delete(name)
            pruned += 1
    orphans = 0
    for path in list(_orphans(now)):
        storage.delete(path)
        orphans += 1
        logger.info("deleted %s, a file of no job", path)
    return pruned, orphans
