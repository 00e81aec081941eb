"""Read only: registrations and rules are written through the services (which check the
evidence and the dates), from the desk's pages."""

from django.contrib import admin

from sportloket.core.admin import ReadOnlyAdmin, ReadOnlyInline
from sportloket.quality.models import (
    QualityRegistration,
    QualityRequirementGroup,
    QualityRequirementOption,
)


@admin.register(QualityRegistration)
class QualityRegistrationAdmin(ReadOnlyAdmin):
    list_display = [
        "user",
        "system",
        "kind",
        "line",
        "level",
        "valid_from",
        "valid_until",
        "ended_on",
        "recorded_by_loket",
    ]
    list_filter = ["system", "kind"]
    search_fields = ["user__email", "user__full_name", "number", "issuer", "line"]
    list_select_related = ["user", "recorded_by_loket"]
    # The evidence is personal data served only by a desk-scoped view: no link to it here.
    exclude = ["evidence"]


class QualityRequirementOptionInline(ReadOnlyInline):
    model = QualityRequirementOption


@admin.register(QualityRequirementGroup)
class QualityRequirementGroupAdmin(ReadOnlyAdmin):
    list_display = ["loket", "position"]
    list_select_related = ["loket"]
    inlines = [QualityRequirementOptionInline]
