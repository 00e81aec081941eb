"""Many small figures of the dashboard read in one query: each is a count of a queryset's rows
or a total of its ``cents``, the queryset built by the app that owns the rows (its selector),
and all of them are read as the columns of one SELECT on the desk's row. A query of its own
for each would cost a round trip and its planning every time: the dashboard reads a dozen."""

from django.db.models import BigIntegerField, IntegerField, Subquery

from sportloket.core.models import Loket


class _Counted(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()
    # A queryset that can find nothing (``none()``) is not asked at all.
    empty_result_set_value = 0


class _Summed(Subquery):
    template = "(SELECT COALESCE(SUM(cents), 0) FROM (%(subquery)s) summed)"
    output_field = BigIntegerField()
    empty_result_set_value = 0


class Figures:
    """Counts and totals to read together: ``count``/``total`` name them, ``read`` reads them
    all in one query (none when there is nothing to read)."""

    def __init__(self):
        self._expressions = {}

    def count(self, name: str, queryset) -> None:
        """How many rows ``queryset`` finds."""
        self._expressions[name] = _Counted(queryset.order_by().values("pk"))

    def total(self, name: str, queryset) -> None:
        """The sum of the ``cents`` the rows of ``queryset`` (a ``values(cents=…)``) hold;
        0 when it finds none."""
        self._expressions[name] = _Summed(queryset.order_by())

    def queryset(self, loket):
        """The query that reads them all, as one row of ``loket``'s."""
        return Loket.objects.filter(pk=loket.pk).values(**self._expressions)

    def read(self, loket) -> dict:
        if not self._expressions:
            return {}
        return self.queryset(loket).get()
