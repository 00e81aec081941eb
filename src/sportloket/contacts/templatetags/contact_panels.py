"""The contact panels other apps' pages show: the contact moments logged about a question. The
questions' app (below this one) includes it in its templates by name, so it never imports the
contacts."""

from django import template

from sportloket.contacts import selectors
from sportloket.core.permissions import Capability

register = template.Library()


@register.inclusion_tag("contacts/_request_contacts.html", takes_context=True)
def request_contacts(context, help_request):
    """The contact moments about a question that this member may read, and the way to log one."""
    membership = context["membership"]
    return {
        "help_request": help_request,
        "contacts": selectors.request_contacts(membership=membership, help_request=help_request)
        if membership.can(Capability.VIEW_CONTACTS)
        else [],
        "current_desk": context["current_desk"],
        "capabilities": context["capabilities"],
    }
