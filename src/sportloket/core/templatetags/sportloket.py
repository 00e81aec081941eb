from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value):
    """Whole minutes in a timedelta (rounded up), for messages such as the lockout page."""
    if not isinstance(value, timedelta):
        return value
    return max(1, -(-int(value.total_seconds()) // 60))
