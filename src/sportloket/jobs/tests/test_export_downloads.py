"""An export job's file: downloaded by the member who started it (a 404 for everyone else and
for other desks), shown on the job's page with its row count, and deleted after
EXPORT_FILE_DAYS days by ``prune_job_files`` together with files no job refers to."""

import os
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sportloket.core.tests.factories import MembershipFactory
from sportloket.jobs.constants import EXPORT_FILE_DAYS, JobKind
from sportloket.jobs.models import Job
from sportloket.jobs.tests.factories import JobFactory
from sportloket.registry.tests.factories import ImportRunFactory

pytestmark = pytest.mark.django_db

CSV = "\ufeffVraagnummer;Vraag\r\n7;Over geld\r\n".encode()


def finished_export(desk, user, *, kind=JobKind.INBOX_EXPORT, file_format="csv", content=CSV):
    job = JobFactory(
        loket=desk,
        started_by=user,
        kind=kind,
        finished=True,
        params={"query": "state=all&q=geld", "format": file_format},
        result={
            "rows": 1,
            "filename": f"vragen-alpha-20261207.{file_format}",
            "format": file_format,
        },
    )
    job.file.save("ignored", ContentFile(content))
    return job


def download_url(job, slug=None):
    return reverse("jobs:job-download", args=[slug or job.loket.slug, job.pk])


def job_url(job):
    return reverse("jobs:job-detail", args=[job.loket.slug, job.pk])


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_starter_downloads_the_file_as_an_attachment(coordinator_client, desk, coordinator):
    job = finished_export(desk, coordinator)
    response = coordinator_client.get(download_url(job))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vragen-alpha-20261207.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == CSV


def test_a_spreadsheet_has_its_own_type(coordinator_client, desk, coordinator):
    job = finished_export(
        desk, coordinator, kind=JobKind.REGISTER_EXPORT, file_format="xlsx", content=b"PK\x03\x04"
    )
    response = coordinator_client.get(download_url(job))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_another_desks_export_is_a_404(client, desk, other_desk):
    owner = MembershipFactory(loket=other_desk, coordinator=True).user
    job = finished_export(other_desk, owner)
    intruder = MembershipFactory(loket=desk, coordinator=True).user
    client.force_login(intruder)
    assert client.get(download_url(job)).status_code == 404  # not a member of desk B
    assert client.get(download_url(job, slug=desk.slug)).status_code == 404  # not desk A's job
    assert client.get(job_url(job)).status_code == 404


def test_another_members_export_is_a_404_even_for_a_coordinator(client, desk):
    supporter = MembershipFactory(loket=desk, supporter=True).user
    job = finished_export(desk, supporter)
    for other in (
        MembershipFactory(loket=desk, coordinator=True).user,
        MembershipFactory(loket=desk, supporter=True).user,
    ):
        client.force_login(other)
        assert client.get(download_url(job)).status_code == 404
        assert client.get(job_url(job)).status_code == 404
    client.force_login(supporter)
    assert client.get(download_url(job)).status_code == 200


def test_a_member_who_may_no_longer_see_the_list_cannot_download_it(client, desk):
    membership = MembershipFactory(loket=desk, supporter=True)
    job = finished_export(desk, membership.user)
    membership.role = "viewer"  # may not see the questions any more
    membership.save(update_fields=["role"])
    client.force_login(membership.user)
    assert client.get(download_url(job)).status_code == 404
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    assert client.get(download_url(job)).status_code == 404


def test_without_a_file_to_give_the_address_says_why(coordinator_client, desk, coordinator):
    running = JobFactory(
        loket=desk, started_by=coordinator, kind=JobKind.INBOX_EXPORT, running=True
    )
    page = coordinator_client.get(download_url(running))
    assert page.status_code == 200 and "Het bestand is nog niet klaar." in page.text
    assert job_url(running) in page.text
    failed = JobFactory(
        loket=desk, started_by=coordinator, kind=JobKind.INBOX_EXPORT, state="failed"
    )
    assert "er is geen bestand gemaakt" in coordinator_client.get(download_url(failed)).text
    an_import = JobFactory(loket=desk, finished=True)
    assert "geen bestand om te downloaden" in coordinator_client.get(download_url(an_import)).text
    gone = finished_export(desk, coordinator)
    os.remove(gone.file.path)  # deleted by hand: as if pruned, not a server error
    assert "is er niet meer" in coordinator_client.get(download_url(gone)).text


