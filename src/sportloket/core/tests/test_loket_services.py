import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sportloket.core import services
from sportloket.core.models import Loket, Municipality

pytestmark = pytest.mark.django_db


def test_loket_create_sets_the_work_area():
    area = Municipality.objects.filter(code__in=["GM0344", "GM0356"])
    loket = services.loket_create(actor=None, name="Sportloket U", slug="u", work_area=area)
    assert set(loket.work_area.values_list("code", flat=True)) == {"GM0344", "GM0356"}


def test_loket_create_refuses_a_reserved_slug():
    with pytest.raises(ValidationError) as error:
        services.loket_create(actor=None, name="Admin", slug="admin")
    assert "slug" in error.value.error_dict
    assert not Loket.objects.filter(slug="admin").exists()


def test_loket_update_records_who_changed_what(desk, coordinator):
    services.loket_update(loket=desk, actor=coordinator, phone="030 000 00 00")
    entry = LogEntry.objects.get_for_object(desk).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == coordinator
    assert entry.changes_dict["phone"] == ["", "030 000 00 00"]


def test_loket_update_records_work_area_changes(desk, coordinator):
    utrecht = Municipality.objects.get(code="GM0344")
    services.loket_update(loket=desk, actor=coordinator, work_area=[utrecht])
    entries = LogEntry.objects.get_for_object(desk)
    assert any("work_area" in (e.changes_dict or {}) for e in entries)
    assert list(desk.work_area.all()) == [utrecht]


def test_loket_update_refuses_deciding_faster_than_first_response(desk, coordinator):
    with pytest.raises(ValidationError) as error:
        services.loket_update(
            loket=desk, actor=coordinator, first_response_days=10, resolution_days=5
        )
    assert "resolution_days" in error.value.error_dict or "__all__" in error.value.error_dict
    desk.refresh_from_db()
    assert desk.first_response_days == 3


def test_loket_update_refuses_unknown_fields(desk, coordinator):
    with pytest.raises(ValueError):
        services.loket_update(loket=desk, actor=coordinator, slug="other")


def test_the_database_refuses_inconsistent_targets(desk):
    with pytest.raises(IntegrityError), transaction.atomic():
        Loket.objects.filter(pk=desk.pk).update(first_response_days=30, resolution_days=2)
