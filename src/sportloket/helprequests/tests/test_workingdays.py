from datetime import date

import pytest

from sportloket.helprequests.workingdays import (
    add_working_days,
    easter_sunday,
    is_working_day,
    public_holidays,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_dutch_public_holidays_2026():
    assert public_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 4, 3),  # Goede Vrijdag
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 5),  # Bevrijdingsdag
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_kings_day_on_a_sunday_moves_to_saturday():
    assert date(2025, 4, 26) in public_holidays(2025)  # 27 April 2025 was a Sunday
    assert date(2025, 4, 27) not in public_holidays(2025)


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(date(2026, 11, 27))  # a Friday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 5, 14))  # Ascension Day, a Thursday


def test_a_question_on_friday_answered_on_monday_took_one_working_day():
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 30)) == 1


def test_easter_weekend_counts_no_days():
    # Thursday before Easter to the Tuesday after: Good Friday and Easter Monday do not count.
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1


def test_christmas_to_new_year():
    # 24 Dec 2026 (Thu) to 4 Jan 2027 (Mon): 25, 26 Dec and 1 Jan are holidays.
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 5


def test_on_hold_days_do_not_count():
    start, end = date(2026, 11, 2), date(2026, 11, 13)  # Monday to Friday a week later
    assert working_days_between(start, end) == 9
    assert working_days_between(start, end, pauses=[(date(2026, 11, 4), date(2026, 11, 6))]) == 6
    assert working_days_between(start, end, pauses=[(date(2026, 11, 11), None)]) == 6


def test_deadline_skips_weekend_and_holidays():
    assert add_working_days(date(2026, 11, 27), 3) == date(2026, 12, 2)
    assert add_working_days(date(2026, 5, 12), 3) == date(2026, 5, 18)  # over Ascension Day
