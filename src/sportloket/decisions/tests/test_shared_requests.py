"""Partners read, read-only, the questions of the organisation they represent and those a fund
of that organisation was asked to pay for, where the provider consented to sharing; nothing
else (404), never the contact person, and no action. Who sees which question is one rule
(``helprequests.selectors.visible_requests``); the shared page keeps its queries whatever the
number of questions."""

import pytest
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.decisions.tests.factories import decide, make_decision
from sportloket.funds.tests.factories import AllocationFactory, FundFactory
from sportloket.helprequests.selectors import visible_requests
from sportloket.helprequests.tests.factories import HelpRequestFactory, action_url
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(desk):
    return OrganisationFactory.for_desk(desk, name="VV Domstad", kind=OrganisationKind.CLUB)


@pytest.fixture
def rabobank(desk):
    return OrganisationFactory.for_desk(desk, name="Rabobank", kind=OrganisationKind.FUND)


@pytest.fixture
def club_partner(desk, club):
    """The club's own representative at the desk (a partner of the club)."""
    return MembershipFactory(loket=desk, partner=True, organisation=club)


@pytest.fixture
def bank_partner(desk, rabobank):
    return MembershipFactory(loket=desk, partner=True, organisation=rabobank)


def question(desk, organisation, *, sharing=True, **fields):
    return HelpRequestFactory(
        loket=desk, organisation=organisation,
        organisation_name=organisation.name if organisation else "Club zonder register",
        consents_to_sharing=sharing, contact_name="Eva Brouwer", contact_phone="0612345678",
        contact_email="eva@domstad.example.nl", **fields,
    )  # fmt: skip


def funded_by(fund, help_request, coordinator):
    decision = make_decision(help_request.loket, decided_by=coordinator, help_request=help_request)
    return AllocationFactory(fund=fund, decision=decision, amount_cents=10_000)


@pytest.fixture
def questions(desk, other_desk, club, rabobank, coordinator):
    """The club's question shared and not shared; another club's shared question, one a fund
    of the Rabobank pays for (shared) and one it pays for without consent."""
    other_club = OrganisationFactory.for_desk(desk, name="HC Houten")
    fund = FundFactory(loket=desk, owner=rabobank, name="Rabo ClubSupport")
    found = {
        "own": question(desk, club),
        "own_private": question(desk, club, sharing=False),
        "other": question(desk, other_club),
        "funded": question(desk, other_club),
        "funded_private": question(desk, other_club, sharing=False),
    }
    funded_by(fund, found["funded"], coordinator)
    funded_by(fund, found["funded_private"], coordinator)
    # The Rabobank's fund at another desk pays for a question there: not this desk's partner's.
    elsewhere = OrganisationFactory.for_desk(other_desk)
    found["elsewhere"] = question(other_desk, elsewhere)
    funded_by(FundFactory(loket=other_desk, owner=rabobank), found["elsewhere"], coordinator)
    return found


def shared_url(desk, help_request):
    return reverse("decisions:shared-request", args=[desk.slug, help_request.pk])


def test_a_partner_sees_the_shared_questions_of_their_organisation_and_their_funds(
    desk, club_partner, bank_partner, questions
):
    assert set(visible_requests(membership=club_partner)) == {questions["own"]}
    assert set(visible_requests(membership=bank_partner)) == {questions["funded"]}
    # A partner who represents no organisation sees nothing.
    assert not visible_requests(membership=MembershipFactory(loket=desk, partner=True)).exists()


@pytest.mark.parametrize(
    ("who", "key", "status"),
    [("club_partner", "own", 200), ("club_partner", "own_private", 404),
     ("club_partner", "other", 404), ("club_partner", "funded", 404),
     ("bank_partner", "funded", 200), ("bank_partner", "funded_private", 404),
     ("bank_partner", "own", 404), ("bank_partner", "other", 404),
     ("coordinator_membership", "own_private", 200), ("viewer", "own", 403)],
)  # fmt: skip
def test_who_opens_which_shared_question(request, client, desk, questions, who, key, status):
    if who == "viewer":
        member = MembershipFactory(loket=desk)
    elif who == "coordinator_membership":
        member = MembershipFactory(loket=desk, coordinator=True)
    else:
        member = request.getfixturevalue(who)
    client.force_login(member.user)
    assert client.get(shared_url(desk, questions[key])).status_code == status


