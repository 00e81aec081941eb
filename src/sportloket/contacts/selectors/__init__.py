"""Reads on contact with providers: the contact moments a member may see, an organisation's
timeline (its contacts, questions and decisions), the desk's policy, the work list of providers
needing contact and the coverage figures, each computed in the database with a fixed number of
queries whatever the number of providers or contacts. A contact is a contact moment or the
handling of one of the provider's questions at the desk (``last_contact``)."""

from sportloket.contacts.selectors.coverage_figures import (
    CoverageRow,
    contact_in_month,
    contacted_per_month,
    coverage,
    coverage_total,
)
from sportloket.contacts.selectors.moments import (
    contact_detail_queryset,
    desk_contacts,
    may_read_timeline,
    organisation_timeline,
    request_contacts,
    visible_contacts,
)
from sportloket.contacts.selectors.worklist import (
    Policy,
    account_holder_expression,
    contact_staff,
    decorate_rows,
    desk_account_holders,
    desk_policy,
    due_plans,
    months_expression,
    needs_contact,
    with_contact_status,
    work_area_providers,
    work_list,
    work_list_counts,
    work_list_page,
)

__all__ = [
    "CoverageRow",
    "Policy",
    "account_holder_expression",
    "contact_detail_queryset",
    "contact_in_month",
    "contact_staff",
    "contacted_per_month",
    "coverage",
    "coverage_total",
    "decorate_rows",
    "desk_account_holders",
    "desk_contacts",
    "desk_policy",
    "due_plans",
    "may_read_timeline",
    "months_expression",
    "needs_contact",
    "organisation_timeline",
    "request_contacts",
    "visible_contacts",
    "with_contact_status",
    "work_area_providers",
    "work_list",
    "work_list_counts",
    "work_list_page",
]
