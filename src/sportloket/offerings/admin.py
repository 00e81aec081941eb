"""Offerings in the technical admin, read only: they change through ``offering_save`` (the
desk's and the national team's pages), so that every change is checked and audited the same way."""

from django.contrib import admin

from sportloket.core.admin import ReadOnlyAdmin, ReadOnlyInline
from sportloket.offerings.models import Offering, OfferingTheme


class OfferingThemeInline(ReadOnlyInline):
    model = OfferingTheme


@admin.register(Offering)
class OfferingAdmin(ReadOnlyAdmin):
    list_display = ["title", "delivered_by", "kind", "scope", "loket", "status"]
    list_filter = ["scope", "status", "kind"]
    search_fields = ["title", "delivered_by__name"]
    inlines = [OfferingThemeInline]
