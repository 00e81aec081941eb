"""Background jobs in the technical admin: to see what ran, how it ended and which task it
was, when helping a desk. Jobs change only through their services (the worker)."""

from django.contrib import admin

from sportloket.core.admin import ReadOnlyAdmin
from sportloket.jobs.models import Job


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["pk", "kind", "loket", "state", "stage", "done", "total", "created_at"]
    list_filter = ["state", "kind", "loket"]
    search_fields = ["task_result_id", "started_by__email"]
    list_select_related = ["loket", "started_by"]
    date_hierarchy = "created_at"
