"""The register list's rows written in Python (``views.organisation_rows``): every value
escaped, "dissolved" beside a dissolved organisation, the place from the city or else the
municipality, the sports by name, a dash for what is not known."""

import pytest

from sportloket.core.models import Municipality
from sportloket.registry.constants import OrganisationStatus
from sportloket.registry.models import Organisation, Sport
from sportloket.registry.selectors import list_page_values
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.registry.views.organisation_rows import rows_html

pytestmark = pytest.mark.django_db


def test_each_row_shows_what_is_known_escaped():
    houten = Municipality.objects.get(code="GM0321")
    club = OrganisationFactory(
        name='HC "De Ster" <b>', city="", municipality=houten, kvk_number=None
    )
    club.sports.set(
        [
            Sport.objects.get_or_create(name="Korfbal", defaults={"slug": "korfbal-t"})[0],
            Sport.objects.get_or_create(name="Hockey", defaults={"slug": "hockey-t"})[0],
        ]
    )
    gone = OrganisationFactory(name="Oud & Nieuw", status=OrganisationStatus.DISSOLVED)
    rows = list_page_values(Organisation.objects.filter(pk__in=[club.pk, gone.pk]).order_by("pk"))

    html = rows_html(rows, desk_slug="regio")

    assert "<b>" not in html
    assert (
        f'<a href="/regio/organisations/{club.pk}/">HC &quot;De Ster&quot; &lt;b&gt;</a></td>'
        in html
    )
    assert "<td>Houten</td><td>Hockey, Korfbal</td><td>–</td>" in html
    assert 'Oud &amp; Nieuw</a> <span class="badge">Opgeheven</span>' in html
    assert f"<td>Utrecht</td><td>–</td><td>{gone.kvk_number}</td>" in html


def test_no_organisations_no_rows(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert rows_html([], desk_slug="regio") == ""
