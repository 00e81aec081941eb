"""The meetings' panels on other apps' pages: an organisation's invitations and attendance (on
its page in the register), the desk's upcoming public meetings (on its public page) and a
member's open agreed actions (on the dashboard and the work list). Those apps are below this
one: their templates load this library by name and never import the meetings."""

from django import template

from sportloket.core.permissions import Capability
from sportloket.meetings import selectors

register = template.Library()


@register.inclusion_tag("meetings/_organisation_meetings.html", takes_context=True)
def organisation_meetings(context, organisation):
    """Its invitations (with the answer) and attendance at this desk's meetings, for a member
    who may read the contacts. One query."""
    membership = context["membership"]
    if not membership.can(Capability.VIEW_CONTACTS):
        return {"found": None}
    return {
        "found": selectors.organisation_meetings(loket=membership.loket, organisation=organisation),
        "current_desk": context["current_desk"],
    }


@register.inclusion_tag("meetings/_public_meetings.html")
def public_meetings(desk):
    """The desk's published meetings to come. One query."""
    return {"desk": desk, "meetings": selectors.public_upcoming(loket=desk)}


@register.inclusion_tag("meetings/_my_actions.html", takes_context=True)
def my_meeting_actions(context):
    """The agreed actions of meetings the member still has to do. One query."""
    membership = context.get("membership")
    request = context.get("request")
    if membership is None or not membership.can(Capability.LOG_CONTACTS):
        return {"actions": []}
    return {
        "actions": selectors.open_actions(loket=membership.loket, user=membership.user),
        "current_desk": membership.loket,
        "here": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
