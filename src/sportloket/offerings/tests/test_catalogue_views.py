"""The catalogue pages: the list a desk sees (own, regional, national), an offering's page,
adding and changing the desk's own offerings, and the desk's matching weights."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from sportloket.core.constants import Role
from sportloket.core.fields import EuroField
from sportloket.core.money import parse_euros
from sportloket.core.templatetags.sportloket import cost, euros
from sportloket.core.tests.factories import LoketFactory, MembershipFactory, ThemeFactory
from sportloket.decisions.constants import Criterion
from sportloket.decisions.models import MatchingWeights
from sportloket.offerings.constants import OfferingKind, OfferingScope, OfferingStatus
from sportloket.offerings.models import Offering
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Sport
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def federation(desk):
    return OrganisationFactory.for_desk(desk, name="KNVB District West", kind=OrganisationKind.FEDERATION)  # fmt: skip


@pytest.fixture
def themes(desk):
    return [
        ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers", position=1),
        ThemeFactory(loket=desk, key="finances", name="Geld en subsidies", position=2),
        ThemeFactory(loket=desk, key="governance", name="Bestuur", position=3, is_active=False),
    ]


def list_url(desk, **params):
    url = reverse("offerings:offering-list", args=[desk.slug])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def detail_url(desk, offering):
    return reverse("decisions:offering-detail", args=[desk.slug, offering.pk])


def edit_url(desk, offering):
    return reverse("offerings:offering-edit", args=[desk.slug, offering.pk])


def titles(response):
    return [o.title for o in response.context["page_obj"]]


def member_client(client, desk, **role):
    client.force_login(MembershipFactory(loket=desk, **role).user)
    return client


# The list


def test_the_list_shows_own_regional_and_national_offerings_not_another_desks(
    coordinator_client, desk, other_desk
):
    third = LoketFactory(slug="gamma")
    OfferingFactory(loket=desk, title="A eigen aanbod")
    shared = OfferingFactory(
        loket=other_desk, title="B gedeeld met ons", scope=OfferingScope.REGION
    )
    shared.shared_with.add(desk)
    elsewhere = OfferingFactory(loket=other_desk, title="C gedeeld met anderen",
                                scope=OfferingScope.REGION)  # fmt: skip
    elsewhere.shared_with.add(third)
    OfferingFactory(national=True, title="D landelijk")
    OfferingFactory(loket=other_desk, title="E van een ander loket")

    response = coordinator_client.get(list_url(desk))
    assert response.status_code == 200
    assert titles(response) == ["A eigen aanbod", "B gedeeld met ons", "D landelijk"]
    assert other_desk.name in response.text  # who shares the regional one


def test_the_list_shows_active_offerings_unless_asked(coordinator_client, desk):
    OfferingFactory(loket=desk, title="Actief")
    OfferingFactory(loket=desk, title="Concept", status=OfferingStatus.DRAFT)
    OfferingFactory(loket=desk, title="Oud", status=OfferingStatus.ARCHIVED)

    assert titles(coordinator_client.get(list_url(desk))) == ["Actief"]
    assert titles(coordinator_client.get(list_url(desk, q=""))) == ["Actief"]
    assert titles(coordinator_client.get(list_url(desk, status="draft"))) == ["Concept"]
    assert titles(coordinator_client.get(list_url(desk, status="all"))) == [
        "Actief",
        "Concept",
        "Oud",
    ]


def test_the_list_filters_in_the_database(coordinator_client, desk, themes, federation):
    OfferingFactory(loket=desk, title="Vrijwilligersadvies", theme_keys=["volunteers"],
                    delivered_by=federation)  # fmt: skip
    OfferingFactory(loket=desk, title="Penningmeestercursus", kind=OfferingKind.COURSE,
                    theme_keys=["finances"])  # fmt: skip
    OfferingFactory(national=True, title="Menukaart bestuur", kind=OfferingKind.SERVICES_MENU,
                    theme_keys=["governance"])  # fmt: skip

    def found(**params):
        return titles(coordinator_client.get(list_url(desk, **params)))

    assert found(q="penning") == ["Penningmeestercursus"]
    assert found(q="knvb") == ["Vrijwilligersadvies"]  # the delivering organisation
    assert found(kind=OfferingKind.COURSE) == ["Penningmeestercursus"]
    assert found(theme="volunteers") == ["Vrijwilligersadvies"]
    assert found(scope=OfferingScope.NATIONAL) == ["Menukaart bestuur"]
    assert found(scope=OfferingScope.DESK, kind=OfferingKind.ADVICE) == ["Vrijwilligersadvies"]


def test_the_theme_filter_offers_the_desks_themes_in_use(coordinator_client, desk, themes):
    form = coordinator_client.get(list_url(desk)).context["filter_form"]
    assert [key for key, _name in form.fields["theme"].choices] == ["", "volunteers", "finances"]


def test_the_list_query_count_does_not_grow_with_rows(
    coordinator_client, desk, other_desk, federation
):
    def add(n):
        for number in range(n):
            scope = (OfferingScope.DESK, OfferingScope.REGION, OfferingScope.NATIONAL)[number % 3]
            if scope == OfferingScope.NATIONAL:
                OfferingFactory(national=True, theme_keys=["volunteers"])
            elif scope == OfferingScope.REGION:
                OfferingFactory(loket=other_desk, scope=scope).shared_with.add(desk)
            else:
                OfferingFactory(loket=desk, delivered_by=federation, theme_keys=["finances"])

    add(3)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(list_url(desk)), add, more=21, max_queries=12
    )
    assert last.context["page_obj"].paginator.count == 24
    assert last.text.count("KNVB District West") >= 8


def test_the_list_is_paginated_by_25(coordinator_client, desk):
    OfferingFactory.create_batch(27, loket=desk)
    first = coordinator_client.get(list_url(desk))
    assert len(first.context["page_obj"]) == 25
    assert len(coordinator_client.get(list_url(desk, page=2)).context["page_obj"]) == 2


def test_the_list_answers_htmx_with_the_table(coordinator_client, desk):
    OfferingFactory(loket=desk, title="Clubkadercursus")
    response = coordinator_client.get(list_url(desk), headers={"HX-Request": "true"})
    assert "<html" not in response.text and "Clubkadercursus" in response.text
    assert response.headers["Vary"].count("HX-Request") == 1


def test_a_row_shows_the_cost_in_euros(coordinator_client, desk):
    OfferingFactory(loket=desk, title="Duur", cost_cents=125050)
    OfferingFactory(loket=desk, title="Niets", cost_cents=0)
    assert "€\u00a01.250,50" in coordinator_client.get(list_url(desk)).text
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = coordinator_client.get(list_url(desk)).text
    assert "€\u00a01,250.50" in english and ">free<" in english


def test_every_member_of_the_desk_finds_the_catalogue_in_the_menu(client, desk):
    for role in ({"coordinator": True}, {"supporter": True}, {"partner": True}, {}):
        member_client(client, desk, **role)
        page = client.get(reverse("dashboard:desk", args=[desk.slug]))
        assert f'href="{list_url(desk)}"' in page.text, role
        assert client.get(list_url(desk)).status_code == 200, role


# An offering's page


def test_the_page_names_the_themes_as_the_desk_does(coordinator_client, desk, themes):
    hockey = Sport.objects.get(slug="hockey")
    offering = OfferingFactory(loket=desk, theme_keys=["volunteers", "healthy"], cost_cents=0)
    offering.sports.add(hockey)
    response = coordinator_client.get(detail_url(desk, offering))
    assert response.status_code == 200
    with translation.override("nl"):
        from sportloket.core.constants import DEFAULT_THEME_LABELS

        usual = str(DEFAULT_THEME_LABELS["healthy"])
    # Sorted by key: "healthy" (not a theme of this desk: its usual name), "volunteers".
    assert response.context["themes"] == [usual, "Vrijwilligers"]
    assert "Hockey" in response.text
    assert response.context["can_edit"] is True
    assert edit_url(desk, offering) in response.text
    assert response.context["history"]


def test_national_and_shared_offerings_can_be_read_but_not_edited_here(
    coordinator_client, desk, other_desk
):
    national = OfferingFactory(national=True, title="Landelijk dienstenmenu")
    shared = OfferingFactory(loket=other_desk, scope=OfferingScope.REGION, title="Regio-aanbod")
    shared.shared_with.add(desk)
    for offering in (national, shared):
        response = coordinator_client.get(detail_url(desk, offering))
        assert response.status_code == 200
        assert response.context["can_edit"] is False
        assert edit_url(desk, offering) not in response.text
        # Editing it is not a page of this desk.
        assert coordinator_client.get(edit_url(desk, offering)).status_code == 404
        assert coordinator_client.post(edit_url(desk, offering), {"title": "x"}).status_code == 404
        offering.refresh_from_db()
        assert offering.title != "x"


def test_another_desks_own_offering_is_not_found(coordinator_client, desk, other_desk):
    theirs = OfferingFactory(loket=other_desk)
    assert coordinator_client.get(detail_url(desk, theirs)).status_code == 404
    assert coordinator_client.get(edit_url(desk, theirs)).status_code == 404


def test_only_coordinators_see_the_history(client, desk):
    offering = OfferingFactory(loket=desk)
    member_client(client, desk, supporter=True)
    response = client.get(detail_url(desk, offering))
    assert response.status_code == 200
    assert "history" not in response.context
    assert response.context["can_edit"] is False


# Adding and changing


@pytest.fixture
def neighbour():
    return LoketFactory(slug="gamma", name="Sportloket Gamma")


def valid_post(federation, **overrides):
    data = {
        "title": "Vrijwilligersbeleid op orde",
        "description": "Drie avonden met het bestuur over werven en behouden.",
        "delivered_by": federation.pk,
        "kind": OfferingKind.COACHING,
        "format": "in_person",
        "theme_keys": ["volunteers"],
        "provider_kinds": "club",
        "sports": [Sport.objects.get(slug="hockey").pk],
        "scope": OfferingScope.DESK,
        "cost_cents": "1.250,50",
        "duration": "6 weken",
        "capacity": "10",
        "capacity_period": "year",
        "required_registration": "kss",
        "active_from": "2025-09-01",
        "active_until": "2026-06-30",
        "status": OfferingStatus.ACTIVE,
    }
    data.update(overrides)
    return data


def test_a_coordinator_adds_a_regional_offering(
    coordinator_client, desk, themes, federation, neighbour
):
    url = reverse("offerings:offering-create", args=[desk.slug])
    page = coordinator_client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert [k for k, _ in form.fields["theme_keys"].choices] == ["volunteers", "finances"]
    assert list(form.fields["shared_with"].queryset) == [neighbour]
    assert [v for v, _ in form.fields["scope"].choices] == ["desk", "region"]

    response = coordinator_client.post(
        url,
        valid_post(
            federation,
            scope=OfferingScope.REGION,
            shared_with=[neighbour.pk],
            theme_keys=["volunteers", "finances"],
        ),
    )
    offering = Offering.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(desk, offering)
    assert offering.loket == desk and offering.delivered_by == federation
    assert offering.cost_cents == 125050
    assert offering.capacity == 10 and offering.required_registration == "kss"
    assert sorted(offering.themes.values_list("key", flat=True)) == ["finances", "volunteers"]
    assert list(offering.shared_with.all()) == [neighbour]
    assert [s.slug for s in offering.sports.all()] == ["hockey"]
    # The neighbouring desk sees it in its catalogue.
    neighbour_coordinator = MembershipFactory(loket=neighbour, coordinator=True).user
    coordinator_client.force_login(neighbour_coordinator)
    assert titles(coordinator_client.get(list_url(neighbour))) == [offering.title]


def test_bad_input_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    coordinator_client, desk, themes, federation
):
    url = reverse("offerings:offering-create", args=[desk.slug])
    response = coordinator_client.post(
        url,
        valid_post(
            federation,
            title="Café Één: bestuur",
            cost_cents="12,345",
            theme_keys=[],
            active_from="2026-01-01",
            active_until="2025-12-31",
        ),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"cost_cents", "theme_keys", "active_until"}
    html = response.text
    assert 'value="Café Één: bestuur"' in html
    assert 'value="12,345"' in html  # the amount as typed, not reformatted
    assert 'value="2025-12-31"' in html
    hockey = Sport.objects.get(slug="hockey")
    assert f'value="{hockey.pk}"' in html and "checked" in html
    assert 'aria-invalid="true"' in html
    assert not Offering.objects.exists()


def test_an_organisation_outside_the_register_cannot_deliver(
    coordinator_client, desk, themes, federation
):
    club = OrganisationFactory.for_desk(desk, name="HC Houten")  # a provider, not a supporter
    elsewhere = OrganisationFactory(kind=OrganisationKind.FEDERATION)  # not in this register
    form = coordinator_client.get(reverse("offerings:offering-create", args=[desk.slug])).context[
        "form"
    ]
    assert list(form.fields["delivered_by"].queryset) == [federation]
    for organisation in (club, elsewhere):
        response = coordinator_client.post(
            reverse("offerings:offering-create", args=[desk.slug]),
            valid_post(federation, delivered_by=organisation.pk),
        )
        assert response.status_code == 400
        assert "delivered_by" in response.context["form"].errors
    # Dutch, from Django's own translation.
    assert "Selecteer een geldige keuze" in response.text


def test_a_service_error_shows_next_to_its_field(coordinator_client, desk, themes, federation):
    # A region without desks to share with passes the form; the service refuses it.
    response = coordinator_client.post(
        reverse("offerings:offering-create", args=[desk.slug]),
        valid_post(federation, scope=OfferingScope.REGION),
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["shared_with"]
    assert not Offering.objects.exists()


def test_the_desk_cannot_choose_national(coordinator_client, desk, themes, federation):
    response = coordinator_client.post(
        reverse("offerings:offering-create", args=[desk.slug]),
        valid_post(federation, scope=OfferingScope.NATIONAL),
    )
    assert response.status_code == 400
    assert "scope" in response.context["form"].errors


def test_a_coordinator_changes_an_own_offering(coordinator_client, desk, themes, federation):
    offering = OfferingFactory(loket=desk, delivered_by=federation, theme_keys=["volunteers"],
                               cost_cents=125050, title="Oude titel")  # fmt: skip
    page = coordinator_client.get(edit_url(desk, offering))
    assert page.status_code == 200
    assert 'value="1250,50"' in page.text  # stored cents shown in euros
    assert page.context["form"].initial["theme_keys"] == ["volunteers"]

    response = coordinator_client.post(
        edit_url(desk, offering),
        valid_post(federation, title="Nieuwe titel", cost_cents="", theme_keys=["finances"]),
    )
    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.title == "Nieuwe titel" and offering.cost_cents == 0
    assert list(offering.themes.values_list("key", flat=True)) == ["finances"]


def test_a_refused_edit_keeps_the_old_title_in_the_heading(
    coordinator_client, desk, themes, federation
):
    offering = OfferingFactory(loket=desk, delivered_by=federation, title="Oude titel")
    response = coordinator_client.post(
        edit_url(desk, offering), valid_post(federation, title="Nieuwe titel", cost_cents="abc")
    )
    assert response.status_code == 400
    heading = response.text.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "Oude titel" in heading and "Nieuwe titel" not in heading
    assert 'value="Nieuwe titel"' in response.text
    offering.refresh_from_db()
    assert offering.title == "Oude titel"


def test_a_theme_the_desk_retired_stays_choosable_on_an_offering_that_has_it(
    coordinator_client, desk, themes, federation
):
    offering = OfferingFactory(loket=desk, delivered_by=federation, theme_keys=["governance"])
    form = coordinator_client.get(edit_url(desk, offering)).context["form"]
    assert "governance" in [k for k, _ in form.fields["theme_keys"].choices]


def test_a_desk_without_themes_offers_the_usual_ones(coordinator_client, desk):
    form = coordinator_client.get(reverse("offerings:offering-create", args=[desk.slug])).context[
        "form"
    ]
    assert "volunteers" in [k for k, _ in form.fields["theme_keys"].choices]


@pytest.mark.parametrize("role", [{"supporter": True}, {"partner": True}, {}])
def test_other_roles_read_but_do_not_change_the_catalogue(client, desk, federation, role):
    offering = OfferingFactory(loket=desk, delivered_by=federation)
    member_client(client, desk, **role)
    assert client.get(detail_url(desk, offering)).status_code == 200
    listing = client.get(list_url(desk))
    assert reverse("offerings:offering-create", args=[desk.slug]) not in listing.text
    create = reverse("offerings:offering-create", args=[desk.slug])
    assert client.get(create).status_code == 403
    assert client.post(create, valid_post(federation)).status_code == 403
    assert client.get(edit_url(desk, offering)).status_code == 403
    assert client.post(edit_url(desk, offering), valid_post(federation)).status_code == 403
    weights = reverse("decisions:weights", args=[desk.slug])
    assert client.get(weights).status_code == 200
    assert client.post(weights, dict.fromkeys(Criterion.values, 5)).status_code == 403
    assert Offering.objects.count() == 1 and not MatchingWeights.objects.exists()


# Weights


def test_every_member_reads_the_weights(client, desk):
    member_client(client, desk)  # a viewer
    response = client.get(reverse("decisions:weights", args=[desk.slug]))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert [(c.value, w) for c, w in response.context["rows"]][:2] == [("theme", 10),
                                                                      ("provider_kind", 5)]  # fmt: skip
    assert 'type="number"' not in response.text


def test_a_coordinator_sets_the_weights(coordinator_client, desk, coordinator):
    url = reverse("decisions:weights", args=[desk.slug])
    form = coordinator_client.get(url).context["form"]
    assert form.initial["theme"] == 10
    data = {**dict.fromkeys(Criterion.values, 4), "theme": 9, "novelty": 0}
    response = coordinator_client.post(url, data)
    assert response.status_code == 302 and response.url == url
    weights = MatchingWeights.objects.get(loket=desk)
    assert (weights.theme, weights.novelty, weights.money) == (9, 0, 4)
    assert coordinator_client.get(url).context["history"]


def test_weights_out_of_range_or_all_zero_are_refused(coordinator_client, desk):
    url = reverse("decisions:weights", args=[desk.slug])
    response = coordinator_client.post(url, {**dict.fromkeys(Criterion.values, 4), "money": 11})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["money"]
    assert 'value="11"' in response.text
    response = coordinator_client.post(url, dict.fromkeys(Criterion.values, 0))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not MatchingWeights.objects.exists()


# Money


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1.250,50", 125050),
        ("1250,5", 125050),
        ("1250", 125000),
        ("€ 1.250,-", 125000),
        ("12.50", 1250),
        ("1.250", 125000),
        ("0", 0),
        ("1 250,50", 125050),
    ],
)
def test_amounts_are_read_the_dutch_way(typed, cents):
    assert parse_euros(typed) == cents
    assert EuroField(required=False).clean(typed) == cents


@pytest.mark.parametrize("typed", ["12,345", "1,250.50", "abc", "1.25.0", "-5", "2000000"])
def test_what_is_no_amount_is_refused(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        EuroField(required=False).clean(typed)


def test_an_empty_amount_is_free():
    assert EuroField(required=False).clean("") == 0


def test_cents_are_shown_as_euros():
    with translation.override("nl"):
        assert euros(125050) == "€\u00a01.250,50"
        assert cost(0) == translation.gettext("free")
        assert cost(5) == "€\u00a00,05"
    with translation.override("en"):
        assert euros(125050) == "€\u00a01,250.50"


def test_an_offerings_page_shows_the_funds_that_may_pay_for_it(client, desk, other_desk):
    from sportloket.core.constants import ProviderKinds
    from sportloket.funds.tests.factories import FundFactory

    offering = OfferingFactory(
        loket=desk, cost_cents=50_000, theme_keys=["volunteers"], provider_kinds=ProviderKinds.CLUB
    )
    FundFactory(loket=desk, name="Gemeentebudget", amount_cents=300_000)
    FundFactory(loket=desk, name="Alleen financiën", theme_keys=["finances"])
    FundFactory(loket=desk, name="Maximaal 100", max_per_allocation_cents=10_000)
    FundFactory(loket=desk, name="Commercieel", eligible_provider_kinds=ProviderKinds.COMMERCIAL)
    FundFactory(loket=other_desk, name="Van een ander loket")
    url = reverse("decisions:offering-detail", args=[desk.slug, offering.pk])

    client.force_login(MembershipFactory(loket=desk, coordinator=True).user)
    page = client.get(url).text.split('id="funds-title"')[1].split("</section>")[0]
    assert "Gemeentebudget" in page and euros(300_000) in page
    for refused in ("Alleen financiën", "Maximaal 100", "Commercieel", "Van een ander loket"):
        assert refused not in page

    client.force_login(MembershipFactory(loket=desk, supporter=True).user)
    page = client.get(url).text.split('id="funds-title"')[1].split("</section>")[0]
    assert "Gemeentebudget" in page and euros(300_000) not in page  # names, not money

    client.force_login(MembershipFactory(loket=desk, role=Role.VIEWER).user)
    assert 'id="funds-title"' not in client.get(url).text
