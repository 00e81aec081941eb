"""Adding calendar months to a date, the same way in Python, PostgreSQL and SQLite: a day that
does not exist in the target month becomes that month's last day (31 January + 1 month is
28 or 29 February), as PostgreSQL's interval arithmetic and dateutil's relativedelta do."""

import calendar
from datetime import date

from django.db import models


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class AddMonths(models.Func):
    """``date + months`` in the database (``months`` may be an expression), clamped to the end
    of the month like ``add_months``. NULL stays NULL."""

    output_field = models.DateField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra_context):
        day_sql, day_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        sql = f"(({day_sql}) + make_interval(months => ({months_sql})::integer))::date"
        return sql, (*day_params, *months_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        day_sql, day_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        # date() overflows into the next month ('2024-01-31', '+1 months' is 2 March); the end
        # of the target month caps it. The smaller ISO string is the earlier day.
        sql = (
            f"MIN(date({day_sql}, '+' || ({months_sql}) || ' months'), "
            f"date({day_sql}, 'start of month', '+' || (({months_sql}) + 1) || ' months', "
            "'-1 day'))"
        )
        return sql, (*day_params, *months_params, *day_params, *months_params)


class MonthKey(models.Func):
    """A date's month as "YYYY-MM", computed natively (Django's TruncMonth runs a Python
    function per row on SQLite, too slow for a year of contact moments)."""

    output_field = models.CharField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="to_char((%(expressions)s)::timestamp, 'YYYY-MM')"
        )
