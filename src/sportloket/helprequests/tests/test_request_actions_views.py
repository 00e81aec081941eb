"""The request page's actions, each a view of its own: it answers the POST and sends the member
back to the page, or shows the page again (400) with the errors beside the field and what was
typed; who may act is the permissions module's to say, for the views and the page alike."""

import pytest
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.tests.factories import ACTION_URLS, action_url
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db


def page_of(question):
    return reverse("helprequests:request-detail", args=[question.loket.slug, question.pk])


def test_an_action_redirects_back_to_the_request_page(coordinator_client, desk):
    question = submit(desk)
    response = coordinator_client.post(
        action_url(question, "note"), {"note-body": "Gebeld, geen gehoor."}
    )
    assert response.status_code == 302 and response["Location"] == page_of(question)
    page = coordinator_client.get(response["Location"]).text
    assert "De notitie is toegevoegd." in page and "Gebeld, geen gehoor." in page


def test_a_refused_action_shows_the_page_with_the_error_beside_the_field_and_keeps_the_input(
    coordinator_client, desk
):
    question = submit(desk)
    response = coordinator_client.post(
        action_url(question, "move"),
        {"to_state": S.REFERRED, "note": "Past beter bij welzijn, zie gesprek van dinsdag"},
    )
    assert response.status_code == 400
    assert response.context["help_request"] == question
    assert response.context["move_form"].errors == {
        "referred_to": ["Geef aan naar wie de vraag is doorverwezen."]
    }
    html = squashed(response.text)
    assert "Past beter bij welzijn, zie gesprek van dinsdag</textarea>" in html
    # The rest of the page is there too, with its own forms blank.
    assert response.context["note_form"].is_bound is False
    question.refresh_from_db()
    assert question.state == S.SUBMITTED


def test_the_page_posts_each_form_to_its_own_address(coordinator_client, desk):
    question = submit(desk, organisation_name="Domstad")
    OrganisationFactory.for_desk(desk, name="VV Domstad")
    html = coordinator_client.get(page_of(question)).text
    # Referral is offered once the question is referred; the rest at once to a coordinator.
    for action in set(ACTION_URLS) - {"referral"}:
        assert f'action="{action_url(question, action)}' in html, action
    assert 'name="action"' not in html


def test_an_action_is_a_post_only(coordinator_client, desk):
    question = submit(desk)
    assert coordinator_client.get(action_url(question, "assign")).status_code == 405


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("triage", {"urgency": "high"}),
        ("referral", {"referral-outcome": "Opgelost"}),
        ("link", {"organisation": "1"}),
        ("create_organisation", {"create-kind": "club"}),
        ("message", {"message-body": "Hallo"}),
    ],
)
def test_a_supporter_may_not_take_the_coordinators_actions(client, desk, action, data):
    question = submit(desk)
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    assert client.post(action_url(question, action), data).status_code == 403


def test_the_page_offers_a_supporter_only_what_they_may_do(client, desk, coordinator):
    question = submit(desk)
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    html = client.get(page_of(question)).text
    assert f'action="{action_url(question, "note")}"' in html
    assert f'action="{action_url(question, "assign")}"' in html
    for action in ("triage", "message", "link", "create_organisation", "move"):
        assert action_url(question, action) not in html, action
    services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    html = client.get(page_of(question)).text
    assert f'action="{action_url(question, "message")}"' in html


def test_a_refused_link_keeps_the_search(coordinator_client, desk, other_desk):
    question = submit(desk, organisation_name="Domstad")
    theirs = OrganisationFactory.for_desk(other_desk, name="Domstad Hockey")
    OrganisationFactory.for_desk(desk, name="Atletiek Zuid")
    refused = coordinator_client.post(
        action_url(question, "link") + "?org=Atletiek", {"organisation": theirs.pk}
    )
    assert refused.status_code == 400
    assert "Kies een organisatie uit het register van dit loket." in refused.text
    assert refused.context["org_search"] == "Atletiek"
    assert "Atletiek Zuid" in refused.text


def test_a_question_of_another_desk_is_a_404_for_every_action(coordinator_client, desk, other_desk):
    question = submit(other_desk)
    for action, name in ACTION_URLS.items():
        url = reverse(f"helprequests:{name}", args=[desk.slug, question.pk])
        assert coordinator_client.post(url, {}).status_code == 404, action
