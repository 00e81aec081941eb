"""A day as the desk writes it in lists (core.dates.day_text): the same text as the date filter
with "j N Y", in both languages, for every month, also for a year before 1000."""

import datetime

from django.template.defaultfilters import date as date_filter
from django.utils import translation

from sportloket.core.dates import DAY, day_text


def test_a_day_is_said_as_the_date_filter_says_it():
    for language in ("nl", "en"):
        with translation.override(language):
            for month in range(1, 13):
                moment = datetime.datetime(987 + month * 100, month, month + 9, 12)
                assert day_text(moment) == date_filter(moment, DAY)
                assert day_text(moment.date()) == date_filter(moment.date(), DAY)


def test_the_month_follows_the_language():
    march = datetime.date(2025, 3, 8)
    with translation.override("nl"):
        assert day_text(march) == "8 mrt. 2025"
    with translation.override("en"):
        assert day_text(march) == "8 March 2025"
