"""Read only: contact moments, plans, policies and account holders are written through the
services (which check the desk's register, the dates and who may see what), from the desk's
pages. Restricted contact moments show no summary here."""

from django.contrib import admin

from sportloket.contacts.models import (
    AccountHolder,
    ContactMoment,
    ContactPolicy,
    PlannedContact,
    RegistrationWarningSent,
    ReminderSent,
)
from sportloket.core.admin import ReadOnlyAdmin


@admin.register(ContactMoment)
class ContactMomentAdmin(ReadOnlyAdmin):
    list_display = ["date", "loket", "organisation", "supporter", "channel", "visibility"]
    list_filter = ["channel", "visibility", "proactive"]
    list_select_related = ["loket", "organisation", "supporter"]
    # The summary is the desk's (and for restricted moments, confidential): not shown here.
    exclude = ["summary", "people"]
    raw_id_fields = ["organisation", "help_request"]


@admin.register(PlannedContact)
class PlannedContactAdmin(ReadOnlyAdmin):
    list_display = ["due_on", "loket", "organisation", "supporter"]
    list_select_related = ["loket", "organisation", "supporter"]


@admin.register(ContactPolicy)
class ContactPolicyAdmin(ReadOnlyAdmin):
    list_display = ["loket", "default_months"]


@admin.register(AccountHolder)
class AccountHolderAdmin(ReadOnlyAdmin):
    list_display = ["loket", "supporter", "municipality", "sport", "organisation"]
    list_select_related = ["loket", "supporter", "municipality", "sport", "organisation"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["day", "loket", "user", "sent_at"]
    list_select_related = ["loket", "user"]


@admin.register(RegistrationWarningSent)
class RegistrationWarningSentAdmin(ReadOnlyAdmin):
    list_display = ["day", "user", "loket", "sent_at"]
    list_select_related = ["loket", "user"]
