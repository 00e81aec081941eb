"""What the apps that run a query they compiled once need of Django's compiler: a fetched row
with its values converted as the queryset would have (``decisions.matching.candidates``,
``core.prepared``)."""


def converted_row(row, converters: dict, connection) -> tuple:
    """``row`` with Django's conversions applied: ``converters`` as the compiler's
    ``get_converters`` gives them (by position: the functions and their expression)."""
    row = list(row)
    for position, (functions, expression) in converters.items():
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)
