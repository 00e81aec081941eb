"""A job's life as the worker writes it: started once, progress with a sign of life, finished
with its result (and a file), or failed with a reason; a job that is not running any more
takes no reports, which is how the worker learns to stop."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from freezegun import freeze_time

from sportloket.jobs import services
from sportloket.jobs.constants import STALE_AFTER, JobKind, JobStage, JobState
from sportloket.jobs.models import Job
from sportloket.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def fresh(job):
    return Job.objects.get(pk=job.pk)


def test_a_job_is_made_queued_for_its_desk_and_starter(desk, coordinator):
    job = services.job_create(
        loket=desk, actor=coordinator, kind=JobKind.REGISTER_IMPORT, params={"import_run": 7}
    )
    job = fresh(job)
    assert (job.loket, job.started_by, job.state, job.stage) == (
        desk,
        coordinator,
        JobState.QUEUED,
        JobStage.WAITING,
    )
    assert job.params == {"import_run": 7} and job.total is None and job.done == 0


def test_a_job_is_started_once(desk):
    job = JobFactory(loket=desk)
    assert services.job_start(job=job)
    started = fresh(job)
    assert started.state == JobState.RUNNING and started.stage == JobStage.READING
    assert started.started_at is not None and started.heartbeat_at is not None
    assert not services.job_start(job=fresh(job))  # a second worker leaves it alone


def test_progress_is_written_with_a_sign_of_life(desk):
    job = JobFactory(loket=desk)
    services.job_start(job=job)
    with freeze_time(timezone.now() + timedelta(seconds=30)):
        assert services.job_progress(job=job, stage=JobStage.STAGING, done=1000, total=4000)
        written = fresh(job)
        assert (written.stage, written.done, written.total) == (JobStage.STAGING, 1000, 4000)
        assert written.heartbeat_at == timezone.now()
    assert written.percent == 25
    # The in-memory job follows, so the worker can read its own total.
    assert job.total == 4000
    # More done than there is to do cannot be written (the database refuses it too).
    services.job_progress(job=job, stage=JobStage.STAGING, done=5000, total=4000)
    assert fresh(job).done == 4000


def test_a_job_that_is_no_longer_running_takes_no_reports(desk):
    job = JobFactory(loket=desk)
    services.job_start(job=job)
    assert services.job_fail(job=fresh(job), error="Gestopt")
    assert not services.job_progress(job=job, stage=JobStage.APPLYING, done=5, total=10)
    assert not services.job_finish(job=job, result={"created": 1})
    failed = fresh(job)
    assert failed.state == JobState.FAILED and failed.error == "Gestopt"
    assert failed.stage != JobStage.APPLYING and failed.result == {}
    assert not services.job_fail(job=failed, error="Nog eens")  # finished stays finished
    assert fresh(job).error == "Gestopt"


def test_a_queued_job_can_fail_before_it_started(desk):
    job = JobFactory(loket=desk)
    assert services.job_fail(job=job, error="x" * 5000)
    failed = fresh(job)
    assert failed.state == JobState.FAILED and len(failed.error) == services.ERROR_MAX


def test_a_finished_job_keeps_its_result_and_counts_everything_done(desk):
    job = JobFactory(loket=desk)
    services.job_start(job=job)
    services.job_progress(job=job, stage=JobStage.STAGING, done=3000, total=4000)
    assert services.job_finish(job=job, result={"created": 4000})
    done = fresh(job)
    assert done.state == JobState.DONE and done.stage == JobStage.FINISHED
    assert (done.done, done.total, done.result) == (4000, 4000, {"created": 4000})
    assert done.finished_at is not None and done.is_finished


def test_an_export_keeps_its_file(desk, settings, tmp_path):
    job = JobFactory(loket=desk, kind=JobKind.EXPORT)
    services.job_start(job=job)
    services.job_finish(
        job=job, result={"rows": 2}, file=ContentFile(b"Naam\r\nA\r\nB\r\n"), filename="x.csv"
    )
    stored = fresh(job)
    assert stored.file.name.startswith(f"jobs/{desk.pk}/")
    with stored.file.open("rb") as handle:
        assert handle.read() == b"Naam\r\nA\r\nB\r\n"


def test_the_task_id_is_kept(desk):
    job = JobFactory(loket=desk)
    services.job_task_set(job=job, task_result_id="0b7e0b1c-7d4b-4a55-9a6a-2d8cbb1c4c8e")
    assert fresh(job).task_result_id == "0b7e0b1c-7d4b-4a55-9a6a-2d8cbb1c4c8e"


def test_a_running_job_without_a_sign_of_life_seems_stopped(desk):
    job = JobFactory(loket=desk, running=True)
    assert not job.seems_stopped
    with freeze_time(timezone.now() + STALE_AFTER - timedelta(seconds=5)):
        assert not fresh(job).seems_stopped
    with freeze_time(timezone.now() + STALE_AFTER + timedelta(seconds=5)):
        assert fresh(job).seems_stopped
        # Only a running job: one waiting for a worker waits, a finished one is finished.
        assert not JobFactory(loket=desk).seems_stopped
        assert not JobFactory(loket=desk, finished=True).seems_stopped
