"""The register's export as a background job when the list is long (issue 18): up to
settings.EXPORT_NOW_LIMIT rows the file is answered at once, beyond it a job writes the same
file from the filters the list understood, one click and one reload make one job, and a job
killed half-way leaves no file and is started again from its page. The limit is set low here
to keep the data small; tasks run when enqueued (settings.test.TASKS)."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory
from sportloket.jobs import exports as job_exports
from sportloket.jobs.constants import STALE_AFTER, JobKind, JobState
from sportloket.jobs.models import Job
from sportloket.registry import exporting, tasks
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture
def utrecht_desk(desk):
    desk.work_area.set(Municipality.objects.filter(code__in=["GM0344", "GM0321"]))
    return desk


@pytest.fixture
def low_limit(settings):
    settings.EXPORT_NOW_LIMIT = LIMIT


@pytest.fixture
def tasks_wait(settings):
    """Tasks are queued and not run, as when no worker has taken them yet."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "mail"],
        }
    }


def clubs(count, **fields):
    houten = Municipality.objects.get(code="GM0321")
    return [OrganisationFactory(municipality=houten, **fields) for _ in range(count)]


def export(client, desk, **params):
    return client.get(reverse("registry:organisation-export", args=[desk.slug]), params)


def job_url(job):
    return reverse("jobs:job-detail", args=[job.loket.slug, job.pk])


def download(client, job):
    response = client.get(reverse("jobs:job-download", args=[job.loket.slug, job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content)


def xlsx_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_a_list_within_the_limit_is_answered_at_once(coordinator_client, utrecht_desk, low_limit):
    clubs(LIMIT)
    response = export(coordinator_client, utrecht_desk, format="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8").count("\r\n") == 1 + LIMIT
    assert not Job.objects.exists()


def test_a_longer_list_becomes_a_job_whose_page_offers_the_file(
    coordinator_client, coordinator, utrecht_desk, low_limit
):
    clubs(LIMIT + 1)
    response = export(coordinator_client, utrecht_desk, format="xlsx", kind="club", page="2")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert job.kind == JobKind.REGISTER_EXPORT and job.started_by == coordinator
    assert job.params == {"query": "kind=club", "format": "xlsx"}  # the page is no filter
    assert job.state == JobState.DONE and job.done == job.total == LIMIT + 1
    assert job.file.name.startswith(f"jobs/{utrecht_desk.pk}/")
    assert job.result["rows"] == LIMIT + 1
    assert job.result["filename"] == f"organisaties-alpha-{timezone.localdate().isoformat()}.xlsx"

    page = coordinator_client.get(response["Location"])
    text = page.text
    assert "<dd>4</dd>" in text
    assert reverse("jobs:job-download", args=[utrecht_desk.slug, job.pk]) in text
    assert f"{job.result['filename']} downloaden" in text
    assert len(xlsx_rows(download(coordinator_client, job))) == 1 + LIMIT + 1


def test_starting_the_job_tells_the_member_why(coordinator_client, utrecht_desk, low_limit):
    clubs(LIMIT + 1)
    page = coordinator_client.get(export(coordinator_client, utrecht_desk)["Location"])
    assert "te groot om meteen te exporteren" in page.text


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_jobs_file_equals_the_file_answered_at_once(
    coordinator_client, utrecht_desk, settings, file_format
):
    clubs(4, commercial=True, name="Fit & Vitaal")
    clubs(3, name="=HYPERLINK(1)")
    clubs(2, commercial=True, name="Gym Oost", kvk_number=None)
    query = {"format": file_format, "kind": "commercial"}
    settings.EXPORT_NOW_LIMIT = 100
    at_once = export(coordinator_client, utrecht_desk, **query)
    assert at_once.status_code == 200 and not Job.objects.exists()
    settings.EXPORT_NOW_LIMIT = LIMIT
    started = export(coordinator_client, utrecht_desk, **query)
    assert started.status_code == 302
    from_job = download(coordinator_client, Job.objects.get())
    if file_format == "csv":
        assert from_job == at_once.content
        assert from_job.decode("utf-8").count("\r\n") == 1 + 6
    else:
        assert xlsx_rows(from_job) == xlsx_rows(at_once.content)
        assert len(xlsx_rows(from_job)) == 1 + 6


@pytest.mark.parametrize(
    "query",
    [
        "",
        "kind=commercial",
        "q=oost",
        "q=oost&kind=club",
        "kind=nonsense&q=oost",  # a wrong value: the list drops every filter
        "participation=no&declaration=no",
        "sport=999999",
    ],
)
def test_the_job_selects_what_the_list_shows(coordinator_client, utrecht_desk, query):
    clubs(2, name="VV Oost")
    clubs(2, name="Gym Oost", commercial=True)
    clubs(2, name="HC West")
    page = coordinator_client.get(
        reverse("registry:organisation-list", args=[utrecht_desk.slug]) + "?" + query
    )
    listed = [o["pk"] for o in page.context["page_obj"].object_list]
    kept = job_exports.list_query(page.wsgi_request.GET, exporting.FILTER_PARAMETERS)
    selected = exporting.filtered_organisations(loket=utrecht_desk, query=kept)
    assert list(selected.values_list("pk", flat=True)) == listed


def test_a_second_click_or_a_reload_follows_the_same_job(
    coordinator_client, utrecht_desk, low_limit, tasks_wait
):
    clubs(LIMIT + 1)
    first = export(coordinator_client, utrecht_desk, format="csv", q="Sport")
    again = export(coordinator_client, utrecht_desk, format="csv", q="Sport")
    assert first["Location"] == again["Location"]
    assert Job.objects.count() == 1
    # Another filter, or another format, is another export.
    export(coordinator_client, utrecht_desk, format="xlsx", q="Sport")
    assert Job.objects.count() == 2


def test_each_member_starts_their_own_export(
    client, coordinator_client, coordinator, utrecht_desk, low_limit, tasks_wait
):
    clubs(LIMIT + 1)
    mine = export(coordinator_client, utrecht_desk)
    colleague = MembershipFactory(loket=utrecht_desk, coordinator=True).user
    client.force_login(colleague)
    theirs = export(client, utrecht_desk)
    assert mine["Location"] != theirs["Location"]
    assert sorted(Job.objects.values_list("started_by", flat=True)) == sorted(
        [coordinator.pk, colleague.pk]
    )
    assert client.get(mine["Location"]).status_code == 404


def test_a_killed_export_leaves_no_file_and_is_started_again_from_its_page(
    coordinator_client, utrecht_desk, low_limit, tasks_wait, settings, monkeypatch
):
    clubs(LIMIT + 2)
    started = export(coordinator_client, utrecht_desk, format="csv")
    job = Job.objects.get()

    def killed_half_way(handle, cell_rows):
        for done, _row in enumerate(cell_rows, start=1):
            handle.write(b"half a file\r\n")
            if done == 2:
                raise SystemExit("killed")  # like SIGKILL: nothing of the task runs after it

    monkeypatch.setattr(exporting, "write_csv", killed_half_way)
    with pytest.raises(SystemExit):
        tasks.register_export.call(job_id=job.pk)
    monkeypatch.undo()
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and not job.file  # as a killed worker leaves it
    media = settings.MEDIA_ROOT / "jobs"
    assert not media.exists() or not any(media.rglob("*"))

    # Without a sign of life for a while, its page offers to start it again.
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - STALE_AFTER * 2)
    page = coordinator_client.get(started["Location"]).text
    again_url = reverse("registry:organisation-export", args=[utrecht_desk.slug]) + "?format=csv"
    assert "Export opnieuw starten" in page and f'href="{again_url}"' in page
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "mail"],
        }
    }
    restarted = coordinator_client.get(again_url)
    second = Job.objects.exclude(pk=job.pk).get()
    assert restarted["Location"] == job_url(second)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "opnieuw gestart" in job.error
    assert second.state == JobState.DONE and second.result["rows"] == LIMIT + 2
    assert download(coordinator_client, second).decode("utf-8").count("\r\n") == 1 + LIMIT + 2


