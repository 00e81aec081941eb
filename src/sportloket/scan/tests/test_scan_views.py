"""The desk's loket-scan page from its own data, its thresholds, and the monthly snapshots."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.meetings.tests.factories import MeetingFactory
from sportloket.registry.tests.factories import (
    IntentDeclarationFactory,
    OrganisationFactory,
    ParticipationFactory,
)
from sportloket.scan import checklist, facts, selectors, services
from sportloket.scan.constants import Verdict
from sportloket.scan.models import CoverageSnapshot, ScanSettings, ScanSnapshot
from sportloket.scan.thresholds import DEFAULTS
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_the_figures_are_the_desks_own(desk, scanned):
    found = facts.gather(loket=desk, thresholds=DEFAULTS)
    registry = found["registry"]
    assert sorted((p["organisation__kind"], p["valid"]) for p in registry["participations"]) == [
        ("federation", False),
        ("municipality", True),
    ]
    assert registry["providers_per_municipality"] == {scanned["municipality"].pk: 2}
    assert registry["per_kind"]["club"] == 2
    assert found["funds"]["funds"]["execution"] == {
        "kind": "execution", "ever": 1, "running": 1, "deciding": 1,
    }  # fmt: skip
    assert found["knowledge"]["published"] == 1
    assert found["knowledge"]["author_organisations"] == {scanned["federation"].pk}
    assert found["meetings"]["held"] == 1
    assert registry["alignments"] == [{"federation_id": registry["alignments"][0]["federation_id"],
                                       "agreed": True}]  # fmt: skip


def test_the_scan_judges_every_item_of_the_checklist(desk, scanned):
    scan = selectors.desk_scan(loket=desk)
    assert scan.rows["when.recognised.municipalities"].verdict == Verdict.MET
    assert scan.rows["when.recognised.federations"].verdict == Verdict.PARTLY
    assert scan.rows["when.sharing"].verdict == Verdict.PARTLY  # 1 of the 2 parties wrote
    assert scan.rows["when.money.execution"].verdict == Verdict.MET
    assert scan.rows["when.money.services"].verdict == Verdict.NOT_YET
    assert scan.rows["how.decisions"].verdict == Verdict.UNMEASURABLE
    assert {item.key for item in checklist.leaves()} <= set(scan.rows)
    assert sum(scan.counts().values()) == len(list(checklist.leaves()))


def test_the_page_shows_each_item_with_its_verdict_and_evidence(client, desk, coordinator,
                                                                 scanned):  # fmt: skip
    client.force_login(coordinator)
    response = client.get(reverse("scan:desk", args=[desk.slug]))
    assert response.status_code == 200
    page = response.text
    for item in checklist.leaves():
        assert f'id="item-{item.key}"' in page
    assert "Regel:" in page  # the rule in words
    assert reverse("funds:overview", args=[desk.slug]) in page
    assert reverse("scan:thresholds", args=[desk.slug]) in page


def test_a_reader_sees_no_link_to_a_page_closed_to_them(client, desk, scanned):
    viewer = MembershipFactory(loket=desk, role="viewer").user
    client.force_login(viewer)
    page = client.get(reverse("scan:desk", args=[desk.slug])).text
    assert reverse("funds:overview", args=[desk.slug]) not in page
    assert reverse("scan:thresholds", args=[desk.slug]) not in page
    assert 'id="item-when.money.execution"' in page


def test_the_scan_takes_the_same_queries_however_large_the_desk(client, desk, coordinator,
                                                                scanned):  # fmt: skip
    client.force_login(coordinator)

    def add(n):
        for _ in range(n):
            OrganisationFactory(municipality=scanned["municipality"])
            IntentDeclarationFactory(participation=ParticipationFactory(loket=desk))
            MeetingFactory(loket=desk, past=True)

    assert_queries_do_not_grow(
        lambda: client.get(reverse("scan:desk", args=[desk.slug])), add, more=5, max_queries=40
    )


# --- thresholds ------------------------------------------------------------------------------


def test_a_coordinator_sets_a_threshold_and_only_what_differs_is_kept(desk, coordinator):
    services.thresholds_update(loket=desk, actor=coordinator, values=DEFAULTS | {"contact_met": 80})
    assert ScanSettings.objects.get(loket=desk).thresholds == {"contact_met": 80}
    assert selectors.desk_thresholds(loket=desk)["contact_met"] == 80


def test_partly_cannot_ask_more_than_met(desk, coordinator):
    with pytest.raises(ValidationError) as error:
        services.thresholds_update(
            loket=desk, actor=coordinator, values=DEFAULTS | {"contact_met": 40}
        )
    assert "contact_partly" in error.value.error_dict


def test_only_who_manages_the_desk_sets_thresholds(desk, supporter, client):
    with pytest.raises(PermissionDenied):
        services.thresholds_update(loket=desk, actor=supporter, values=DEFAULTS)
    client.force_login(supporter)
    assert client.get(reverse("scan:thresholds", args=[desk.slug])).status_code == 403


def test_a_wrong_threshold_is_named_next_to_its_field_and_what_was_typed_stays(
    client, desk, coordinator
):
    client.force_login(coordinator)
    posted = {key: str(value) for key, value in DEFAULTS.items()} | {
        "contact_met": "40",
        "quality_met": "abc",
    }
    response = client.post(reverse("scan:thresholds", args=[desk.slug]), posted)
    assert response.status_code == 400
    form = response.context["form"]
    assert "quality_met" in form.errors
    assert 'value="abc"' in response.text
    assert not ScanSettings.objects.filter(loket=desk).exists()
    posted["quality_met"] = "90"
    response = client.post(reverse("scan:thresholds", args=[desk.slug]), posted)
    assert response.status_code == 400
    assert "contact_partly" in response.context["form"].errors
    assert 'value="40"' in response.text


def test_a_saved_threshold_changes_the_verdict(client, desk, coordinator, scanned):
    client.force_login(coordinator)
    assert selectors.desk_scan(loket=desk).rows["when.recognised.federations"].verdict == (
        Verdict.PARTLY
    )
    posted = {key: str(value) for key, value in DEFAULTS.items()} | {"sharing_met": "50"}
    response = client.post(reverse("scan:thresholds", args=[desk.slug]), posted)
    assert response.status_code == 302
    assert selectors.desk_scan(loket=desk).rows["when.sharing"].verdict == Verdict.MET


# --- snapshots -------------------------------------------------------------------------------


def test_the_snapshot_is_taken_once_a_month_and_renewed(desk, other_desk, scanned):
    call_command("snapshot_scan", "--date", "2026-11-03")
    call_command("snapshot_scan", "--date", "2026-11-20")
    call_command("snapshot_scan", "--date", "2026-11-20")
    snapshots = ScanSnapshot.objects.filter(month=datetime.date(2026, 11, 1))
    assert snapshots.count() == 2
    snapshot = snapshots.get(loket=desk)
    assert snapshot.taken_on == datetime.date(2026, 11, 20)
    assert snapshot.verdicts["when.money.execution"] == Verdict.MET
    assert snapshot.figures["when.money.execution"] == {
        "ever": 1, "running": 1, "deciding": 1, "kinds": {"execution": 1},
    }  # fmt: skip
    coverage = CoverageSnapshot.objects.get()
    assert (coverage.municipalities, coverage.covered, coverage.desks) == (342, 2, 2)


def test_the_page_says_what_changed_since_last_month(client, desk, coordinator, scanned):
    last_month = selectors.month_of(
        selectors.month_of(datetime.date.today()) - datetime.timedelta(days=1)
    )
    verdicts = selectors.desk_scan(loket=desk).verdicts()
    verdicts["when.money.execution"] = Verdict.NOT_YET
    verdicts["when.recognised.federations"] = Verdict.MET
    ScanSnapshot.objects.create(
        loket=desk, month=last_month, taken_on=last_month, verdicts=verdicts, figures={}
    )
    client.force_login(coordinator)
    response = client.get(reverse("scan:desk", args=[desk.slug]))
    changes = {c.row.key: c.better for c in response.context["changes"]}
    assert changes == {"when.money.execution": True, "when.recognised.federations": False}
    assert "<title>" in response.text  # the trend's chart
    assert response.context["chart"]["rows"][0]["not_yet"] >= 1
