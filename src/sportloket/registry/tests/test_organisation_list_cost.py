"""The register's list with its filters rendered once per language, choices and filters asked
for: what a person chose stays chosen, a sport added since is offered at once, and a search
takes the same queries however many organisations it finds."""

import pytest
from django.urls import reverse

from sportloket.core.models import Municipality
from sportloket.registry.models import Sport
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

# The session, the user and the membership (3), the filters' choices (3), the count, the page
# and its organisations' sports (3).
MAX_QUERIES = 9


@pytest.fixture
def houten(desk):
    municipality = Municipality.objects.get(code="GM0321")
    desk.work_area.set([municipality])
    return municipality


def list_url(desk, **query):
    url = reverse("registry:organisation-list", args=[desk.slug])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else url


def test_a_sport_added_since_is_offered_at_once(coordinator_client, desk, houten):
    assert "Kubb" not in coordinator_client.get(list_url(desk)).text
    kubb = Sport.objects.create(name="Kubb", slug="kubb")

    page = squashed(coordinator_client.get(list_url(desk)).text)

    assert f'<option value="{kubb.pk}">Kubb</option>' in page


def test_what_was_chosen_stays_chosen(coordinator_client, desk, houten):
    hockey = Sport.objects.get(slug="hockey")
    coordinator_client.get(list_url(desk))  # the filters without a choice, kept

    page = squashed(coordinator_client.get(list_url(desk, sport=hockey.pk, q="club")).text)

    assert f'<option value="{hockey.pk}" selected>Hockey</option>' in page
    assert 'name="q" value="club"' in page
    assert f'<option value="{hockey.pk}">Hockey</option>' in squashed(
        coordinator_client.get(list_url(desk)).text
    )


def test_a_search_takes_the_same_queries_however_many_it_finds(coordinator_client, desk, houten):
    hockey = Sport.objects.get(slug="hockey")

    def add(n):
        for organisation in OrganisationFactory.create_batch(
            n, municipality=houten, name="Sportvereniging Houten"
        ):
            organisation.sports.add(hockey)

    add(1)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(list_url(desk, q="Sportvereniging")),
        add,
        more=30,
        max_queries=MAX_QUERIES,
    )
    assert last.context["page_obj"].paginator.count == 31