def test_an_export_that_fails_says_so_and_leaves_no_file(
    coordinator_client, utrecht_desk, low_limit, settings, monkeypatch
):
    clubs(LIMIT + 1)

    def broken(handle, cell_rows):
        next(iter(cell_rows))
        raise RuntimeError("disk full")

    monkeypatch.setattr(exporting, "write_xlsx", broken)
    started = export(coordinator_client, utrecht_desk, format="xlsx", kind="club")
    job = Job.objects.get()
    assert job.state == JobState.FAILED and not job.file
    assert job.error == "De export is door een fout gestopt; er is geen bestand gemaakt."
    media = settings.MEDIA_ROOT / "jobs"
    assert not media.exists() or not any(media.rglob("*"))
    page = coordinator_client.get(started["Location"]).text
    again_url = reverse("registry:organisation-export", args=[utrecht_desk.slug])
    assert f'href="{again_url}?format=xlsx&amp;kind=club"' in page


def test_a_job_that_waits_long_for_a_worker_is_not_started_twice(
    coordinator_client, utrecht_desk, low_limit, tasks_wait
):
    clubs(LIMIT + 1)
    export(coordinator_client, utrecht_desk)
    Job.objects.update(created_at=timezone.now() - timedelta(hours=1))
    export(coordinator_client, utrecht_desk)
    assert Job.objects.count() == 1 and Job.objects.get().state == JobState.QUEUED
