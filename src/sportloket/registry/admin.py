from django.contrib import admin

from sportloket.core.admin import ReadOnlyAdmin
from sportloket.core.models import Municipality, Province


class ReferenceDataAdmin(ReadOnlyAdmin):
    """CBS reference data changes by migration only, never by hand."""


@admin.register(Province)
class ProvinceAdmin(ReferenceDataAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "province"]
    list_filter = ["province"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]
