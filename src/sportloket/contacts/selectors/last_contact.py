"""When the desk was last in contact with each provider, as expressions over a queryset of
organisations: a contact moment (one logged about a question included, as it names the
question's organisation), or the handling of one of the provider's questions at the desk (a
message to or from the provider, a decision). Handling is never proactive: the provider asked.
And the providers in contact per month, counted once whatever the ways of contact."""

import datetime
import itertools

from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, NullIf, TruncDate
from django.utils import timezone

from sportloket.contacts.dates import add_months
from sportloket.contacts.models import ContactMoment
from sportloket.decisions.models import Decision
from sportloket.helprequests.models import HelpRequest, Message

# What a missing date counts as while the latest of several is taken (SQLite's MAX() of
# several values is NULL as soon as one is; PostgreSQL's GREATEST skips NULLs).
_NEVER = datetime.date(1, 1, 1)


def last_moment(loket, **conditions):
    """The day of the provider's latest contact moment at the desk (``conditions`` narrow the
    moments, e.g. ``proactive=True``): one index lookup per provider."""
    return Subquery(
        ContactMoment.objects.filter(loket=loket, organisation=OuterRef("pk"), **conditions)
        .order_by("-date")
        .values("date")[:1],
        output_field=DateField(),
    )


class _Unindexed(Func):
    """A column that SQLite may not look up through an index (written ``column + 0``). SQLite
    plans without statistics unless ANALYZE ran: it would walk all the desk's questions for
    every provider through an index that starts with the desk, where the provider's own
    questions (a handful of rows, by its organisation) are what is wanted. PostgreSQL keeps
    statistics and plans it right as it is."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s + 0)")


# The provider's questions are found by its organisation, then kept if they are this desk's.
def _at_desk(queryset, path: str, loket):
    return queryset.alias(desk=_Unindexed(F(path), output_field=IntegerField())).filter(
        desk=loket.pk
    )


def _messages(loket):
    messages = Message.objects.filter(help_request__organisation=OuterRef("pk"))
    return _at_desk(messages, "help_request__loket_id", loket)


def _decisions(loket):
    # A decision names its desk itself: its question is only looked up by its organisation.
    decisions = Decision.objects.filter(help_request__organisation=OuterRef("pk"))
    return _at_desk(decisions, "loket_id", loket)


def _latest_day(queryset, field: str):
    """The day (in the desk's time zone) of the latest ``field`` of the rows: the moment is
    found first and made a day once (SQLite makes days in Python, one call per value)."""
    return TruncDate(Subquery(queryset.order_by(f"-{field}").values(field)[:1]))


def latest_contact(loket):
    """The day of the provider's latest contact with the desk: a contact moment, a message on
    one of its questions at the desk, or a decision on one; NULL when there was none."""
    days = (
        last_moment(loket),
        _latest_day(_messages(loket), "created_at"),
        _latest_day(_decisions(loket), "decided_at"),
    )
    never = Value(_NEVER, output_field=DateField())
    return NullIf(
        Greatest(*(Coalesce(day, never) for day in days), output_field=DateField()), never
    )


def aware_day(day: datetime.date) -> datetime.datetime:
    """The first moment of ``day`` in the desk's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class _MonthOf(Func):
    """Of the months between ``bounds`` (first days, the last one the day after them), the one
    in which ``expression`` falls, as ``values[number]``; NULL outside them. A moment is placed
    by the desk's time zone (``days=False``), a day as it is. Compared in the database itself
    (SQLite would otherwise make each moment a day in Python), and written out directly: a
    ``Case`` would resolve a ``When`` per month each time the query is built."""

    output_field = IntegerField()

    def __init__(self, expression, *, bounds: list[datetime.date], values: list, days=False):
        super().__init__(expression)
        self.bounds, self.values, self.days = bounds, values, days

    def as_sql(self, compiler, connection, **extra_context):
        column, column_params = compiler.compile(self.source_expressions[0])
        if self.days:
            limits = [connection.ops.adapt_datefield_value(day) for day in self.bounds]
        else:
            adapt = connection.ops.adapt_datetimefield_value
            limits = [adapt(aware_day(day)) for day in self.bounds]
        whens, params = [], []
        for (low, high), result in zip(itertools.pairwise(limits), self.values, strict=True):
            whens.append(f"WHEN {column} >= %s AND {column} < %s THEN %s")
            params += [*column_params, low, *column_params, high, result]
        return f"CASE {' '.join(whens)} END", params


def _month_mask(queryset, field: str, group: str, bounds, *, days=False):
    """For each provider, the months (of those between ``bounds``) in which one of the rows'
    ``field`` falls, as a bitmask (bit n: month n): one index-driven subquery per provider, so
    that the desk's share of a national table is never scanned as a whole."""
    bits = [1 << number for number in range(len(bounds) - 1)]
    month = _MonthOf(F(field), bounds=bounds, values=bits, days=days)
    return Subquery(
        queryset.filter(**{f"{field}__gte": _first(bounds[0], days)})
        .filter(**{f"{field}__lt": _first(bounds[-1], days)})
        .order_by()
        .values(group)
        .annotate(mask=Sum(month, distinct=True))
        .values("mask"),
        output_field=IntegerField(),
    )


def _first(day: datetime.date, days: bool):
    return day if days else aware_day(day)


def handled_only_per_month(providers, *, loket, months: list[datetime.date], until):
    """{"YYYY-MM": providers whose questions were handled that month (a message or a decision
    at the desk) without a contact moment with them that month}, for the months beginning on
    ``months`` up to ``until``: what the handling adds to the providers contacted per month.
    One query: per provider, the months of its messages, decisions and contact moments as
    bitmasks (an organisation of a question that is no provider of the work area counts
    nowhere)."""
    following = until + datetime.timedelta(days=1)
    bounds = [*months, min(add_months(months[-1], 1), following)]
    moments = ContactMoment.objects.filter(loket=loket, organisation=OuterRef("pk"))
    # The contact moments matter only for a provider with a question at the desk (most have
    # none): one index probe spares reading them for the others.
    questions = HelpRequest.objects.filter(organisation=OuterRef("pk"))
    asked = Exists(_at_desk(questions, "loket_id", loket))
    rows = providers.order_by().values_list(
        _month_mask(_messages(loket), "created_at", "help_request__organisation", bounds),
        _month_mask(_decisions(loket), "decided_at", "help_request__organisation", bounds),
        Case(
            When(asked, then=_month_mask(moments, "date", "organisation", bounds, days=True)),
            default=None,
            output_field=IntegerField(),
        ),
    )
    added = [0] * len(months)
    for messages, decisions, contact_moments in rows:
        extra = ((messages or 0) | (decisions or 0)) & ~(contact_moments or 0)
        for number in range(len(months)):
            added[number] += extra >> number & 1
    return {f"{month:%Y-%m}": added[number] for number, month in enumerate(months)}
