from django.contrib import admin

from sportloket.offerings.models import Offering, OfferingTheme


class OfferingThemeInline(admin.TabularInline):
    model = OfferingTheme
    extra = 0


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ["title", "delivered_by", "kind", "scope", "loket", "status"]
    list_filter = ["scope", "status", "kind"]
    search_fields = ["title", "delivered_by__name"]
    raw_id_fields = ["delivered_by", "loket"]
    filter_horizontal = ["sports", "shared_with"]
    inlines = [OfferingThemeInline]
