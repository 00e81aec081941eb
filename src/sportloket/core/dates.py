"""Days as the desk writes them: the Dutch way, "6 dec. 2026" (``DAY``), with the time
"6 dec. 2026 14:30" (``DAY_AND_TIME``); a month with its year in full ("december 2026").

Django writes the abbreviated month (the format character "N") from its "abbrev. month"
translations, which in Dutch lack the period ("dec"). The project translates them itself, in
the abbreviations of the Dutch locale (CLDR: "jan.", "mrt.", "mei", …); naming the messages
here keeps them in the project's catalogue when it is remade.
"""

import datetime
from functools import cache

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext_lazy

DAY = "j N Y"
DAY_AND_TIME = "j N Y H:i"

MONTHS_ABBREVIATED = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)


def day_text(moment) -> str:
    """``moment`` (a date, or a date and time already in local time) as the date filter writes
    it with ``DAY`` ("8 mrt. 2025"), the month's name looked up once per month and language
    rather than the whole format each time: a list writes one or more per row."""
    return f"{moment.day} {_month_abbreviated(moment.month, get_language())} {moment.year:04d}"


@cache
def _month_abbreviated(month: int, language: str) -> str:
    return date_format(datetime.date(2000, month, 1), "N")


def day_range(
    first: datetime.date, last: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The moments from midnight at the start of ``first`` up to (not including) midnight after
    ``last``, in the current time zone: a period of whole days for a datetime filter."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end
