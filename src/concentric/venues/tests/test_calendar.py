"""The days a calendar shows and where each booking falls."""

from datetime import date, datetime
from types import SimpleNamespace

from django.utils import timezone

from concentric.venues.calendar import MONTH, WEEK, days_of, period_of, weeks_of


def local(*parts):
    return timezone.make_aware(datetime(*parts))


def test_a_week_runs_from_monday_and_steps_by_seven_days():
    period = period_of(WEEK, date(2026, 12, 10))  # a Thursday
    assert (period.first, period.last) == (date(2026, 12, 7), date(2026, 12, 13))
    assert (period.previous, period.next) == (date(2026, 11, 30), date(2026, 12, 14))


def test_a_month_covers_whole_weeks_and_steps_by_months_across_years():
    period = period_of(MONTH, date(2026, 12, 31))
    assert (period.first, period.last) == (date(2026, 11, 30), date(2027, 1, 3))
    assert (period.previous, period.next) == (date(2026, 11, 1), date(2027, 1, 1))
    days = days_of(period, [])
    assert len(weeks_of(days)) == 5 and not days[0].in_period and days[1].in_period


def test_a_booking_past_midnight_shows_on_both_days_and_an_end_at_midnight_on_one():
    period = period_of(WEEK, date(2026, 12, 7))
    late = SimpleNamespace(starts_at=local(2026, 12, 8, 22), ends_at=local(2026, 12, 9, 1))
    evening = SimpleNamespace(starts_at=local(2026, 12, 10, 20), ends_at=local(2026, 12, 11, 0))
    days = {day.day: day.bookings for day in days_of(period, [late, evening])}
    assert days[date(2026, 12, 8)] == [late] and days[date(2026, 12, 9)] == [late]
    assert days[date(2026, 12, 10)] == [evening] and days[date(2026, 12, 11)] == []
