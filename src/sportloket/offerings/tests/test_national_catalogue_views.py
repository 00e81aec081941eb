"""The national catalogue: the national team lists, adds and changes the offerings every desk
shares; nobody else may. Drafts stay with whoever manages them."""

import pytest
from django.urls import reverse

from sportloket.accounts.tests.factories import UserFactory
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.offerings.constants import OfferingKind, OfferingScope, OfferingStatus
from sportloket.offerings.models import Offering
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

LIST = reverse("national-offerings:list")
CREATE = reverse("national-offerings:create")


def edit_url(offering):
    return reverse("national-offerings:edit", args=[offering.pk])


@pytest.fixture
def national_client(client):
    client.force_login(UserFactory(national=True))
    return client


@pytest.fixture
def body():
    return OrganisationFactory(name="Sportkader Nederland", kind=OrganisationKind.SUPPORT)


def form_data(body, **overrides):
    data = {
        "title": "Menukaart: clubkadercursus",
        "description": "Uit het landelijke dienstenmenu.",
        "delivered_by": body.pk,
        "kind": OfferingKind.SERVICES_MENU,
        "format": "online",
        "theme_keys": ["volunteers", "governance"],
        "provider_kinds": "club",
        "cost_cents": "1.250,50",
        "duration": "6 weken",
        "capacity": "40",
        "capacity_period": "year",
        "required_registration": "",
        "active_from": "",
        "active_until": "",
        "status": OfferingStatus.ACTIVE,
    }
    data.update(overrides)
    return data


def test_the_list_shows_national_offerings_only_drafts_included(national_client, desk):
    OfferingFactory(national=True, title="Landelijk actief")
    OfferingFactory(national=True, title="Landelijk concept", status=OfferingStatus.DRAFT)
    OfferingFactory(loket=desk, title="Van het loket")
    response = national_client.get(LIST + "?status=all")
    assert response.status_code == 200
    assert [o.title for o in response.context["page_obj"]] == [
        "Landelijk actief",
        "Landelijk concept",
    ]
    response = national_client.get(LIST + "?status=draft")
    assert [o.title for o in response.context["page_obj"]] == ["Landelijk concept"]


def test_the_list_reads_a_fixed_number_of_queries(national_client):
    def add(n):
        for _ in range(n):
            OfferingFactory(national=True, theme_keys=["volunteers", "finances"])

    add(2)
    _first, second = assert_queries_do_not_grow(
        lambda: national_client.get(LIST), add, more=15, max_queries=10
    )
    assert len(second.context["page_obj"]) == 17


@pytest.mark.parametrize("url", ["list", "create", "edit"])
def test_others_may_not_manage_national_offerings(client, desk, url):
    offering = OfferingFactory(national=True)
    target = {"list": LIST, "create": CREATE, "edit": edit_url(offering)}[url]
    assert client.get(target).status_code == 302  # to the login page
    client.force_login(MembershipFactory(loket=desk, coordinator=True).user)
    assert client.get(target).status_code == 403
    assert client.post(target, {"title": "Overgenomen"}).status_code == 403
    offering.refresh_from_db()
    assert offering.title != "Overgenomen"


def test_the_national_team_adds_an_offering_every_desk_sees(national_client, body, desk):
    response = national_client.post(CREATE, form_data(body))
    assert response.status_code == 302
    offering = Offering.objects.get()
    assert offering.loket is None and offering.scope == OfferingScope.NATIONAL
    assert offering.cost_cents == 125050
    assert sorted(t.key for t in offering.themes.all()) == ["governance", "volunteers"]
    other = LoketFactory(slug="beta")
    for loket in (desk, other):
        member = MembershipFactory(loket=loket, supporter=True).user
        national_client.force_login(member)
        page = national_client.get(reverse("offerings:offering-list", args=[loket.slug]))
        assert "Menukaart: clubkadercursus" in [o.title for o in page.context["page_obj"]]


def test_bad_input_keeps_what_was_typed_with_a_dutch_error(national_client, body):
    data = form_data(body, title="", cost_cents="twaalf", active_from="2026-05-01",
                     active_until="2026-04-01")  # fmt: skip
    response = national_client.post(CREATE, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"title", "cost_cents", "active_until"}
    assert "Vul een bedrag in euro in" in str(form.errors["cost_cents"])
    html = response.content.decode()
    assert 'value="twaalf"' in html and "Uit het landelijke dienstenmenu." in html
    assert not Offering.objects.exists()


def test_the_national_team_changes_an_offering_and_sees_its_history(national_client, body):
    offering = OfferingFactory(national=True, delivered_by=body, theme_keys=["volunteers"])
    response = national_client.post(
        edit_url(offering), form_data(body, title="Clubkadercursus 2027")
    )
    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.title == "Clubkadercursus 2027" and offering.loket is None
    page = national_client.get(edit_url(offering))
    assert page.status_code == 200 and page.context["history"]


def test_a_desk_offering_is_no_national_one(national_client, desk):
    offering = OfferingFactory(loket=desk)
    assert national_client.get(edit_url(offering)).status_code == 404
    assert national_client.post(edit_url(offering), {"title": "x"}).status_code == 404


def test_drafts_stay_with_whoever_manages_them(client, desk):
    other = LoketFactory(slug="beta")
    national_draft = OfferingFactory(national=True, status=OfferingStatus.DRAFT)
    shared_draft = OfferingFactory(
        loket=other, scope=OfferingScope.REGION, status=OfferingStatus.DRAFT
    )
    shared_draft.shared_with.add(desk)
    own_draft = OfferingFactory(loket=desk, status=OfferingStatus.DRAFT)
    shared_active = OfferingFactory(loket=other, scope=OfferingScope.REGION)
    shared_active.shared_with.add(desk)
    client.force_login(MembershipFactory(loket=desk, coordinator=True).user)
    listed = client.get(reverse("offerings:offering-list", args=[desk.slug]) + "?status=all")
    assert {o.pk for o in listed.context["page_obj"]} == {own_draft.pk, shared_active.pk}
    for offering in (national_draft, shared_draft):
        url = reverse("decisions:offering-detail", args=[desk.slug, offering.pk])
        assert client.get(url).status_code == 404
