"""Writes of imports: an organisation file planned and written all or nothing, and the
uploaded file kept for its preview until a coordinator confirms it."""

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.uploads import check_upload
from sportloket.registry.importing.apply import apply_import, plan_import
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


def import_run_apply(*, run: ImportRun, actor, skip_invalid: bool):
    """Writes a previewed import: all rows, or only the valid ones with ``skip_invalid``."""
    with transaction.atomic(), audited(actor):
        # Locked, so that a double click writes the file once.
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportRun.Status.PREVIEWED:
            raise ValidationError(_("This import has already been carried out."))
        with run.file.open("rb") as handle:
            plan, written = organisation_import(
                loket=run.loket, actor=actor, data=handle, skip_invalid=skip_invalid
            )
        if written:
            run.status = ImportRun.Status.APPLIED
            run.summary = plan.summary()
            run.save(update_fields=["status", "summary", "updated_at"])
    return plan, written
