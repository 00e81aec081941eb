"""The admin shows decisions and weights, read only: they are made through the desk's pages."""

from django.contrib import admin

from sportloket.decisions.models import Decision, DecisionOption, MatchingWeights


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(admin.ModelAdmin):
    list_display = ["loket"]


class DecisionOptionInline(admin.TabularInline):
    model = DecisionOption
    extra = 0
    can_delete = False
    readonly_fields = ["offering", "rank", "score", "explanation", "chosen"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read only: decisions are made through the desk's pages and never edited."""

    list_display = ["help_request", "loket", "decided_by", "decided_at"]
    inlines = [DecisionOptionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
