"""Decisions and matching weights in the technical admin, read only: they are made through the
desk's pages (decisions are never changed; weights through ``weights_save``)."""

from django.contrib import admin

from sportloket.core.admin import ReadOnlyAdmin, ReadOnlyInline
from sportloket.decisions.models import Decision, DecisionOption, MatchingWeights


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(ReadOnlyAdmin):
    list_display = ["loket"]


class DecisionOptionInline(ReadOnlyInline):
    model = DecisionOption
    readonly_fields = ["offering", "rank", "score", "explanation", "chosen"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["help_request", "loket", "decided_by", "decided_at"]
    inlines = [DecisionOptionInline]
