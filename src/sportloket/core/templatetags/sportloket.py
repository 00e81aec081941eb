from datetime import timedelta

from django import template

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
