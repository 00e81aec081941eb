"""Delivering an offering: a supporter assigned to a request whose current decision chose an
offering that needs a registration must hold a valid one of that system, besides meeting the
desk's rule (helprequests.services.supporter_may_act, judged on today's date)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.decisions.tests.factories import decide
from sportloket.helprequests import services as request_services
from sportloket.helprequests.models import Assignment
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.constants import Registration
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.quality import services
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg

pytestmark = pytest.mark.django_db

VOG_ONLY = [[("vog", None, "")]]


@pytest.fixture
def supporter_membership(desk):
    return MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")


@pytest.fixture
def theme(desk):
    return ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers")


@pytest.fixture
def question(desk, theme):
    return submit_request(desk, themes=[theme])


def assign(question, membership, actor):
    return request_services.request_assign(
        help_request=question, membership=membership, actor=actor
    )


def spn_course(desk):
    return OfferingFactory(
        loket=desk,
        title="Cursus trainer-coach",
        theme_keys=["volunteers"],
        required_registration=Registration.SPN,
    )


def test_without_a_decision_only_the_desk_rule_counts(
    desk, coordinator, supporter_membership, question
):
    spn_course(desk)  # in the catalogue, but not chosen for this question
    services.rule_save(loket=desk, groups=VOG_ONLY, actor=coordinator)
    Reg(user=supporter_membership.user)
    assert (
        assign(question, supporter_membership, coordinator).supporter == supporter_membership.user
    )


@freeze_time("2026-03-02")
def test_the_chosen_offerings_registration_is_needed_and_named_in_the_reason(
    desk, coordinator, supporter_membership, question
):
    services.rule_save(loket=desk, groups=VOG_ONLY, actor=coordinator)
    Reg(user=supporter_membership.user)  # meets the desk's rule
    decide_with_reason(question, [spn_course(desk)], coordinator)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        assign(question, supporter_membership, coordinator)
    assert error.value.message_dict == {
        "supporter": [
            "Sanne de Vries may not deliver “Cursus trainer-coach”. Needs a valid Sport "
            "Professionals netwerk (SPN)."
        ]
    }
    assert not Assignment.objects.filter(supporter=supporter_membership.user).exists()
    Reg(user=supporter_membership.user, spn=True)
    assert (
        assign(question, supporter_membership, coordinator).supporter == supporter_membership.user
    )


def test_a_registration_that_expires_tomorrow_allows_it_today_and_refuses_it_the_day_after(
    desk, coordinator, supporter_membership, question
):
    """Acceptance 4 for delivering an offering: the SPN registration's last valid day is 3
    March, so assigning works on 2 and 3 March and is refused on 4 March."""
    Reg(
        user=supporter_membership.user,
        spn=True,
        valid_from=datetime.date(2025, 3, 4),
        valid_until=datetime.date(2026, 3, 3),
    )
    other = MembershipFactory(loket=desk, supporter=True)
    Reg(user=other.user, spn=True)
    with freeze_time("2026-03-01"):
        decide_with_reason(question, [spn_course(desk)], coordinator)
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
        "Sanne de Vries may not deliver “Cursus trainer-coach”. Needs a valid Sport "
        "Professionals netwerk (SPN). The SPN registration expired on 3 March 2026."
    ]
    assert question.assignments.get(ended_at__isnull=True).supporter == other.user


@freeze_time("2026-03-02")
def test_the_desk_rule_is_named_before_the_offering(
    desk, coordinator, supporter_membership, question
):
    services.rule_save(loket=desk, groups=VOG_ONLY, actor=coordinator)
    Reg(user=supporter_membership.user, spn=True)  # holds what the offering needs, but no VOG
    decide_with_reason(question, [spn_course(desk)], coordinator)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        assign(question, supporter_membership, coordinator)
    assert error.value.message_dict["supporter"] == [
        "Sanne de Vries does not meet the quality rule of this desk. Needs a valid "
        "Certificate of conduct (VOG)."
    ]


@freeze_time("2026-03-02")
def test_only_the_current_decision_counts(desk, coordinator, supporter_membership, question):
    first = decide_with_reason(question, [spn_course(desk)], coordinator)
    advice = OfferingFactory(loket=desk, title="Advies", theme_keys=["volunteers"])
    with pytest.raises(ValidationError):
        assign(question, supporter_membership, coordinator)
    second = decide_with_reason(
        question, [advice], coordinator
    )  # supersedes the first: no SPN needed
    assert second.supersedes == first
    assert (
        assign(question, supporter_membership, coordinator).supporter == supporter_membership.user
    )


@freeze_time("2026-03-02")
def test_an_offering_that_was_only_an_alternative_needs_nothing(
    desk, coordinator, supporter_membership, question
):
    spn_course(desk)  # ranked as an alternative, not chosen
    advice = OfferingFactory(loket=desk, title="Advies", theme_keys=["volunteers"])
    decision = decide_with_reason(question, [advice], coordinator)
    assert decision.options.filter(chosen=False, offering__required_registration="spn").exists()
    assert (
        assign(question, supporter_membership, coordinator).supporter == supporter_membership.user
    )


@freeze_time("2026-03-02")
def test_every_chosen_offering_is_checked(desk, coordinator, supporter_membership, question):
    vog_visit = OfferingFactory(
        loket=desk,
        title="Bezoek aan de jeugdafdeling",
        theme_keys=["volunteers"],
        required_registration=Registration.VOG,
    )
    decide_with_reason(question, [spn_course(desk), vog_visit], coordinator)
    Reg(user=supporter_membership.user, spn=True)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        assign(question, supporter_membership, coordinator)
    assert "“Bezoek aan de jeugdafdeling”" in error.value.message_dict["supporter"][0]
    Reg(user=supporter_membership.user)
    assert (
        assign(question, supporter_membership, coordinator).supporter == supporter_membership.user
    )


def test_the_check_needs_a_fixed_number_of_queries(
    desk, coordinator, supporter_membership, question, django_assert_max_num_queries
):
    offerings = [
        OfferingFactory(loket=desk, theme_keys=["volunteers"], required_registration=system)
        for system in (Registration.SPN, Registration.VOG, Registration.KSS)
    ]
    decide_with_reason(question, offerings, coordinator)
    Reg(user=supporter_membership.user, spn=True)
    Reg(user=supporter_membership.user)
    Reg(user=supporter_membership.user, kss=True)
    supporter_membership.refresh_from_db()
    with django_assert_max_num_queries(3 + 2 * len(offerings)):
        allowed, reason = request_services.supporter_may_act(supporter_membership, question)
    assert allowed and reason == ""


def decide_with_reason(question, chosen, actor):
    return decide(question, chosen, actor, deviation_reason="Zo afgesproken met de club.")
