"""Funds in the technical admin: to look things up when helping a desk, never to change them.

Funds and allocations change through their services (the desk's pages), so that every change is
checked, locked against overspending and audited the same way.
"""

from django.contrib import admin

from sportloket.core.admin import ReadOnlyAdmin, ReadOnlyInline
from sportloket.funds.models import (
    Allocation,
    AllocationChange,
    Fund,
    FundAmountChange,
    FundTheme,
)


class FundThemeInline(ReadOnlyInline):
    model = FundTheme


class FundAmountChangeInline(ReadOnlyInline):
    model = FundAmountChange
    fields = ["at", "previous_cents", "new_cents", "reason", "actor"]


@admin.register(Fund)
class FundAdmin(ReadOnlyAdmin):
    list_display = [
        "name", "loket", "kind", "owner", "starts_on", "ends_on", "amount_cents",
        "committed_cents", "paid_cents", "is_active",
    ]  # fmt: skip
    list_filter = ["kind", "is_active", "loket"]
    search_fields = ["name", "owner__name", "loket__name"]
    list_select_related = ["loket", "owner"]
    inlines = [FundThemeInline, FundAmountChangeInline]


class AllocationChangeInline(ReadOnlyInline):
    model = AllocationChange
    fields = ["at", "from_state", "to_state", "amount_cents", "actor", "note"]


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = ["pk", "fund", "decision", "amount_cents", "paid_cents", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["fund__name", "decision__help_request__organisation_name"]
    list_select_related = ["fund", "decision"]
    inlines = [AllocationChangeInline]
