"""The cooperation pages: the list (its queries bounded), recording a cooperation from a
suggestion, its page, the status form's errors, the suggestions, and the timeline of a party."""

import pytest
from django.urls import reverse

from sportloket.cooperation.models import Cooperation
from sportloket.cooperation.tests.factories import CooperationFactory
from sportloket.cooperation.tests.test_suggestions import agreeing, asked
from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_the_list_does_not_grow_in_queries_and_shows_the_parties(coordinator_client, desk):
    CooperationFactory.for_desk(desk)
    url = reverse("cooperation:list", args=[desk.slug])

    def add(n):
        for _ in range(n):
            CooperationFactory.for_desk(desk)

    _first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(url), add, more=10, max_queries=12
    )
    assert second.status_code == 200
    assert second.context["page_obj"].paginator.count == 11
    assert "Sportvereniging" in second.content.decode()


def test_the_suggestions_page_does_not_grow_in_queries(coordinator_client, desk):
    theme = ThemeFactory(loket=desk)
    url = reverse("cooperation:suggestions", args=[desk.slug])

    def add(n):
        for _ in range(n):
            asked(desk, agreeing(desk), theme)

    add(2)
    _first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(url), add, more=10, max_queries=14
    )
    assert second.context["page_obj"].paginator.count == 1


def test_a_cooperation_is_recorded_from_a_suggestion(coordinator_client, desk):
    a, b = agreeing(desk), agreeing(desk)
    url = reverse("cooperation:create", args=[desk.slug])
    page = coordinator_client.get(url, {"organisation": [a.pk, b.pk], "title": "Samen"})
    assert page.status_code == 200
    assert page.context["form"].initial["parties"] == [a.pk, b.pk]
    refused = coordinator_client.post(url, {"parties": [a.pk], "title": "Samen", "kind": "other",
                                           "status": "idea", "goal": ""})  # fmt: skip
    assert refused.status_code == 400
    assert refused.context["form"]["title"].value() == "Samen"  # nothing typed is lost
    assert "goal" in refused.context["form"].errors
    done = coordinator_client.post(
        url,
        {"parties": [a.pk, b.pk], "title": "Samen", "kind": "other", "status": "idea",
         "goal": "Een trainerspool."},
    )  # fmt: skip
    cooperation = Cooperation.objects.get()
    assert done.url == reverse("cooperation:detail", args=[desk.slug, cooperation.pk])
    assert {p.organisation for p in cooperation.parties.all()} == {a, b}


def test_both_parties_timelines_show_the_cooperation(coordinator_client, desk):
    cooperation = CooperationFactory.for_desk(desk, title="Sporthal overdag delen")
    for party in cooperation.parties.all():
        page = coordinator_client.get(
            reverse("registry:organisation-detail", args=[desk.slug, party.organisation_id])
        )
        html = page.content.decode()
        assert "Sporthal overdag delen" in html
        assert reverse("cooperation:detail", args=[desk.slug, cooperation.pk]) in html


def test_a_status_form_error_is_shown_next_to_the_field(coordinator_client, desk):
    cooperation = CooperationFactory.for_desk(desk)
    response = coordinator_client.post(
        reverse("cooperation:status", args=[desk.slug, cooperation.pk]), {"status": "ended"}
    )
    assert response.status_code == 400
    assert response.context["status_form"].errors["outcome"]
    cooperation.refresh_from_db()
    assert cooperation.status == "idea"


def test_a_viewer_may_not_open_cooperation_and_a_supporter_may_not_see_other_desks(
    client, desk, other_desk
):
    viewer = MembershipFactory(loket=desk, role="viewer").user
    client.force_login(viewer)
    assert client.get(reverse("cooperation:list", args=[desk.slug])).status_code == 403
    supporter = MembershipFactory(loket=desk, supporter=True).user
    client.force_login(supporter)
    theirs = CooperationFactory.for_desk(other_desk)
    assert client.get(reverse("cooperation:list", args=[desk.slug])).status_code == 200
    url = reverse("cooperation:detail", args=[desk.slug, theirs.pk])
    assert client.get(url).status_code == 404


def test_a_supporter_is_offered_and_shown_only_the_questions_they_may_open(client, desk):
    desk.supporters_see_triage = False
    desk.save()
    supporter = MembershipFactory(loket=desk, supporter=True).user
    cooperation = CooperationFactory.for_desk(desk)
    party = cooperation.parties.first().organisation
    hidden = HelpRequestFactory(loket=desk, organisation=party, question="Niet voor jou")
    cooperation.help_requests.add(hidden)
    client.force_login(supporter)
    links = reverse("cooperation:links", args=[desk.slug, cooperation.pk])
    assert list(client.get(links).context["form"].fields["help_requests"].queryset) == []
    detail = client.get(reverse("cooperation:detail", args=[desk.slug, cooperation.pk]))
    assert "Niet voor jou" not in detail.content.decode()
    assert client.post(links, {}).status_code == 302
    assert list(cooperation.help_requests.all()) == [hidden]  # not offered, so kept
