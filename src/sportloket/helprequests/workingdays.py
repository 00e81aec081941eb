"""Working days for response-time targets.

A working day is a weekday that is not a public holiday as the Algemene termijnenwet (the Dutch
act on legal time limits, art. 3) lists them: New Year's Day, Good Friday, Easter Monday, King's
Day, Liberation Day (5 May), Ascension Day, Whit Monday, Christmas and Boxing Day (Easter and
Whit Sunday fall on Sundays anyway). Periods in which a request was on hold do not count.
"""

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday, King's Day moves to the Saturday before
        kings_day -= timedelta(days=1)
    return frozenset(
        {
            date(year, 1, 1),
            easter - timedelta(days=2),  # Good Friday
            easter + timedelta(days=1),  # Easter Monday
            kings_day,
            date(year, 5, 5),  # Liberation Day
            easter + timedelta(days=39),  # Ascension Day
            easter + timedelta(days=50),  # Whit Monday
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def _in_pause(day: date, pauses) -> bool:
    return any(since <= day and (until is None or day <= until) for since, until in pauses)


def add_working_days(start: date, days: int, pauses=()) -> date:
    """The date ``days`` working days after ``start`` (a deadline); days within a pause
    ``(from, until)`` do not count, so a pause moves the deadline on. Every pause needs an
    end here (for one still running, pass the day it is counted to)."""
    if any(until is None for _since, until in pauses):
        raise ValueError("A deadline needs pauses that end.")
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current) and not _in_pause(current, pauses):
            remaining -= 1
    return current


def working_days_between(start: date, end: date, pauses=()) -> int:
    """Working days after ``start`` up to and including ``end``, leaving out every day that
    falls within a pause ``(from, until)`` (both inclusive; ``until`` may be None: still paused).
    A question asked on Friday and answered on Monday took one working day."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current) and not _in_pause(current, pauses):
            count += 1
    return count
