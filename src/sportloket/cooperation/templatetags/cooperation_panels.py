"""The cooperation panels the register's organisation page shows: its timeline with its
cooperations and introductions added, and its agreement to be introduced to other providers.
The register (below this app) includes them in its template by name."""

from django import template

from sportloket.contacts.templatetags.contact_panels import timeline_context
from sportloket.cooperation import selectors
from sportloket.core.permissions import Capability

register = template.Library()


def _facts(context, organisation) -> dict:
    """The organisation's cooperation facts, read once for both panels of the page."""
    request = context["request"]
    key = ("cooperation_facts", organisation.pk)
    memo = request.__dict__.setdefault("_cooperation_facts", {})
    if key not in memo:
        memo[key] = selectors.organisation_facts(
            loket=context["membership"].loket, organisation=organisation
        )
    return memo[key]


@register.inclusion_tag("contacts/_organisation_timeline.html", takes_context=True)
def organisation_network_timeline(context, organisation):
    """The organisation's timeline at this desk (contacts, questions, decisions) with the
    cooperations it takes part in and the introductions it received, as far as the member
    may read them."""
    membership = context["membership"]
    extra = (
        _facts(context, organisation)["rows"] if membership.can(Capability.VIEW_COOPERATION) else []
    )
    return timeline_context(context, organisation, extra=extra)


@register.inclusion_tag("cooperation/_organisation_panel.html", takes_context=True)
def organisation_cooperation(context, organisation):
    """Whether the provider agreed to be introduced to others, and the ways to record that
    and a cooperation with it: for those who manage cooperation."""
    membership = context["membership"]
    manages = membership.can(Capability.MANAGE_COOPERATION)
    return {
        "show": manages and organisation.is_provider and organisation.merged_into_id is None,
        "organisation": organisation,
        "agreed": _facts(context, organisation)["agreed"] if manages else None,
        "current_desk": context["current_desk"],
        "csrf_token": context.get("csrf_token"),
    }
