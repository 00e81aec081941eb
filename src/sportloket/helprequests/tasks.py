"""Tasks of the questions that the worker runs (`manage.py db_worker`, docs/deploy.md)."""

from django_tasks import task

from sportloket.helprequests.exports import inbox_export as prepare_inbox_export
from sportloket.jobs.exports import export_execute


@task()
def inbox_export(job_id: int) -> dict:
    """Writes the inbox's filtered list, as its starter may see it, into the file of the export
    job ``job_id``, with progress on its page (``jobs.exports`` says what a failure leaves)."""
    return export_execute(job_id=job_id, prepare=prepare_inbox_export)
