"""Starting a desk (the national team's guided step) and the first steps a new desk's
coordinators see on their dashboard."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sportloket.accounts.tests.factories import UserFactory, add_totp
from sportloket.contacts.models import ContactPolicy
from sportloket.core.constants import Role
from sportloket.core.models import Loket, Membership, Municipality, Theme
from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds.tests.factories import FundFactory
from sportloket.quality.models import QualityRequirementGroup
from sportloket.scan import services, starting
from sportloket.scan.models import ScanSettings, ScanSnapshot

pytestmark = pytest.mark.django_db


def start(actor, **changes):
    fields = {
        "name": "Sportloket Zeist",
        "slug": "zeist",
        "work_area": list(Municipality.objects.filter(code="GM0355")),
        "coordinator_email": "Coordinator@Zeist.example.nl",
        "coordinator_name": "Anna de Wit",
        "quality_rule": "vog_and_spn_or_kss",
        "contact_months": 6,
        "expected_funds": ["services", "execution"],
    } | changes
    request = RequestFactory().get("/")
    return starting.desk_start(actor=actor, request=request, **fields)


def test_the_national_team_starts_a_desk_with_everything_chosen(
    queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        loket = start(UserFactory(national=True))
    assert list(loket.work_area.values_list("code", flat=True)) == ["GM0355"]
    coordinator = Membership.objects.get(loket=loket)
    assert (coordinator.role, coordinator.user.email) == (Role.COORDINATOR,
                                                          "coordinator@zeist.example.nl")  # fmt: skip
    assert Theme.objects.filter(loket=loket).exists()
    assert QualityRequirementGroup.objects.filter(loket=loket).count() == 2
    assert ContactPolicy.objects.get(loket=loket).default_months == 6
    assert ScanSettings.objects.get(loket=loket).expected_funds == ["execution", "services"]
    assert ScanSnapshot.objects.filter(loket=loket).count() == 1
    assert [m.to for m in mail.outbox] == [["coordinator@zeist.example.nl"]]


def test_only_the_national_team_or_an_administrator_starts_a_desk(desk, coordinator):
    with pytest.raises(PermissionDenied):
        start(coordinator)
    start(UserFactory(is_superuser=True), slug="zeist-2")
    assert Loket.objects.filter(slug="zeist-2").exists()


def test_the_page_names_the_overlap_with_another_desk_and_keeps_what_was_typed(client, desk):
    zeist = Municipality.objects.get(code="GM0355")
    desk.work_area.add(zeist)
    client.force_login(UserFactory(national=True))
    posted = {
        "name": "Sportloket Heuvelrug", "slug": "heuvelrug", "work_area": [zeist.pk],
        "coordinator_email": "c@heuvelrug.example.nl", "quality_rule": "none",
        "contact_months": "12",
    }  # fmt: skip
    response = client.post(reverse("scan:desk-start"), posted)
    assert response.status_code == 400
    assert "Zeist (Sportloket Alpha)" in str(response.context["form"].errors["work_area"])
    assert 'value="Sportloket Heuvelrug"' in response.text
    assert not Loket.objects.filter(slug="heuvelrug").exists()
    posted |= {"overlap_agreed": "on", "slug": desk.slug}
    response = client.post(reverse("scan:desk-start"), posted)
    assert "slug" in response.context["form"].errors
    posted["slug"] = "heuvelrug"
    response = client.post(reverse("scan:desk-start"), posted)
    assert response.status_code == 302
    assert Loket.objects.get(slug="heuvelrug").work_area.get() == zeist


def test_a_desks_member_may_not_open_the_page(client, desk, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("scan:desk-start")).status_code == 403


# --- the first steps ---------------------------------------------------------------------------


def test_a_new_desks_coordinator_sees_the_first_steps_ticked_from_the_scan():
    loket = start(UserFactory(national=True))
    membership = Membership.objects.get(loket=loket)
    steps = starting.first_steps(membership=membership)
    labels = [str(step.label) for step in steps]
    assert len(steps) == len(starting.STEPS) + 2  # the two funds to expect
    assert not any(step.done for step in steps)
    FundFactory(loket=loket, kind="execution")
    services.snapshot_take(loket=loket)
    steps = starting.first_steps(membership=membership)
    assert [step.key for step in steps if step.done] == ["fund:execution"]
    assert labels[-1] == str(starting.FUND_STEPS["services"][1])


def test_the_first_steps_are_for_coordinators_of_young_desks_only(desk, supporter):
    loket = start(UserFactory(national=True))
    coordinator = Membership.objects.get(loket=loket)
    helper = MembershipFactory(loket=loket, supporter=True)
    assert starting.first_steps(membership=helper) is None
    later = timezone.localdate() + datetime.timedelta(days=starting.CHECKLIST_DAYS)
    assert starting.first_steps(membership=coordinator, today=later) is None


def test_the_dashboard_shows_the_first_steps(client):
    loket = start(UserFactory(national=True))
    coordinator = Membership.objects.get(loket=loket).user
    add_totp(coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:desk", args=[loket.slug]))
    assert page.status_code == 200
    assert "Eerste stappen van het loket" in page.text
    assert reverse("registry:participation-list", args=[loket.slug]) in page.text


def test_the_service_refuses_an_overlap_that_was_not_agreed(desk):
    from django.core.exceptions import ValidationError

    desk.work_area.add(Municipality.objects.get(code="GM0355"))
    with pytest.raises(ValidationError) as error:
        start(UserFactory(national=True))
    assert "work_area" in error.value.error_dict
    assert not Loket.objects.filter(slug="zeist").exists()
    start(UserFactory(national=True), overlap_agreed=True)
    assert Loket.objects.filter(slug="zeist").exists()
