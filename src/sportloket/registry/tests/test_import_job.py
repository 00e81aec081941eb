"""The register import as a background job (``registry.importing.job``): staged in short
transactions while the register stays as it was, applied in one, each organisation once; a job
killed half-way leaves the register as it was, and the import can be started again.

In the tests the task runs the moment it is enqueued (django-tasks' ImmediateBackend); the test
with a real worker process is ``test_import_job_worker``."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from sportloket.core.models import Municipality
from sportloket.jobs import services as job_services
from sportloket.jobs.constants import STALE_AFTER, JobKind, JobStage, JobState
from sportloket.jobs.models import Job
from sportloket.registry import services
from sportloket.registry.importing import job as import_job
from sportloket.registry.importing.apply import plan_import
from sportloket.registry.importing.database import reserve_ids
from sportloket.registry.importing.staging import BATCH, ORGANISATION_COLUMNS, stage_plan
from sportloket.registry.models import (
    ImportRun,
    ImportStagedRelation,
    ImportStagedRow,
    Organisation,
    OrganisationLink,
    Tag,
)
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "Naam;KvK-nummer;Postcode;Plaats;Gemeente;Sporten;Labels;Aantal leden;E-mail"


class Killed(BaseException):
    """A worker killed in the middle (SIGKILL): no handler runs, nothing is cleaned up."""


def csv(*lines) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode()


def clubs(count, start=0) -> list[str]:
    return [
        f"Club {n:05};{30000000 + n:08d};3511 AB;Utrecht;Utrecht;Voetbal, Tennis;jeugd;{100 + n};"
        for n in range(start, start + count)
    ]


def upload(desk, actor, data) -> ImportRun:
    run, _plan = services.import_run_create(
        loket=desk, actor=actor, filename="clubs.csv", file=ContentFile(data, name="clubs.csv")
    )
    return run


def queued_job(run, actor) -> Job:
    """A job for the import as ``import_run_start`` makes it, without running it."""
    job = job_services.job_create(loket=run.loket, actor=actor, kind=JobKind.REGISTER_IMPORT)
    run.job = job
    run.save(update_fields=["job"])
    return job


def execute(job, run, skip_invalid=False):
    return import_job.import_run_execute(job_id=job.pk, run_id=run.pk, skip_invalid=skip_invalid)


def register_state():
    """What a reader of the register sees: organisations, desk links, tags, audit entries."""
    organisation_type = ContentType.objects.get_for_model(Organisation)
    return {
        "organisations": Organisation.objects.count(),
        "links": OrganisationLink.objects.count(),
        "tags": Tag.objects.count(),
        "sports": Organisation.sports.through.objects.count(),
        "entries": LogEntry.objects.filter(content_type=organisation_type).count(),
    }


@pytest.fixture
def reports(monkeypatch):
    """Calls ``hook(job, stage, done, total)`` at each progress report of an import job."""
    hooks = []
    report = job_services.job_progress

    def reporting(*, job, stage, done=None, total=None):
        for hook in hooks:
            hook(job, stage, done, total)
        return report(job=job, stage=stage, done=done, total=total)

    monkeypatch.setattr(job_services, "job_progress", reporting)
    return hooks


def test_starting_an_import_runs_it_as_a_job_that_writes_every_row_once(desk, coordinator):
    run = upload(desk, coordinator, csv(*clubs(3)))
    job = services.import_run_start(run=run, actor=coordinator, skip_invalid=False)
    job.refresh_from_db()
    run.refresh_from_db()
    assert (job.state, job.kind, job.started_by, run.job) == (
        JobState.DONE,
        JobKind.REGISTER_IMPORT,
        coordinator,
        job,
    )
    assert job.result == {"import_run": run.pk, **run.summary}
    assert job.result["created"] == 3 and job.task_result_id
    assert job.params == {"import_run": run.pk, "filename": "clubs.csv"}
    assert run.status == ImportRun.Status.APPLIED
    club = Organisation.objects.get(kvk_number="30000002")
    assert (club.name, club.city, club.member_count) == ("Club 00002", "Utrecht", 102)
    assert club.municipality == Municipality.objects.get(name="Utrecht")
    assert sorted(club.sports.values_list("name", flat=True)) == ["Tennis", "Voetbal"]
    assert list(club.tags.values_list("name", flat=True)) == ["jeugd"]
    assert OrganisationLink.objects.filter(loket=desk, source="import").count() == 3
    entry = LogEntry.objects.get_for_object(club).get()
    assert entry.actor == coordinator and entry.action == LogEntry.Action.CREATE
    assert entry.changes["name"] == ["None", "Club 00002"] and entry.object_id == club.pk
    assert entry.additional_data == {"source": "import"}
    assert not ImportStagedRow.objects.exists() and not ImportStagedRelation.objects.exists()


def test_the_register_is_unchanged_until_the_final_write(desk, coordinator, reports):
    OrganisationFactory(kvk_number="30000001", name="Club 00001", city="Houten")
    run = upload(desk, coordinator, csv(*clubs(BATCH * 2 + 500)))
    job = queued_job(run, coordinator)
    before = register_state()
    seen = []

    def look(job, stage, done, total):
        seen.append((stage, done, total, register_state()))

    reports.append(look)
    execute(job, run)
    staging = [(done, total) for stage, done, total, _ in seen if stage == JobStage.STAGING]
    assert staging == [(BATCH, 2500), (2 * BATCH, 2500), (2500, 2500)]
    assert all(state == before for *_, state in seen)
    after = register_state()
    assert after["organisations"] == before["organisations"] + 2499
    assert Organisation.objects.get(kvk_number="30000001").city == "Utrecht"
    assert Job.objects.get(pk=job.pk).state == JobState.DONE


def test_a_job_killed_half_way_leaves_the_register_as_it_was_and_can_be_started_again(
    desk, coordinator, reports
):
    known = OrganisationFactory(kvk_number="30000007", name="Club 00007", city="Houten")
    run = upload(desk, coordinator, csv(*clubs(BATCH * 3)))
    dead = queued_job(run, coordinator)
    before = register_state()

    def kill_after_two_batches(job, stage, done, total):
        if job.pk == dead.pk and stage == JobStage.STAGING and done == 2 * BATCH:
            raise Killed

    reports.append(kill_after_two_batches)
    with pytest.raises(Killed):
        execute(dead, run)
    assert register_state() == before
    known.refresh_from_db()
    assert (known.city, known.member_count) == ("Houten", None)
    # Left behind: the first batch; the second one's transaction was cut off with the report.
    assert ImportStagedRow.objects.filter(job=dead).count() == BATCH
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED

    # While it may still be alive, the page's button leads to the same job.
    assert services.import_run_start(run=run, actor=coordinator, skip_invalid=False) == dead
    # Later, without a sign of life, it is started again.
    Job.objects.filter(pk=dead.pk).update(heartbeat_at=timezone.now() - STALE_AFTER * 2)
    again = services.import_run_start(run=run, actor=coordinator, skip_invalid=False)
    assert again != dead
    dead.refresh_from_db()
    assert dead.state == JobState.FAILED and "opnieuw gestart" in dead.error
    assert Job.objects.get(pk=again.pk).state == JobState.DONE
    assert register_state()["organisations"] == before["organisations"] + BATCH * 3 - 1
    assert Organisation.objects.filter(name__startswith="Club ").count() == BATCH * 3
    known.refresh_from_db()
    assert (known.city, known.member_count) == ("Utrecht", 107)
    assert not ImportStagedRow.objects.exists() and not ImportStagedRelation.objects.exists()


def test_a_job_that_was_replaced_stops_and_writes_nothing(desk, coordinator, reports):
    run = upload(desk, coordinator, csv(*clubs(BATCH * 2)))
    old = queued_job(run, coordinator)

    def replace_it(job, stage, done, total):
        # What starting again does while the old job still runs: fail it, make a new one.
        if job.pk == old.pk and stage == JobStage.APPLYING:
            job_services.job_fail(job=job, error="opnieuw gestart")
            queued_job(run, coordinator)

    reports.append(replace_it)
    before = register_state()
    assert execute(old, run) == {"superseded": True}
    assert register_state() == before
    assert not ImportStagedRow.objects.filter(job=old).exists()
    # Its worker taking it up again later leaves it alone.
    assert execute(old, run) == {"skipped": True}


def test_only_the_imports_current_job_may_write_it(desk, coordinator):
    run = upload(desk, coordinator, csv(*clubs(2)))
    old = queued_job(run, coordinator)
    queued_job(run, coordinator)
    assert execute(old, run) == {"superseded": True}
    assert not Organisation.objects.exists()


def test_an_import_is_applied_once(desk, coordinator):
    run = upload(desk, coordinator, csv(*clubs(2)))
    services.import_run_start(run=run, actor=coordinator, skip_invalid=False)
    after = register_state()
    with pytest.raises(ValidationError, match="al uitgevoerd"):
        services.import_run_start(run=run, actor=coordinator, skip_invalid=False)
    # A job of an import applied by one that died before it said so only reports.
    late = job_services.job_create(loket=desk, actor=coordinator, kind=JobKind.REGISTER_IMPORT)
    run.refresh_from_db()
    assert execute(late, run) == {"import_run": run.pk, **run.summary}
    assert Job.objects.get(pk=late.pk).state == JobState.DONE
    assert register_state() == after


def test_refused_rows_start_nothing_unless_they_are_left_out(desk, coordinator):
    run = upload(desk, coordinator, csv(*clubs(2), "Zonder postcode;;35;Utrecht;;;;;"))
    with pytest.raises(ValidationError, match="Er is niets vastgelegd"):
        services.import_run_start(run=run, actor=coordinator, skip_invalid=False)
    assert not Job.objects.exists()
    job = services.import_run_start(run=run, actor=coordinator, skip_invalid=True)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result["refused"] == 1
    assert Organisation.objects.count() == 2


def test_a_file_that_became_unreadable_fails_the_job_with_the_reason(desk, coordinator):
    run = upload(desk, coordinator, csv(*clubs(2)))
    run.file.save("upload", ContentFile(b""), save=True)
    job = queued_job(run, coordinator)
    execute(job, run)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error == "Het bestand is leeg."


def test_known_organisations_get_only_what_the_file_changes(desk, coordinator, reports):
    by_kvk = OrganisationFactory(
        name="Club 00001", kvk_number="30000001", city="Houten", email="a@club.example.org"
    )
    by_name = OrganisationFactory(name="Club 00002", kvk_number=None, postcode="3511 AB")
    run = upload(desk, coordinator, csv(*clubs(3)))
    job = queued_job(run, coordinator)

    def edit_meanwhile(job, stage, done, total):
        # A coordinator edits a field the file does not change, between staging and writing.
        if stage == JobStage.APPLYING:
            Organisation.objects.filter(pk=by_kvk.pk).update(phone="030 123 45 67")

    reports.append(edit_meanwhile)
    execute(job, run)
    by_kvk.refresh_from_db()
    assert (by_kvk.city, by_kvk.member_count) == ("Utrecht", 101)
    assert by_kvk.email == "a@club.example.org"  # an empty cell erases nothing
    assert by_kvk.phone == "030 123 45 67"
    by_name.refresh_from_db()
    assert by_name.kvk_number == "30000002"  # it had none
    entry = LogEntry.objects.get_for_object(by_kvk).get(additional_data__source="import")
    assert entry.action == LogEntry.Action.UPDATE and entry.actor == coordinator
    assert entry.changes["city"] == ["Houten", "Utrecht"]


def test_the_same_organisation_twice_in_a_file_is_written_once(desk, coordinator):
    data = csv(
        "HC Houten;40000001;3991 AA;Houten;Houten;Hockey;;80;",
        "HC Houten;40000001;3991 AA;Houten;Houten;Tennis;senioren;90;",
    )
    run = upload(desk, coordinator, data)
    services.import_run_start(run=run, actor=coordinator, skip_invalid=False)
    club = Organisation.objects.get()
    assert club.member_count == 90
    assert sorted(club.sports.values_list("name", flat=True)) == ["Hockey", "Tennis"]
    assert OrganisationLink.objects.get().organisation == club
    assert LogEntry.objects.get_for_object(club).count() == 1


def test_a_register_that_changed_under_the_import_fails_it_and_writes_nothing(
    desk, coordinator, reports
):
    run = upload(desk, coordinator, csv(*clubs(3)))
    job = queued_job(run, coordinator)

    def take_a_kvk_number(job, stage, done, total):
        if stage == JobStage.APPLYING:
            OrganisationFactory(kvk_number="30000001", name="Iemand anders")

    reports.append(take_a_kvk_number)
    before = register_state()
    execute(job, run)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "Het register veranderde" in job.error
    assert register_state()["organisations"] == before["organisations"] + 1  # only theirs
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED
    assert not ImportStagedRow.objects.exists()


def test_what_a_job_killed_after_its_import_left_staged_is_deleted_by_the_next(
    desk, coordinator, monkeypatch
):
    run = upload(desk, coordinator, csv(*clubs(3)))
    job = queued_job(run, coordinator)
    with monkeypatch.context() as killed:
        killed.setattr(import_job, "discard_staged", lambda **kwargs: None)  # not reached
        execute(job, run)
    assert Job.objects.get(pk=job.pk).state == JobState.DONE
    assert ImportStagedRow.objects.filter(job=job).count() == 3
    other = upload(desk, coordinator, csv(*clubs(2, start=10)))
    services.import_run_start(run=other, actor=coordinator, skip_invalid=False)
    assert not ImportStagedRow.objects.exists() and not ImportStagedRelation.objects.exists()


def test_reserved_ids_are_never_given_to_rows_written_meanwhile(db):
    first = OrganisationFactory()
    reserved = reserve_ids(Organisation, 3)
    assert len(set(reserved)) == 3 and min(reserved) > first.pk
    assert OrganisationFactory().pk > max(reserved)
    assert min(reserve_ids(Organisation, 2)) > max(reserved)
    assert reserve_ids(Organisation, 0) == []


def test_staging_does_not_query_per_row(desk, coordinator, django_assert_max_num_queries):
    run = upload(desk, coordinator, csv(*clubs(2 * BATCH)))
    job = queued_job(run, coordinator)
    plan = plan_import(loket=desk, data=csv(*clubs(2 * BATCH)))
    # The new ids reserved at once (up to 3 statements and a savepoint); per batch its rows
    # and relations inserted (2 statements and a savepoint); none per row.
    with django_assert_max_num_queries(5 + 2 * 4):
        assert stage_plan(plan, run=run, job=job, report=lambda done, total: None) == 2 * BATCH
    assert ImportStagedRow.objects.count() == 2 * BATCH
    assert ImportStagedRelation.objects.count() == 3 * 2 * BATCH


def test_the_staging_table_names_the_registers_columns():
    staged = {field.column for field in ImportStagedRow._meta.concrete_fields}
    register = {field.column for field in Organisation._meta.concrete_fields}
    assert set(ORGANISATION_COLUMNS) <= staged & register
