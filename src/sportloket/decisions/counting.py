"""What counts as an offering's use, for matching and for the offering's page alike: the chosen
options of evaluated questions with a rating (``RATED``), and the calendar month, quarter and
year that contain a day (``period_bounds``), in which an offering's places are counted."""

import datetime

from django.db.models import Q

from sportloket.helprequests.constants import RequestState
from sportloket.offerings.constants import CapacityPeriod

# A chosen option whose question was evaluated with a rating: what matching and an offering's
# use count as its ratings.
RATED = Q(
    decision__help_request__state=RequestState.EVALUATED,
    decision__help_request__rating__isnull=False,
)


def period_bounds(
    today: datetime.date, tz
) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    """The calendar month, quarter and year that contain ``today``, from and until midnight in
    the time zone ``tz``."""

    def start(year, month):
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return datetime.datetime(year, month, 1, tzinfo=tz)

    quarter = (today.month - 1) // 3 * 3 + 1
    return {
        CapacityPeriod.MONTH: (start(today.year, today.month), start(today.year, today.month + 1)),
        CapacityPeriod.QUARTER: (start(today.year, quarter), start(today.year, quarter + 3)),
        CapacityPeriod.YEAR: (start(today.year, 1), start(today.year + 1, 1)),
    }
