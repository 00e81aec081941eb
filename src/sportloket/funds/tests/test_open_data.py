"""The desk's awarded money as public open data in the 360Giving shape: the structure (keys and
types), which allocations count as awarded, and that no personal data gets out."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from sportloket.core.models import Membership, Municipality
from sportloket.decisions.models import DecisionOption
from sportloket.decisions.tests.factories import make_decision
from sportloket.funds import services
from sportloket.funds.tests.factories import AllocationFactory, new_key
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

REQUIRED = {
    "identifier": str,
    "title": str,
    "description": str,
    "currency": str,
    "amountAwarded": (int, float),
    "awardDate": str,
    "recipientOrganization": list,
    "fundingOrganization": list,
    "grantProgramme": list,
}


@pytest.fixture
def rabo(new_fund, other_partner):
    rabobank = Membership.objects.get(user=other_partner).organisation
    return new_fund(name="Rabo ClubSupport", owner=rabobank, approval_threshold_cents=0)


@pytest.fixture
def municipal(new_fund):
    return new_fund(name="Uitvoeringsbudget")


def grants(client, desk):
    response = client.get(reverse("funds:open-data", args=[desk.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response, response.json()["grants"]


def test_anyone_reads_the_awarded_allocations_in_the_360giving_shape(
    client, desk, coordinator, municipal, allocate, club
):
    club.kvk_number = "01234567"
    club.save(update_fields=["kvk_number"])
    offering = OfferingFactory(loket=desk, title="Vrijwilligersbeleid op orde")
    allocation = allocate(municipal, 125_050)
    DecisionOption.objects.create(decision=allocation.decision, offering=offering, rank=1,
                                  score=90, chosen=True)  # fmt: skip
    _response, [grant] = grants(client, desk)

    for key, kind in REQUIRED.items():
        assert isinstance(grant[key], kind), key
    assert grant["identifier"] == f"360G-sportloket-{desk.slug}-{allocation.pk}"
    assert grant["title"] == "Vrijwilligersbeleid op orde"
    assert grant["description"]
    assert grant["currency"] == "EUR"
    assert grant["amountAwarded"] == 1250.5
    assert grant["awardDate"] == timezone.localdate().isoformat()
    assert datetime.date.fromisoformat(grant["awardDate"])
    assert grant["recipientOrganization"] == [{"id": "NL-KVK-01234567", "name": "VV Domstad"}]
    [funder] = grant["fundingOrganization"]
    # The municipality has no KvK number: an identifier local to the desk.
    assert funder == {"id": f"360G-sportloket-{desk.slug}-org-{municipal.owner_id}",
                      "name": "Gemeente Alpha"}  # fmt: skip
    assert grant["grantProgramme"] == [
        {"code": f"360G-sportloket-{desk.slug}-fund-{municipal.pk}", "title": "Uitvoeringsbudget"}
    ]
    for organisation in (*grant["recipientOrganization"], *grant["fundingOrganization"]):
        assert set(organisation) == {"id", "name"}
        assert all(isinstance(v, str) and v for v in organisation.values())


def test_only_approved_and_paid_allocations_count(client, desk, coordinator, representative,
                                                  municipal, rabo, allocate):  # fmt: skip
    paid = allocate(municipal, 10_000)
    services.allocation_pay(allocation=paid, paid_cents=7_500, actor=coordinator)
    approved = allocate(municipal, 20_000)
    proposed = allocate(rabo, 30_000)  # the Rabobank approves every allocation
    cancelled = allocate(municipal, 40_000)
    services.allocation_cancel(allocation=cancelled, actor=coordinator)
    _response, found = grants(client, desk)
    ids = {g["identifier"].rsplit("-", 1)[1]: g for g in found}
    assert set(ids) == {str(paid.pk), str(approved.pk)}
    assert ids[str(paid.pk)]["amountAwarded"] == 100
    assert ids[str(paid.pk)]["amountDisbursed"] == 75
    assert "amountDisbursed" not in ids[str(approved.pk)]
    assert str(proposed.pk) not in ids and str(cancelled.pk) not in ids


def test_the_award_date_is_when_the_money_was_approved(client, desk, coordinator, rabo,
                                                       other_partner, allocate):  # fmt: skip
    allocation = allocate(rabo, 5_000)
    services.allocation_approve(allocation=allocation, actor=other_partner)
    allocation.changes.filter(to_state="approved").update(
        at=timezone.make_aware(datetime.datetime(2026, 3, 2, 10))
    )
    _response, [grant] = grants(client, desk)
    assert grant["awardDate"] == "2026-03-02"


def test_no_personal_data_gets_out(client, desk, coordinator, representative, municipal,
                                   allocate):  # fmt: skip
    allocation = allocate(municipal, 10_000)
    request = allocation.decision.help_request
    request.contact_name = "Jantje Contactpersoon"
    request.contact_email = "jantje@voorbeeld.nl"
    request.contact_phone = "+31612345678"
    request.question = "Wij zoeken vrijwilligers voor de kantine van onze club."
    request.save()
    response, [_grant] = grants(client, desk)
    text = response.content.decode()
    for private in (
        "Jantje Contactpersoon",
        "jantje@voorbeeld.nl",
        "0612345678",
        "+31612345678",
        request.question,
        coordinator.full_name,
        coordinator.email,
        representative.email,
        allocation.decision.rationale,
    ):
        assert private not in text, private
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "an e-mail address"
    assert not re.search(r"\+?\d[\d ]{8,}\d", text), "a phone number"


def test_a_question_without_an_organisation_names_no_one(client, desk, coordinator, municipal):
    decision = make_decision(desk, decided_by=coordinator)
    request = decision.help_request
    request.organisation = None
    request.organisation_name = "Piet Pietersen Personal Training"
    request.save()
    services.decision_fund(decision=decision, splits=[(municipal, 1_000)],
                           idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    response, [grant] = grants(client, desk)
    assert "Piet Pietersen" not in response.content.decode()
    [recipient] = grant["recipientOrganization"]
    assert recipient["id"] == f"360G-sportloket-{desk.slug}-request-{request.pk}"
    assert recipient["name"]


def test_only_this_desks_money_and_only_of_an_active_desk(client, desk, other_desk, municipal,
                                                         allocate):  # fmt: skip
    allocate(municipal, 1_000)
    AllocationFactory.for_desk(other_desk)
    _response, found = grants(client, other_desk)
    assert len(found) == 1 and found[0]["identifier"].startswith(
        f"360G-sportloket-{other_desk.slug}"
    )
    _response, found = grants(client, desk)
    assert len(found) == 1
    desk.is_active = False
    desk.save()
    assert client.get(reverse("funds:open-data", args=[desk.slug])).status_code == 404


def test_the_file_needs_the_same_queries_for_many_grants(client, desk, municipal, allocate):
    def add(n):
        for _ in range(n):
            allocate(municipal, 1_000)

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(reverse("funds:open-data", args=[desk.slug])), add, more=5,
        max_queries=4,
    )  # fmt: skip
    assert len(json.loads(second.content)["grants"]) == 6


@pytest.mark.parametrize(
    "kind",
    [OrganisationKind.COMMERCIAL, OrganisationKind.BUSINESS, OrganisationKind.SPORT_COMPANY,
     OrganisationKind.CARE, OrganisationKind.OTHER],
)  # fmt: skip
def test_a_recipient_that_may_be_a_person_is_named_by_what_it_is(
    client, desk, coordinator, municipal, kind
):
    """A sole trader's business carries its owner's name, and its KvK number leads to them:
    neither is published, only what it is and where, with an identifier of the desk's own
    that stays the same from one file to the next."""
    utrecht = Municipality.objects.get(code="GM0344")
    trainer = OrganisationFactory.for_desk(desk, kind=kind, kvk_number="87654321",
                                           name="Jan de Vries Personal Training")  # fmt: skip
    trainer.municipality = utrecht
    trainer.save(update_fields=["municipality"])
    decision = make_decision(desk, decided_by=coordinator, organisation=trainer)
    services.decision_fund(decision=decision, splits=[(municipal, 1_000)],
                           idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    response, [grant] = grants(client, desk)
    text = response.content.decode()
    assert "Jan de Vries" not in text and "Personal Training" not in text
    assert "87654321" not in text
    with translation.override("nl"):
        neutral = f"{OrganisationKind(kind).label} in Utrecht"
    assert neutral.split(" in ")[0] not in ("", "Commercial sport provider")  # in Dutch
    assert grant["recipientOrganization"] == [
        {"id": f"360G-sportloket-{desk.slug}-org-{trainer.pk}", "name": neutral}
    ]
    _response, [again] = grants(client, desk)
    assert again["recipientOrganization"] == grant["recipientOrganization"]


def test_a_recipient_that_may_be_a_person_without_a_municipality(
    client, desk, coordinator, municipal
):
    trainer = OrganisationFactory.for_desk(desk, kind=OrganisationKind.COMMERCIAL,
                                           name="Fit met Femke", kvk_number="87654322")  # fmt: skip
    decision = make_decision(desk, decided_by=coordinator, organisation=trainer)
    services.decision_fund(decision=decision, splits=[(municipal, 1_000)],
                           idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    response, [grant] = grants(client, desk)
    assert "Femke" not in response.content.decode()
    assert "87654322" not in response.content.decode()
    # The name the desk already uses for this kind of provider.
    assert grant["recipientOrganization"] == [
        {"id": f"360G-sportloket-{desk.slug}-org-{trainer.pk}",
         "name": "Ondernemende sportaanbieder"}
    ]  # fmt: skip


@pytest.mark.parametrize(
    "kind", [OrganisationKind.CLUB, OrganisationKind.FUND, OrganisationKind.SPORT_PLATFORM]
)
def test_an_association_or_foundation_is_published_by_name_and_kvk_number(
    client, desk, coordinator, municipal, kind
):
    club = OrganisationFactory.for_desk(desk, kind=kind, name="Stichting Sport Oost",
                                        kvk_number="11223344")  # fmt: skip
    decision = make_decision(desk, decided_by=coordinator, organisation=club)
    services.decision_fund(decision=decision, splits=[(municipal, 1_000)],
                           idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    _response, [grant] = grants(client, desk)
    assert grant["recipientOrganization"] == [
        {"id": "NL-KVK-11223344", "name": "Stichting Sport Oost"}
    ]
