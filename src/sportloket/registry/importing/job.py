"""The register import as a background job (``registry.tasks.register_import``): a previewed
file written into the register by the worker, with progress on the job's page, without
holding the database for long, and all or nothing.

The steps, and how long each holds SQLite's single write lock:

1. read and plan the file again (as the preview did): reads only, no lock;
2. stage it (``staging``): 1,000 rows of the file per transaction (some tens of milliseconds,
   with the job's progress in it), then a pause that lets waiting writers in
   (``database.give_way``);
3. apply it (``commit``): one transaction of set-based statements that copy the staged rows
   into the register and mark the import and its job done. The only long write: about 0.7 s
   for 50,000 rows (the most a file may hold) on SQLite, 1.4 s for 100,000; a web request
   that writes meanwhile waits that long (``bench/bench_import_concurrency.py`` measures it);
4. delete the staged rows, in short transactions with pauses (what a job killed after step 3
   leaves, the next import's job deletes).

The guarantee: **the register holds the whole import or nothing of it**, whenever the job
stops. Until step 3 commits, the register is untouched: what a killed worker leaves is staged
rows (in their own tables, read by nothing but import jobs) and ids reserved for organisations
that were never written (gaps in the numbering). Step 3 is one transaction: a kill during it is
a rollback. The import's state (``ImportRun.status``) and the job's end are written in that same
transaction, so "applied" and the register's change are never apart, and an import is applied
at most once: a later job finds it applied and only reports so. We chose this over applying in
batches that a restart resumes: that would leave a register half-changed between a kill and the
restart (and for good, if nobody restarts), and the one longer write it avoids stays within what
a web request may wait.

Starting again: a job whose worker died stays "running" without a sign of life; after
``jobs.constants.STALE_AFTER`` its page says it stopped, and the import's page offers to start
it again (``services.import_run_start``). That fails the dead job and makes a new one the
import's current job (``ImportRun.job``). The new job discards the dead one's staged rows and
stages from the start; it does not take them over, as the register may have changed since they
were planned. If the "dead" job was only slow, it finds at its next progress report that it is
no longer running and stops (that batch rolled back); and step 3 checks, under the import's row
lock, that its job is still the current one, so two jobs never both apply an import.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.jobs import services as job_services
from sportloket.jobs.constants import JobStage
from sportloket.jobs.models import Job
from sportloket.registry.importing.apply import plan_import
from sportloket.registry.importing.commit import commit_staged
from sportloket.registry.importing.read import UnreadableFile
from sportloket.registry.importing.staging import (
    discard_staged,
    discard_staged_of_finished_jobs,
    stage_plan,
)
from sportloket.registry.models import ImportRun

logger = logging.getLogger(__name__)


class Superseded(Exception):
    """The job is no longer the import's current one (it was started again), or has finished:
    it stops, and writes nothing more."""


def refused_rows_message() -> str:
    return _(
        "Nothing was written: the file has refused rows. Correct the file and upload it "
        "again, or choose to import only the valid rows."
    )


def _report(job: Job, stage, done=None, total=None) -> None:
    if not job_services.job_progress(job=job, stage=stage, done=done, total=total):
        raise Superseded


def _apply(job: Job, run: ImportRun, *, actor, summary: dict) -> dict:
    """Step 3: the staged rows into the register, with the import's and the job's end."""
    result = {"import_run": run.pk, **summary}
    with transaction.atomic(), audited(actor):
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.job_id != job.pk or locked.status != ImportRun.Status.PREVIEWED:
            raise Superseded
        commit_staged(job=job, loket=run.loket, actor=actor)
        locked.status = ImportRun.Status.APPLIED
        locked.summary = summary
        locked.save(update_fields=["status", "summary", "updated_at"])
        if not job_services.job_finish(job=job, result=result):
            raise Superseded
    return result


def _import(job: Job, run: ImportRun, *, skip_invalid: bool) -> dict:
    actor = job.started_by
    if run.status == ImportRun.Status.APPLIED:
        # Applied by a job that died before it could say so: nothing more to write.
        result = {"import_run": run.pk, **run.summary}
        job_services.job_finish(job=job, result=result)
        return result
    if run.job_id != job.pk:
        raise Superseded
    discard_staged(run=run, keep_job=job)
    discard_staged_of_finished_jobs()
    with run.file.open("rb") as handle:
        plan = plan_import(loket=run.loket, data=handle)
    if plan.has_errors and not skip_invalid:
        raise ValidationError(refused_rows_message())
    stage_plan(
        plan,
        run=run,
        job=job,
        report=lambda done, total: _report(job, JobStage.STAGING, done, total),
    )
    _report(job, JobStage.APPLYING)
    return _apply(job, run, actor=actor, summary=plan.summary())


def _failed(job: Job, message: str) -> dict:
    job_services.job_fail(job=job, error=message)
    return {"failed": message}


def _run(job: Job, run: ImportRun, *, skip_invalid: bool) -> dict:
    try:
        result = _import(job, run, skip_invalid=skip_invalid)
    except Superseded:
        discard_staged(run=run, only_job=job)
        return {"superseded": True}
    except UnreadableFile as error:
        result = _failed(job, str(error))
    except ValidationError as error:
        result = _failed(job, error.messages[0])
    except IntegrityError:
        logger.warning("import %s: the register changed while importing", run.pk)
        result = _failed(
            job,
            _(
                "The register changed while the file was imported (an organisation was merged "
                "or removed, or a KvK number was taken). Nothing was written; start the import "
                "again."
            ),
        )
    except Exception:
        _failed(job, _("The import stopped because of an error; nothing was written."))
        discard_staged(run=run, only_job=job)
        raise
    # Applied: no job needs the import's staged rows any more. Failed: its own are of no use.
    discard_staged(run=run, only_job=None if "failed" not in result else job)
    return result


def import_run_execute(*, job_id: int, run_id: int, skip_invalid: bool) -> dict:
    """The job's work, as the worker runs it. A job that is not queued any more (it failed, or
    another worker took it) is left alone. A file that cannot be read, or has refused rows the
    user did not choose to leave out, fails the job with the reason; so does a register that
    changed in a way the planned import no longer fits (then nothing was written, and starting
    again plans anew). An unexpected error fails the job too, and is raised for the task's log.
    """
    job = Job.objects.select_related("started_by").get(pk=job_id)
    run = ImportRun.objects.select_related("loket").get(pk=run_id)
    if not job_services.job_start(job=job):
        return {"skipped": True}
    # The user reads the job's error in the desk's language.
    with translation.override(settings.LANGUAGE_CODE):
        return _run(job, run, skip_invalid=skip_invalid)
