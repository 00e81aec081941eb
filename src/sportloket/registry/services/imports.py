"""Writes of imports: an organisation file planned and written all or nothing, the uploaded
file kept for its preview until a coordinator confirms it, and then written by a background
job (``import_run_start``)."""

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.uploads import check_upload
from sportloket.jobs import services as job_services
from sportloket.jobs.constants import JobKind
from sportloket.jobs.models import Job
from sportloket.registry import tasks
from sportloket.registry.importing.apply import apply_import, plan_import
from sportloket.registry.importing.job import refused_rows_message
from sportloket.registry.importing.read import MAX_FILE_BYTES, UnreadableFile
from sportloket.registry.models import ImportRun

IMPORT_MAX_BYTES = MAX_FILE_BYTES


def organisation_import(*, loket, actor, data, dry_run: bool = False, skip_invalid: bool = False):
    """Imports an organisation file (bytes or a binary file object) for a desk: all or
    nothing, unless ``skip_invalid``.

    Returns ``(plan, written)``. Nothing is written when the file has refused rows and
    ``skip_invalid`` is off, or when ``dry_run`` is on. Raises ``read.UnreadableFile``.
    """
    plan = plan_import(loket=loket, data=data)
    if dry_run or (plan.has_errors and not skip_invalid):
        return plan, False
    apply_import(plan, actor=actor)
    return plan, True


def import_run_create(*, loket, actor, filename: str, file) -> tuple[ImportRun, object]:
    """Checks an uploaded file and keeps it for the preview; writes no organisation yet.

    ``file`` is the upload (or any file object): it is checked by its size first and then read
    in pieces, never held whole in memory. Raises ValidationError (on ``file``) when the file
    is too large or cannot be read.
    """
    if not isinstance(file, File):
        file = File(file, name=filename)
    try:
        check_upload(file, max_bytes=IMPORT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    try:
        plan = plan_import(loket=loket, data=file)
    except UnreadableFile as error:
        raise ValidationError({"file": str(error)}) from error
    file.seek(0)
    with transaction.atomic(), audited(actor):
        run = ImportRun(
            loket=loket,
            uploaded_by=actor,
            filename=filename[:255],
            summary=plan.summary(),
        )
        run.file.save("upload", file, save=False)
        run.save()
    return run, plan


def import_run_start(*, run: ImportRun, actor, skip_invalid: bool) -> Job:
    """Starts writing a previewed import in the background; returns its job, whose page shows
    the progress and then the result. All rows are written, or only the valid ones with
    ``skip_invalid``; how, and what a job that stops half-way leaves: ``importing.job``.

    A second click while the job runs returns that same job. A job that failed, or stopped
    without finishing (its worker gone, ``Job.seems_stopped``), is followed by a new one; the
    stopped one is marked failed, so that it writes nothing more should it come back. Raises
    ValidationError when the import was carried out already, or when the file has refused rows
    and ``skip_invalid`` is off (then nothing is started)."""
    with transaction.atomic(), audited(actor):
        # Locked, so that a double click starts one job.
        run = ImportRun.objects.select_for_update(of=("self",)).select_related("job").get(pk=run.pk)
        if run.status != ImportRun.Status.PREVIEWED:
            raise ValidationError(_("This import has already been carried out."))
        current = run.job
        if current is not None and not current.is_finished and not current.seems_stopped:
            return current
        if run.summary.get("refused") and not skip_invalid:
            raise ValidationError(refused_rows_message())
        if current is not None and not current.is_finished:
            job_services.job_fail(
                job=current,
                error=_("It stopped without finishing; the import was started again."),
            )
        job = job_services.job_create(
            loket=run.loket,
            actor=actor,
            kind=JobKind.REGISTER_IMPORT,
            params={"import_run": run.pk, "filename": run.filename},
        )
        run.job = job
        run.save(update_fields=["job", "updated_at"])
        # In this transaction: the job and its task are committed together, or neither.
        task = tasks.register_import.enqueue(
            job_id=job.pk, run_id=run.pk, skip_invalid=skip_invalid
        )
        job_services.job_task_set(job=job, task_result_id=task.id)
    return job
