from datetime import timedelta
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

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
    from sportloket.registry.validation import format_phone

    return format_phone(value)


@register.filter
def euros(cents):
    """Cents as an amount in euros in the page's language: 125050 → "€ 1.250,50" in Dutch."""
    if cents in (None, ""):
        return ""
    try:
        amount = Decimal(int(cents)) / 100
    except (TypeError, ValueError):
        return cents
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    # A no-break space keeps the sign with its number when a table cell wraps.
    return f"€\u00a0{number}"


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
