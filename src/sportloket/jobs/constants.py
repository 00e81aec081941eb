"""The words of a background job: what it does, where it is, and who may follow it."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from sportloket.core.permissions import Capability


class JobKind(models.TextChoices):
    REGISTER_IMPORT = "register_import", _("Import of organisations")
    EXPORT = "export", _("Export")
    REGISTER_EXPORT = "register_export", _("Export of organisations")
    INBOX_EXPORT = "inbox_export", _("Export of questions")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# States a job does not leave again.
FINISHED_STATES = (JobState.DONE, JobState.FAILED)


class JobStage(models.TextChoices):
    """Where a running job is, in words the page shows next to the progress bar."""

    WAITING = "waiting", _("Waiting for a worker")
    READING = "reading", _("Reading and checking the file")
    STAGING = "staging", _("Preparing the rows")
    APPLYING = "applying", _("Writing the changes")
    WRITING_FILE = "writing_file", _("Writing the file")
    FINISHED = "finished", _("Finished")


# What a member must be allowed to follow a job someone else of the desk started (the one who
# started it always may): an import's progress and counts are the register's business.
KIND_CAPABILITIES = {
    JobKind.REGISTER_IMPORT: Capability.MANAGE_REGISTER,
    JobKind.EXPORT: Capability.VIEW_REGISTER,
}

# An export's file holds what its starter may see (for the inbox: as a supporter, only their own
# questions), so only the member who started it may follow it and download the file: these
# kinds have no capability above. The member must still be allowed what the list is about, when
# the worker writes the file and when it is downloaded.
EXPORT_CAPABILITIES = {
    JobKind.REGISTER_EXPORT: Capability.VIEW_REGISTER,
    JobKind.INBOX_EXPORT: Capability.VIEW_REQUESTS,
}
EXPORT_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# An export reports how far it is every this many rows (one short UPDATE each).
EXPORT_PROGRESS_EVERY = 1000
# The files of exports are personal data: ``prune_job_files`` deletes them this long after the
# export finished (docs/deploy.md), and files no job refers to (a worker killed while saving one)
# after a day.
EXPORT_FILE_DAYS = 7
ORPHAN_FILE_AGE = timedelta(days=1)

# A running job reports progress at least every few seconds (per batch). One that has said
# nothing for this long has lost its worker (killed, out of memory, machine gone): the page says
# so and the job may be started again. Long enough for the longest silent step (reading and
# checking a file of 50,000 rows takes some seconds; the final write of an import under a
# second, or up to the database's busy timeout of 20 s when it has to wait).
STALE_AFTER = timedelta(minutes=2)
