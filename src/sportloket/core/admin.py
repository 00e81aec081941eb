"""Desks, memberships and reference data in the technical admin: to look things up when
helping a desk, never to change them.

Desks and memberships change through their services (the desk's own pages and the
``create_desk`` command), so that every change is validated and audited the same way.
"""

from django.contrib import admin
from django.db import models

from sportloket.core.models import Loket, Membership, Municipality, Province


class ReadOnlyAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    """CBS reference data changes by migration only, never by hand."""

    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    """CBS reference data changes by migration only, never by hand."""

    list_display = ["code", "name", "province"]
    list_filter = ["province"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]


@admin.register(Loket)
class LoketAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "loket", "role", "partner_kind", "ended_at"]
    list_filter = ["role", "loket"]
    search_fields = ["user__email", "user__full_name", "loket__name"]
    list_select_related = ["user", "loket"]
