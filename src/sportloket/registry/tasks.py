"""Tasks of the register that the worker runs (`manage.py db_worker`, docs/deploy.md)."""

from django_tasks import task

from sportloket.jobs.exports import export_execute
from sportloket.registry.exporting import organisation_export
from sportloket.registry.importing.job import import_run_execute


@task()
def register_import(job_id: int, run_id: int, skip_invalid: bool = False) -> dict:
    """Writes a previewed organisation file into the register, as the job ``job_id`` with
    progress on its page; all or nothing (``registry.importing.job`` says how)."""
    return import_run_execute(job_id=job_id, run_id=run_id, skip_invalid=skip_invalid)


@task()
def register_export(job_id: int) -> dict:
    """Writes the register's filtered list into the file of the export job ``job_id``, with
    progress on its page (``jobs.exports`` says what a failure leaves)."""
    return export_execute(job_id=job_id, prepare=organisation_export)
