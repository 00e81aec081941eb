"""The contact panels other apps' pages show: the contact moments logged about a question, and
an organisation's timeline at the desk (its contact moments, questions and decisions). The
questions' app and the register (below this one) include them in their templates by name, so
they never import the contacts, the questions or the decisions."""

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


def timeline_context(context, organisation, extra=()) -> dict:
    """What the timeline's template reads: the timeline (None for a member who may read
    neither contacts nor questions and has no ``extra`` rows of the apps above)."""
    membership = context["membership"]
    readable = selectors.may_read_timeline(membership=membership)
    return {
        "organisation": organisation,
        "timeline": selectors.organisation_timeline(
            membership=membership, organisation=organisation, extra=extra
        )
        if readable or extra
        else None,
        "current_desk": context["current_desk"],
        "capabilities": context["capabilities"],
    }


@register.inclusion_tag("contacts/_organisation_timeline.html", takes_context=True)
def organisation_timeline(context, organisation):
    """An organisation's contact moments, questions and decisions at this desk, as far as the
    member may read them, in one timeline (none for a member who may read neither contacts
    nor questions), and the way to log a contact."""
    return timeline_context(context, organisation)