def test_the_partner_reads_the_question_and_its_decision_without_the_contact_or_any_action(
    client, desk, club, club_partner, coordinator
):
    offering = OfferingFactory(loket=desk, title="Clubkadercursus", cost_cents=0,
                               delivered_by__name="Sportbond Midden")  # fmt: skip
    OfferingFactory(loket=desk, title="Bestuursavond", cost_cents=0)
    shared = question(desk, club, question="Wij zoeken trainers voor de jeugd.")
    decide(shared, offering, coordinator, rationale="De cursus past bij de vraag.",
           deviation_reason="Past beter bij de club.")  # fmt: skip
    client.force_login(club_partner.user)
    response = client.get(shared_url(desk, shared))
    page = squashed(response.text)
    assert "Wij zoeken trainers voor de jeugd." in page
    assert "De cursus past bij de vraag." in page
    assert "Clubkadercursus (Sportbond Midden)" in page
    assert "Bestuursavond" in page  # the ranking
    for private in ("Eva Brouwer", "0612345678", "eva@domstad.example.nl", shared.tracking_token):
        assert private not in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<form" not in main and "<textarea" not in main
    # The desk's page of the question and its actions stay closed to the partner.
    assert client.get(reverse("helprequests:request-detail", args=[desk.slug, shared.pk])
                      ).status_code == 403  # fmt: skip
    assert client.post(action_url(shared, "note"), {"body": "Hallo"}).status_code == 403
    assert shared.internal_notes.count() == 0


def test_the_list_shows_the_shared_questions_only(client, desk, club_partner, questions):
    client.force_login(club_partner.user)
    response = client.get(reverse("decisions:shared-requests", args=[desk.slug]))
    assert response.status_code == 200
    assert list(response.context["page_obj"].object_list) == [questions["own"]]
    assert shared_url(desk, questions["own"]) in response.text
    assert shared_url(desk, questions["own_private"]) not in response.text


def test_a_partner_of_another_desk_finds_nothing(client, desk, other_desk, rabobank, questions):
    stranger = MembershipFactory(loket=other_desk, partner=True, organisation=rabobank)
    client.force_login(stranger.user)
    assert client.get(shared_url(desk, questions["funded"])).status_code == 404
    assert client.get(shared_url(other_desk, questions["funded"])).status_code == 404
    assert client.get(shared_url(other_desk, questions["elsewhere"])).status_code == 200


def test_the_list_takes_the_same_queries_for_more_questions(client, desk, club, club_partner):
    client.force_login(club_partner.user)
    url = reverse("decisions:shared-requests", args=[desk.slug])

    def add(n):
        for _ in range(n):
            question(desk, club)

    add(1)
    _first, second = assert_queries_do_not_grow(lambda: client.get(url), add, more=6)
    assert len(second.context["page_obj"].object_list) == 7


def test_the_organisation_timeline_links_a_partner_to_the_shared_page(
    client, desk, club, club_partner, coordinator, questions
):
    """The desk's own question page is not for partners: the organisation's timeline sends
    them to the read-only page they may open, and a coordinator to the question page."""
    shared = reverse("decisions:shared-request", args=[desk.slug, questions["own"].pk])
    own_page = reverse("helprequests:request-detail", args=[desk.slug, questions["own"].pk])
    organisation = reverse("registry:organisation-detail", args=[desk.slug, club.pk])
    client.force_login(club_partner.user)
    page = client.get(organisation).text
    assert f'href="{shared}"' in page and f'href="{own_page}"' not in page
    assert client.get(shared).status_code == 200
    client.force_login(coordinator)
    page = client.get(organisation).text
    assert f'href="{own_page}"' in page and f'href="{shared}"' not in page
