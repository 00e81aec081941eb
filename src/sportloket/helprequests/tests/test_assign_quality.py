"""Assigning a supporter to a question honours the desk's quality rule on today's date; the
reason for a refusal is Dutch unless another language is chosen."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.models import Assignment
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.quality import services as quality_services
from sportloket.quality.tests.factories import QualityRegistrationFactory

pytestmark = pytest.mark.django_db

VOG_AND_SPN_OR_KSS3 = [[("vog", None, "")], [("spn", None, ""), ("kss", 3, "")]]


@pytest.fixture
def supporter_membership(desk):
    return MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")


@pytest.fixture
def ruled_desk(desk, coordinator):
    quality_services.rule_save(loket=desk, groups=VOG_AND_SPN_OR_KSS3, actor=coordinator)
    return desk


def assign(question, membership, actor):
    return services.request_assign(help_request=question, membership=membership, actor=actor)


def test_a_desk_without_a_rule_assigns_anyone_with_the_role(
    desk, coordinator, supporter_membership
):
    assert (
        assign(submit(desk), supporter_membership, coordinator).supporter
        == supporter_membership.user
    )


@freeze_time("2026-03-02")
def test_a_supporter_without_a_valid_vog_is_refused_with_the_reason(
    ruled_desk, coordinator, supporter_membership
):
    question = submit(ruled_desk)
    QualityRegistrationFactory(user=supporter_membership.user, spn=True)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        assign(question, supporter_membership, coordinator)
    assert error.value.message_dict == {
        "supporter": [
            "Sanne de Vries does not meet the quality rule of this desk. "
            "Needs a valid Certificate of conduct (VOG)."
        ]
    }
    assert not Assignment.objects.exists()


def test_a_vog_that_expires_tomorrow_allows_it_today_and_refuses_it_the_day_after(
    ruled_desk, coordinator, supporter_membership
):
    """``valid_until`` is the last valid day: with a VOG valid until 3 March, assigning works
    on 2 and 3 March and is refused on 4 March."""
    question = submit(ruled_desk)
    QualityRegistrationFactory(user=supporter_membership.user, spn=True)
    QualityRegistrationFactory(
        user=supporter_membership.user,
        valid_from=datetime.date(2023, 3, 4),
        valid_until=datetime.date(2026, 3, 3),
    )
    other = MembershipFactory(loket=ruled_desk, coordinator=True)
    QualityRegistrationFactory(user=other.user)
    QualityRegistrationFactory(user=other.user, kss=True, level=4)
    with freeze_time("2026-03-02"):
        assert (
            assign(question, supporter_membership, coordinator).supporter
            == supporter_membership.user
        )
    with freeze_time("2026-03-03"):
        assign(question, other, coordinator)
        assert (
            assign(question, supporter_membership, coordinator).supporter
            == supporter_membership.user
        )
    with freeze_time("2026-03-04"), translation.override("en"):
        assign(question, other, coordinator)
        with pytest.raises(ValidationError) as error:
            assign(question, supporter_membership, coordinator)
    assert error.value.message_dict["supporter"] == [
        "Sanne de Vries does not meet the quality rule of this desk. Needs a valid "
        "Certificate of conduct (VOG). The VOG registration expired on 3 March 2026."
    ]
    assert question.assignments.get(ended_at__isnull=True).supporter == other.user


@freeze_time("2026-03-02")
def test_a_kss_level_3_qualification_is_as_good_as_spn(
    ruled_desk, coordinator, supporter_membership
):
    QualityRegistrationFactory(user=supporter_membership.user)
    QualityRegistrationFactory(user=supporter_membership.user, kss=True, level=2)
    question = submit(ruled_desk)
    with pytest.raises(ValidationError):
        assign(question, supporter_membership, coordinator)
    QualityRegistrationFactory(user=supporter_membership.user, kss=True, level=3)
    assert (
        assign(question, supporter_membership, coordinator).supporter == supporter_membership.user
    )


@pytest.fixture
def default_language():
    """No language chosen: the project's own, Dutch."""
    translation.deactivate()
    assert translation.get_language() == settings.LANGUAGE_CODE == "nl"


@freeze_time("2026-03-02")
@pytest.mark.usefixtures("default_language")
def test_the_reason_for_a_refusal_is_dutch_by_default(
    ruled_desk, coordinator, supporter_membership
):
    question = submit(ruled_desk)
    QualityRegistrationFactory(user=supporter_membership.user, spn=True)
    with pytest.raises(ValidationError) as error:
        assign(question, supporter_membership, coordinator)
    assert error.value.message_dict == {
        "supporter": [
            "Sanne de Vries voldoet niet aan de kwaliteitsregel van dit loket. "
            "Een geldige registratie nodig: Verklaring omtrent het gedrag (VOG)."
        ]
    }


@pytest.mark.usefixtures("default_language")
def test_the_reason_for_an_expired_registration_is_dutch_with_a_dutch_date(
    ruled_desk, coordinator, supporter_membership
):
    question = submit(ruled_desk)
    QualityRegistrationFactory(user=supporter_membership.user, spn=True)
    QualityRegistrationFactory(
        user=supporter_membership.user,
        valid_from=datetime.date(2023, 3, 4),
        valid_until=datetime.date(2026, 3, 3),
    )
    with freeze_time("2026-03-03"):
        assert (
            assign(question, supporter_membership, coordinator).supporter
            == supporter_membership.user
        )
    with freeze_time("2026-03-04"), pytest.raises(ValidationError) as error:
        assign(question, supporter_membership, coordinator)
    assert error.value.message_dict["supporter"] == [
        "Sanne de Vries voldoet niet aan de kwaliteitsregel van dit loket. Een geldige "
        "registratie nodig: Verklaring omtrent het gedrag (VOG). De registratie VOG is "
        "verlopen op 3 mrt. 2026."
    ]
