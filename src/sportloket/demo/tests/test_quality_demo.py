"""The demo's quality data: the rule, and registrations that show every situation."""

import datetime

import pytest
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.demo.quality import load_demo_quality
from sportloket.quality import selectors
from sportloket.quality.models import QualityRegistration, QualityRequirementOption
from sportloket.quality.rules import Requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(desk):
    coordinator = MembershipFactory(
        loket=desk, coordinator=True, user__email="coordinator@sportloket-demo.nl"
    )
    for email in ("ondersteuner@sportloket-demo.nl", "buurtsportcoach@sportloket-demo.nl"):
        MembershipFactory(loket=desk, supporter=True, user__email=email)
    MembershipFactory(loket=desk, partner=True, user__email="gemeente@sportloket-demo.nl")
    return coordinator.user


@freeze_time("2026-06-15")
def test_the_demo_shows_valid_expiring_and_lapsed_registrations(desk, demo):
    load_demo_quality(desk, actor=demo)
    assert selectors.desk_rule(loket_id=desk.pk) == [
        (Requirement("vog"),),
        (Requirement("spn"), Requirement("kss", 3)),
    ]
    figures = selectors.quality_figures(loket=desk)
    assert (figures.supporters, figures.meeting, figures.expiring_soon, figures.lapsed) == (
        3,
        2,
        1,
        1,
    )
    expiring = list(selectors.expiring(loket=desk))
    assert [(r.user.email, r.system) for r in expiring] == [
        ("ondersteuner@sportloket-demo.nl", "vog")
    ]
    assert expiring[0].valid_until == datetime.date(2026, 7, 25)
    assert QualityRegistration.objects.exclude(evidence="").count() == 3


def test_loading_the_demo_twice_changes_nothing(desk, demo):
    load_demo_quality(desk, actor=demo)
    counts = (QualityRegistration.objects.count(), QualityRequirementOption.objects.count())
    with freeze_time(datetime.date.today() + datetime.timedelta(days=3)):
        load_demo_quality(desk, actor=demo)
    assert (
        QualityRegistration.objects.count(),
        QualityRequirementOption.objects.count(),
    ) == counts
    assert counts == (7, 3)


def test_a_desk_without_the_demo_people_gets_only_the_rule(other_desk):
    actor = MembershipFactory(loket=other_desk, coordinator=True).user
    load_demo_quality(other_desk, actor=actor)
    assert len(selectors.desk_rule(loket_id=other_desk.pk)) == 2
    assert not QualityRegistration.objects.exists()
