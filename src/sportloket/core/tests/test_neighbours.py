"""A desk names its neighbouring desks (never itself); referrals, shared regional offerings and
followed knowledge offer them first."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sportloket.core import selectors, services
from sportloket.core.models import Loket
from sportloket.core.tests.factories import LoketFactory

pytestmark = pytest.mark.django_db


def test_neighbours_are_named_and_offered_first(desk, coordinator):
    zeist = LoketFactory(slug="zeist", name="Zeist")
    LoketFactory(slug="amersfoort", name="Amersfoort")
    with pytest.raises(ValidationError) as error:
        services.loket_update(loket=desk, actor=coordinator, neighbours=[desk])
    assert "neighbours" in error.value.error_dict
    services.loket_update(loket=desk, actor=coordinator, neighbours=[zeist])
    ordered = list(selectors.neighbours_first(Loket.objects.exclude(pk=desk.pk), loket=desk))
    assert [d.name for d in ordered] == ["Zeist", "Amersfoort"]
    assert [d.is_neighbour for d in ordered] == [True, False]
    assert list(zeist.neighbours.all()) == []  # naming is one way


def test_the_settings_page_names_them(coordinator_client, desk):
    zeist = LoketFactory(slug="zeist", name="Zeist")
    url = reverse("core:desk-settings", args=[desk.slug])
    form = coordinator_client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(work_area=[], neighbours=[zeist.pk])
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(desk.neighbours.all()) == [zeist]
