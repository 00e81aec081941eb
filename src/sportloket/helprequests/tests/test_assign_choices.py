"""The assign list on the question page: every active coordinator and supporter is listed, and
those the desk's quality rule refuses today are shown disabled, with the reason in their label,
instead of being offered and then refused. A POST naming one is still refused by the service;
the list costs the same number of queries however many members the desk has."""

import datetime
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.decisions.tests.factories import decide
from sportloket.helprequests import selectors, services
from sportloket.helprequests.models import Assignment
from sportloket.helprequests.tests.factories import action_url
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.offerings.constants import Registration
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.quality import services as quality_services
from sportloket.quality.tests.factories import QualityRegistrationFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

EXPIRED = "De registratie VOG is verlopen op 3 mrt. 2026."


@pytest.fixture
def ruled_desk(desk, coordinator):
    quality_services.rule_save(loket=desk, groups=[[("vog", None, "")]], actor=coordinator)
    QualityRegistrationFactory(user=coordinator)  # the coordinator meets it
    return desk


@pytest.fixture
def sanne(ruled_desk):
    """A supporter whose VOG ran out on 3 March 2026."""
    member = MembershipFactory(loket=ruled_desk, supporter=True, user__full_name="Sanne de Vries")
    QualityRegistrationFactory(
        user=member.user,
        valid_from=datetime.date(2023, 3, 4),
        valid_until=datetime.date(2026, 3, 3),
    )
    return member


@pytest.fixture
def piet(ruled_desk):
    """A supporter with a valid VOG."""
    member = MembershipFactory(loket=ruled_desk, supporter=True, user__full_name="Piet Jansen")
    QualityRegistrationFactory(user=member.user)
    return member


def page_url(question):
    return reverse("helprequests:request-detail", args=[question.loket.slug, question.pk])


def options(html) -> dict[str, str]:
    """The assign select's options, by value: each option tag as rendered."""
    select = re.search(r'<select name="supporter".*?</select>', html, re.S).group(0)
    return {
        value: tag
        for tag, value in re.findall(r'(<option value="(\d*)"[^>]*>[^<]*</option>)', select)
    }


@freeze_time("2026-03-04 10:00:00+01:00")
def test_a_supporter_the_rule_refuses_is_listed_disabled_with_the_reason(
    coordinator_client, ruled_desk, sanne, piet
):
    question = submit(ruled_desk)

    html = squashed(coordinator_client.get(page_url(question)).text)

    found = options(html)
    assert "disabled" in found[str(sanne.pk)]
    assert "Sanne de Vries" in found[str(sanne.pk)]
    assert EXPIRED in found[str(sanne.pk)]
    assert "disabled" not in found[str(piet.pk)]
    assert found[str(piet.pk)].endswith(">Piet Jansen (Ondersteuner)</option>")


@freeze_time("2026-03-04 10:00:00+01:00")
def test_the_list_and_the_service_judge_every_member_alike(ruled_desk, sanne, piet, coordinator):
    question = submit(ruled_desk)
    members = list(selectors.assignable_members(loket=ruled_desk))
    refusals = selectors.assign_refusals(help_request=question, members=members)
    for member in members:
        allowed, _reason = services.supporter_may_act(member, question)
        assert (member.pk not in refusals) is allowed, member
    assert set(refusals) == {sanne.pk}
    assert EXPIRED in refusals[sanne.pk]


@freeze_time("2026-03-04 10:00:00+01:00")
def test_a_supporter_who_may_not_deliver_the_chosen_offering_is_disabled_with_the_reason(
    coordinator_client, ruled_desk, coordinator, piet
):
    ThemeFactory(loket=ruled_desk, key="volunteers", name="Vrijwilligers")
    question = submit(ruled_desk, themes=list(ruled_desk.themes.all()))
    course = OfferingFactory(
        loket=ruled_desk,
        title="Cursus trainer-coach",
        theme_keys=["volunteers"],
        required_registration=Registration.SPN,
    )
    decide(question, [course], coordinator)  # Piet meets the desk's rule but holds no SPN
    spn = MembershipFactory(loket=ruled_desk, supporter=True, user__full_name="Ans Smit")
    QualityRegistrationFactory(user=spn.user)
    QualityRegistrationFactory(user=spn.user, spn=True)

    found = options(squashed(coordinator_client.get(page_url(question)).text))

    assert "disabled" in found[str(piet.pk)]
    assert "Cursus trainer-coach" in found[str(piet.pk)]
    assert "disabled" not in found[str(spn.pk)]


@freeze_time("2026-03-04 10:00:00+01:00")
def test_a_post_naming_a_disabled_supporter_is_still_refused(coordinator_client, ruled_desk, sanne):
    question = submit(ruled_desk)

    response = coordinator_client.post(action_url(question, "assign"), {"supporter": sanne.pk})

    assert response.status_code == 400
    [error] = response.context["assign_form"].errors["supporter"]
    assert EXPIRED in error
    assert not Assignment.objects.exists()


@freeze_time("2026-03-04 10:00:00+01:00")
def test_the_assign_list_costs_the_same_queries_however_many_members(
    coordinator_client, ruled_desk, sanne, piet
):
    question = submit(ruled_desk)

    def add_members(n):
        for i in range(n):
            member = MembershipFactory(loket=ruled_desk, supporter=True)
            QualityRegistrationFactory(
                user=member.user,
                valid_from=datetime.date(2023, 1, 1),
                valid_until=datetime.date(2026, 1, 1) if i % 2 else None,
            )

    first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(page_url(question)), add_members, more=6
    )
    assert len(options(squashed(second.text))) == len(options(squashed(first.text))) + 6
    assert squashed(second.text).count(" disabled") >= 4
