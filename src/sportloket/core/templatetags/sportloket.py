from datetime import timedelta

from django import template
from django.utils.translation import gettext as _

from sportloket.core import money
from sportloket.core.phones import format_phone

register = template.Library()


@register.filter
def minutes(value):
    """Whole minutes in a timedelta (rounded up), for messages such as the lockout page."""
    if not isinstance(value, timedelta):
        return value
    return max(1, -(-int(value.total_seconds()) // 60))


@register.filter
def phone(value):
    """A stored phone number (+31301234567) as people read it (030 123 4567)."""
    return format_phone(value)


@register.filter
def euros(cents):
    """Cents as an amount in euros in the page's language: 125050 → "€ 1.250,50" in Dutch."""
    if cents in (None, ""):
        return ""
    try:
        return money.euros(cents)
    except (TypeError, ValueError):
        return cents


@register.filter
def cost(cents):
    """What an offering costs the desk: "free" for nothing, the amount in euros otherwise."""
    if cents in (None, ""):
        return ""
    try:
        if int(cents) == 0:
            return _("free")
    except (TypeError, ValueError):
        return cents
    return euros(cents)
