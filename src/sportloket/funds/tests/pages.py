"""What the funds page tests share besides fixtures: a funds URL of a desk, signing a user in,
what a coordinator types in the fund form, and the mark of the warning about a fund whose owner
nobody represents."""

import datetime

from django.urls import reverse

from sportloket.funds.constants import FundKind

NO_APPROVER = 'id="no-approver"'


def login(client, user):
    client.force_login(user)
    return client


def url(name, desk, *args):
    return reverse(f"funds:{name}", args=[desk.slug, *args])


def fund_data(organisation, **changes):
    year = datetime.date.today().year
    return {
        "name": "Servicesbudget",
        "kind": FundKind.SERVICES,
        "owner": organisation.pk,
        "starts_on": f"{year}-01-01",
        "ends_on": f"{year}-12-31",
        "amount_cents": "25.000,50",
        "max_per_allocation_cents": "1.500",
        "theme_keys": ["volunteers"],
        "eligible_provider_kinds": "club",
        "co_funding_required": "on",
        "approval_threshold_cents": "750",
        "is_active": "on",
        "description": "Voor diensten uit het menu.",
    } | changes
