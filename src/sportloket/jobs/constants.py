"""The words of a background job: what it does, where it is, and who may follow it."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from sportloket.core.permissions import Capability


class JobKind(models.TextChoices):
    REGISTER_IMPORT = "register_import", _("Import of organisations")
    EXPORT = "export", _("Export")


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

# A running job reports progress at least every few seconds (per batch). One that has said
# nothing for this long has lost its worker (killed, out of memory, machine gone): the page says
# so and the job may be started again. Long enough for the longest silent step (reading and
# checking a file of 50,000 rows takes some seconds; the final write of an import under a
# second, or up to the database's busy timeout of 20 s when it has to wait).
STALE_AFTER = timedelta(minutes=2)
