import pytest
from django.apps import apps
from django.core.management import call_command

from sportloket.core.constants import Role
from sportloket.core.models import Loket, Membership


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.mark.django_db
def test_seed_demo_twice_leaves_every_table_unchanged():
    call_command("seed_demo", quiet=True)
    first = _row_counts()
    call_command("seed_demo", quiet=True)
    assert _row_counts() == first
    assert first["core.Loket"] == 2


@pytest.mark.django_db
def test_seed_demo_has_an_account_for_every_role():
    call_command("seed_demo", quiet=True)
    demo = Loket.objects.get(slug="demo")
    assert demo.name == "Sportloket Demo"
    roles = set(Membership.objects.active().for_desk(demo).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert demo.work_area.count() == 4


@pytest.mark.django_db
def test_seed_demo_fills_the_demo_network():
    from sportloket.registry import selectors
    from sportloket.registry.models import Organisation

    call_command("seed_demo", quiet=True)
    demo = Loket.objects.get(slug="demo")
    register = Organisation.objects.for_desk(demo)
    assert register.providers().count() >= 40
    assert register.filter(kind="municipality").exists()
    assert register.filter(kind="sport_platform").exists()
    assert register.filter(kind="fund").exists()
    assert register.filter(kind__in=["care", "welfare"]).count() >= 2
    participations = list(selectors.desk_participations(loket=demo))
    assert any(p.has_valid_declaration for p in participations)
    assert any(not p.has_valid_declaration for p in participations)
