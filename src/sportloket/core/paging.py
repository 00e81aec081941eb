"""A page of a list read as values: the rows of a values() queryset, counted on the queryset
they came from. The values a list's rows show often join other tables (an organisation's
name, its municipality); SQLite keeps those joins in a count of the values queryset and makes
them for every row counted (the inbox's count of 10,000 questions: 25 ms instead of 0.6)."""

from django.core.paginator import Page, Paginator


def values_page(values, *, counted, per_page: int, number) -> Page:
    """Page ``number`` (as the query string gives it) of ``values``, with the paginator's count
    taken on ``counted``: the same rows without the joins of the values."""
    paginator = Paginator(values, per_page)
    paginator.count = counted.count()
    return paginator.get_page(number)
