"""Reads on the register's reference data (municipalities, provinces)."""

from sportloket.registry.models import Municipality


def municipalities_all():
    return Municipality.objects.select_related("province").order_by("name")
