"""A federation's partner reads, across the desks aligned with the federation, its member
clubs' questions that the clubs agreed to share and the cooperations they take part in; any
other question or cooperation is a 404, and so is the page for anyone who is no such partner."""

import pytest
from django.urls import reverse

from sportloket.cooperation.tests.factories import CooperationFactory
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import AreaAlignment, Federation
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def knvb(desk):
    organisation = OrganisationFactory.for_desk(desk, kind=OrganisationKind.FEDERATION,
                                                name="KNVB")  # fmt: skip
    return Federation.objects.create(abbreviation="KNVB-T", name="KNVB", organisation=organisation)


@pytest.fixture
def federation_user(desk, knvb):
    return MembershipFactory(
        loket=desk, role="partner", partner_kind="federation", organisation=knvb.organisation
    ).user


def member_club(desk, federation, **fields):
    club = OrganisationFactory.for_desk(desk, **fields)
    club.federations.add(federation)
    return club


def test_a_federation_user_reads_only_its_member_clubs_consented_questions(
    client, desk, knvb, federation_user
):
    aligned = LoketFactory(slug="aligned")
    AreaAlignment.objects.create(loket=aligned, federation=knvb, agreed=True)
    elsewhere = LoketFactory(slug="elsewhere")  # not aligned with the federation
    member = member_club(desk, knvb, name="VV Lid")
    shared = HelpRequestFactory(loket=desk, organisation=member, consents_to_sharing=True,
                                question="Gedeelde vraag")  # fmt: skip
    at_aligned = HelpRequestFactory(loket=aligned, organisation=member_club(aligned, knvb),
                                    consents_to_sharing=True, question="Bij buurloket")  # fmt: skip
    private = HelpRequestFactory(loket=desk, organisation=member, consents_to_sharing=False)
    other_club = HelpRequestFactory(loket=desk, organisation=OrganisationFactory.for_desk(desk),
                                    consents_to_sharing=True)  # fmt: skip
    not_aligned = HelpRequestFactory(loket=elsewhere, organisation=member_club(elsewhere, knvb),
                                     consents_to_sharing=True)  # fmt: skip
    client.force_login(federation_user)
    page = client.get(reverse("cooperation:federation"))
    assert {q.pk for q in page.context["page_obj"].object_list} == {shared.pk, at_aligned.pk}
    html = page.content.decode()
    assert shared.contact_email not in html and shared.contact_name not in html
    for question in (shared, at_aligned):
        url = reverse("cooperation:federation-question", args=[question.pk])
        response = client.get(url)
        assert response.status_code == 200
        assert question.contact_email not in response.content.decode()
    for question in (private, other_club, not_aligned):
        url = reverse("cooperation:federation-question", args=[question.pk])
        assert client.get(url).status_code == 404


def test_a_federation_user_reads_its_member_clubs_cooperations_only(
    client, desk, knvb, federation_user
):
    theirs = CooperationFactory(loket=desk, title="Met een lid")
    theirs.parties.create(organisation=member_club(desk, knvb))
    theirs.parties.create(organisation=OrganisationFactory.for_desk(desk))
    others = CooperationFactory.for_desk(desk)
    client.force_login(federation_user)
    assert list(client.get(reverse("cooperation:federation")).context["cooperations"]) == [theirs]
    url = reverse("cooperation:federation-cooperation", args=[theirs.pk])
    assert client.get(url).status_code == 200
    url = reverse("cooperation:federation-cooperation", args=[others.pk])
    assert client.get(url).status_code == 404


def test_nobody_else_opens_the_federation_pages(client, desk, coordinator, knvb):
    question = HelpRequestFactory(loket=desk, organisation=member_club(desk, knvb),
                                  consents_to_sharing=True)  # fmt: skip
    municipality_partner = MembershipFactory(
        loket=desk, role="partner", partner_kind="municipality",
        organisation=OrganisationFactory.for_desk(desk),
    ).user  # fmt: skip
    for user in (coordinator, municipality_partner):
        client.force_login(user)
        assert client.get(reverse("cooperation:federation")).status_code == 404
        url = reverse("cooperation:federation-question", args=[question.pk])
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(reverse("cooperation:federation")).status_code == 404


def test_at_its_desk_the_federation_partner_reads_member_clubs_consented_questions(
    client, desk, knvb, federation_user
):
    member = member_club(desk, knvb)
    shared = HelpRequestFactory(loket=desk, organisation=member, consents_to_sharing=True)
    private = HelpRequestFactory(loket=desk, organisation=member, consents_to_sharing=False)
    client.force_login(federation_user)
    url = reverse("decisions:shared-request", args=[desk.slug, shared.pk])
    assert client.get(url).status_code == 200
    url = reverse("decisions:shared-request", args=[desk.slug, private.pk])
    assert client.get(url).status_code == 404


def test_a_desk_whose_work_area_was_not_agreed_with_the_federation_stays_closed(
    client, knvb, federation_user
):
    unagreed = LoketFactory(slug="unagreed")
    AreaAlignment.objects.create(loket=unagreed, federation=knvb, agreed=False)
    question = HelpRequestFactory(loket=unagreed, organisation=member_club(unagreed, knvb),
                                  consents_to_sharing=True)  # fmt: skip
    client.force_login(federation_user)
    url = reverse("cooperation:federation-question", args=[question.pk])
    assert client.get(url).status_code == 404


def test_the_federation_page_does_not_grow_in_queries(client, desk, knvb, federation_user):
    def add(n):
        for _ in range(n):
            club = member_club(desk, knvb)
            HelpRequestFactory(loket=desk, organisation=club, consents_to_sharing=True)
            cooperation = CooperationFactory(loket=desk)
            cooperation.parties.create(organisation=club)

    add(1)
    client.force_login(federation_user)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(reverse("cooperation:federation")), add, more=10, max_queries=12
    )
    assert second.context["page_obj"].paginator.count == 11