def test_the_job_page_shows_the_row_count_the_link_and_how_long_the_file_is_kept(
    coordinator_client, desk, coordinator
):
    job = finished_export(desk, coordinator)
    part = coordinator_client.get(job_url(job), headers={"HX-Request": "true"}).text
    read = text(part)
    assert "Rijen 1" in read
    assert f'href="{download_url(job)}"' in part
    assert "vragen-alpha-20261207.csv downloaden" in read
    until = timezone.localtime(job.finished_at + timedelta(days=EXPORT_FILE_DAYS))
    assert f"7 dagen bewaard, tot {until.day} " in read
    inbox = reverse("helprequests:inbox", args=[desk.slug])
    assert f'href="{inbox}?state=all&amp;q=geld"' in part


def test_a_failed_export_offers_to_start_it_again(coordinator_client, desk, coordinator):
    job = JobFactory(
        loket=desk,
        started_by=coordinator,
        kind=JobKind.REGISTER_EXPORT,
        state="failed",
        params={"query": "kind=club", "format": "xlsx"},
    )
    page = coordinator_client.get(job_url(job)).text
    export = reverse("registry:organisation-export", args=[desk.slug])
    assert f'href="{export}?format=xlsx&amp;kind=club"' in page
    assert "Export opnieuw starten" in page


@pytest.mark.parametrize("rows", [1, 40])
def test_the_job_page_reads_a_fixed_number_of_queries(
    coordinator_client, desk, coordinator, django_assert_max_num_queries, rows
):
    job = finished_export(desk, coordinator)
    Job.objects.filter(pk=job.pk).update(result={**job.result, "rows": rows})
    coordinator_client.get(job_url(job))  # sessions and the like, once
    with django_assert_max_num_queries(5):
        assert coordinator_client.get(job_url(job)).status_code == 200
    with django_assert_max_num_queries(5):
        assert coordinator_client.get(download_url(job)).status_code == 200


def age(path, days):
    moment = (timezone.now() - timedelta(days=days)).timestamp()
    os.utime(path, (moment, moment))


def test_prune_deletes_the_files_of_exports_older_than_a_week_and_files_of_no_job(
    coordinator_client, desk, coordinator, settings
):
    old = finished_export(desk, coordinator)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=8))
    recent = finished_export(desk, coordinator)
    Job.objects.filter(pk=recent.pk).update(finished_at=timezone.now() - timedelta(days=6))
    folder = settings.MEDIA_ROOT / "jobs" / str(desk.pk)
    (folder / "left-by-a-killed-worker").write_bytes(b"half")
    age(folder / "left-by-a-killed-worker", 2)
    (folder / "being-saved-now").write_bytes(b"half")
    old_path, recent_path = old.file.path, recent.file.path

    out = StringIO()
    call_command("prune_job_files", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 export file(s) and 1 file(s) of no job."
    assert not os.path.exists(old_path) and os.path.exists(recent_path)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [os.path.basename(recent_path), "being-saved-now"]
    )
    old.refresh_from_db()
    assert not old.file and old.result["rows"] == 1
    # Its page says so and offers to export again; the address of the file says it is gone.
    part = text(coordinator_client.get(job_url(old)).text)
    assert "7 dagen nadat het gemaakt is verwijderd" in part and "Opnieuw exporteren" in part
    assert "is er niet meer" in coordinator_client.get(download_url(old)).text

    call_command("prune_job_files", stdout=out)  # again: nothing more to delete
    assert os.path.exists(recent_path)
    call_command("prune_job_files", "--days=5", stdout=out)
    assert not os.path.exists(recent_path)


def test_prune_leaves_other_uploads_alone(desk):
    run = ImportRunFactory(loket=desk)
    JobFactory(loket=desk, finished=True, finished_at=timezone.now() - timedelta(days=30))
    age(run.file.path, 30)
    out = StringIO()
    call_command("prune_job_files", stdout=out)
    assert "Deleted 0 export file(s) and 0 file(s) of no job." in out.getvalue()
    assert os.path.exists(run.file.path)
