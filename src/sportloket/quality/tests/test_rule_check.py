"""The desk's rule: ALL requirement groups, ANY option within a group, judged on a given day."""

import datetime

import pytest
from django.utils import translation

from sportloket.core.tests.factories import MembershipFactory
from sportloket.offerings.constants import Registration
from sportloket.quality import selectors, services
from sportloket.quality.constants import KssKind, QualitySystem
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
TOMORROW = TODAY + datetime.timedelta(days=1)

VOG = [("vog", None, "")]
SPN_OR_KSS3 = [("spn", None, ""), ("kss", 3, "")]


@pytest.fixture(autouse=True)
def _english():
    # The reasons are checked in their English source; the Dutch comes from locale/nl.
    with translation.override("en"):
        yield


def check(desk, user, on=TODAY):
    return selectors.rule_check(loket_id=desk.pk, user=user, on=on)


def test_the_quality_systems_are_the_registrations_an_offering_can_need():
    assert set(Registration.values) - {""} <= set(QualitySystem.values)
    for value in Registration.values[1:]:
        assert QualitySystem(value).label == Registration(value).label


def test_without_a_rule_everybody_meets_it(desk, supporter, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert check(desk, supporter).met


def test_all_groups_must_be_met(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[VOG, SPN_OR_KSS3], actor=coordinator)
    Reg(user=supporter)
    result = check(desk, supporter)
    assert not result.met
    assert result.reasons == [
        "Needs a valid Sport Professionals netwerk (SPN) or Kwalificatiestructuur Sport (KSS) "
        "at level 3 or higher."
    ]
    Reg(user=supporter, spn=True)
    assert check(desk, supporter).met


def test_one_option_of_a_group_is_enough(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[VOG, SPN_OR_KSS3], actor=coordinator)
    Reg(user=supporter)
    Reg(user=supporter, kss=True)  # KSS level 3 instead of SPN
    assert check(desk, supporter).met


def test_a_missing_vog_is_named(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[VOG, SPN_OR_KSS3], actor=coordinator)
    Reg(user=supporter, spn=True)
    assert check(desk, supporter).reasons == ["Needs a valid Certificate of conduct (VOG)."]


def test_a_lower_level_does_not_count(desk, coordinator, supporter, django_assert_num_queries):
    services.rule_save(loket=desk, groups=[[("kss", 3, "")]], actor=coordinator)
    Reg(user=supporter, kss=True, level=2)
    with django_assert_num_queries(2):
        result = check(desk, supporter)
    assert result.reasons == [
        "Needs a valid Kwalificatiestructuur Sport (KSS) at level 3 or higher.",
        "The KSS registration is at level 2.",
    ]
    Reg(user=supporter, kss=True, level=4)
    assert check(desk, supporter).met


def test_a_registration_without_level_does_not_meet_a_minimum_level(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[[("kss", 1, "")]], actor=coordinator)
    Reg(user=supporter, kss=True, level=None)
    assert check(desk, supporter).reasons[1:] == ["The KSS registration has no level."]


def test_a_line_must_match_when_given_whatever_its_case(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[[("kss", 2, "Trainer-coach")]], actor=coordinator)
    Reg(user=supporter, kss=True, line="official")
    assert check(desk, supporter).reasons == [
        "Needs a valid Kwalificatiestructuur Sport (KSS) (Trainer-coach) at level 2 or higher.",
        "The KSS registration is for another line (official).",
    ]
    Reg(user=supporter, kss=True, line="trainer-coach")
    assert check(desk, supporter).met


def test_an_expired_registration_does_not_count_and_says_when_it_expired(
    desk, coordinator, supporter
):
    services.rule_save(loket=desk, groups=[[("spn", None, "")]], actor=coordinator)
    Reg(user=supporter, spn=True, valid_until=datetime.date(2026, 3, 1))
    assert check(desk, supporter).reasons == [
        "Needs a valid Sport Professionals netwerk (SPN).",
        "The SPN registration expired on 1 March 2026.",
    ]


def test_a_registration_not_yet_valid_does_not_count(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[VOG], actor=coordinator)
    Reg(user=supporter, valid_from=TOMORROW)
    assert check(desk, supporter).reasons[1:] == [
        "The VOG registration is valid only from 3 March 2026."
    ]
    assert check(desk, supporter, on=TOMORROW).met


def test_a_registration_without_end_keeps_counting(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[VOG], actor=coordinator)
    Reg(user=supporter, valid_from=datetime.date(2000, 1, 1), valid_until=None)
    assert check(desk, supporter, on=datetime.date(2099, 12, 31)).met


def test_expiring_tomorrow_counts_through_tomorrow_and_not_the_day_after(
    desk, coordinator, supporter
):
    """``valid_until`` is the last valid day: a registration that expires tomorrow lets the
    supporter act today and tomorrow, and no longer the day after."""
    services.rule_save(loket=desk, groups=[VOG], actor=coordinator)
    Reg(user=supporter, valid_from=datetime.date(2024, 3, 3), valid_until=TOMORROW)
    assert check(desk, supporter, on=TODAY).met
    assert check(desk, supporter, on=TOMORROW).met
    result = check(desk, supporter, on=TOMORROW + datetime.timedelta(days=1))
    assert result.reasons == [
        "Needs a valid Certificate of conduct (VOG).",
        "The VOG registration expired on 3 March 2026.",
    ]


def test_an_ended_registration_no_longer_counts(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[VOG], actor=coordinator)
    vog = Reg(user=supporter)
    services.registration_end(loket=desk, registration=vog, on=TOMORROW, actor=coordinator)
    assert check(desk, supporter, on=TODAY).met
    assert check(desk, supporter, on=TOMORROW).reasons[1:] == [
        "The VOG registration no longer counts since 3 March 2026."
    ]


def test_the_nearest_registration_explains_the_miss(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[VOG], actor=coordinator)
    Reg(user=supporter, valid_from=datetime.date(2020, 1, 1), valid_until=datetime.date(2022, 1, 1))
    Reg(user=supporter, valid_from=datetime.date(2023, 1, 1), valid_until=datetime.date(2026, 2, 1))
    assert check(desk, supporter).reasons[1:] == ["The VOG registration expired on 1 Feb. 2026."]


def test_another_registration_is_named_by_what_it_is(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[[("other", None, "EHBO")]], actor=coordinator)
    Reg(
        user=supporter,
        system=QualitySystem.OTHER,
        line="ehbo",
        valid_until=datetime.date(2026, 1, 31),
    )
    assert check(desk, supporter).reasons == [
        "Needs a valid Other registration (EHBO).",
        "The ehbo registration expired on 31 Jan. 2026.",
    ]


def test_a_desk_judges_only_its_own_members(desk, other_desk, coordinator, supporter):
    """Registrations belong to the person, so they count at every desk where the person is a
    member; a desk where the person is not a member learns nothing about them."""
    outsider = MembershipFactory(loket=other_desk, supporter=True).user
    Reg(user=outsider, recorded_by_loket=other_desk, valid_until=datetime.date(2026, 1, 1))
    Reg(user=supporter, recorded_by_loket=other_desk)  # recorded elsewhere, still counts here
    services.rule_save(loket=desk, groups=[VOG], actor=coordinator)
    assert check(desk, supporter).met
    assert check(desk, outsider).reasons == ["Needs a valid Certificate of conduct (VOG)."]


def test_the_rule_is_stored_in_order_and_saving_it_unchanged_writes_nothing(desk, coordinator):
    from auditlog.models import LogEntry

    services.rule_save(loket=desk, groups=[VOG, SPN_OR_KSS3], actor=coordinator)
    entries = LogEntry.objects.count()
    services.rule_save(
        loket=desk, groups=[[("vog",)], [("spn", None, " "), ("kss", "3", "")]], actor=coordinator
    )
    assert LogEntry.objects.count() == entries
    assert [[r.system for r in group] for group in selectors.desk_rule(loket_id=desk.pk)] == [
        ["vog"],
        ["spn", "kss"],
    ]
    services.rule_save(loket=desk, groups=[], actor=coordinator)
    assert selectors.desk_rule(loket_id=desk.pk) == []
    assert LogEntry.objects.filter(actor=coordinator, action=LogEntry.Action.DELETE).exists()


@pytest.mark.parametrize(
    "groups",
    [[[("xyz", None, "")]], [[("kss", 6, "")]], [[("kss", 0, "")]], [[]], [[("other", None, "")]]],
)
def test_a_rule_refuses_what_it_cannot_judge(desk, coordinator, groups):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.rule_save(loket=desk, groups=groups, actor=coordinator)
    assert selectors.desk_rule(loket_id=desk.pk) == []


def test_an_offering_needs_its_registration_and_the_desk_rule(desk, coordinator, supporter):
    assert selectors.offering_check(loket_id=desk.pk, user=supporter, registration="", on=TODAY).met
    result = selectors.offering_check(
        loket_id=desk.pk, user=supporter, registration=Registration.SPN, on=TODAY
    )
    assert result.reasons == ["Needs a valid Sport Professionals netwerk (SPN)."]
    Reg(user=supporter, spn=True)
    assert selectors.offering_check(
        loket_id=desk.pk, user=supporter, registration=Registration.SPN, on=TODAY
    ).met
    services.rule_save(loket=desk, groups=[VOG], actor=coordinator)
    result = selectors.offering_check(
        loket_id=desk.pk, user=supporter, registration=Registration.SPN, on=TODAY
    )
    assert result.reasons == ["Needs a valid Certificate of conduct (VOG)."]


def test_a_kss_diploma_counts_without_end(desk, coordinator, supporter):
    services.rule_save(loket=desk, groups=[[("kss", 3, "")]], actor=coordinator)
    Reg(user=supporter, kss=True, kind=KssKind.QUALIFICATION, valid_from=datetime.date(1999, 6, 1))
    assert check(desk, supporter).met
