"""Judging quota rules: working days of the official calendar (holidays and make-up days), the
fallback for a year the calendar does not know, ISO weeks across months and years, units created
part-way through a period, and the net increase of members through the people services."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from concentric.core import registry
from concentric.people.services import person_create, person_delete, person_merge
from concentric.quotas import periods
from concentric.quotas.evaluation import Evaluator
from concentric.quotas.models import CalendarDay, QuotaRule
from concentric.quotas.selectors import minimum_for, minimums_between, workdays_between
from concentric.quotas.workdays import FALLBACK, OFFICIAL, WorkCalendar, package_knows

pytestmark = pytest.mark.django_db


def row_of(rows, measure):
    return next(row for row in rows if row.measure == measure)


def october_workdays():
    return [date(2026, 10, day) for day in (8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30)]


def test_the_official_calendar_holds_the_national_day_holidays_and_the_make_up_saturday():
    calendar = WorkCalendar(date(2026, 9, 1), date(2026, 10, 31))
    assert calendar.workdays(date(2026, 10, 1), date(2026, 10, 31)) == october_workdays()
    assert calendar.is_workday(date(2026, 9, 20))  # a Sunday worked for the National Day holiday
    assert calendar.workdays(date(2026, 2, 14), date(2026, 2, 28)) == [
        date(2026, 2, 14),  # Saturday, worked before the Spring Festival
        *(date(2026, 2, day) for day in (24, 25, 26, 27, 28)),  # back on the 24th; the 28th a Saturday worked
    ]
    assert calendar.source() == OFFICIAL


def test_each_working_day_of_october_is_judged_and_an_item_on_a_holiday_helps_no_day(old_tree, tally):
    c1 = old_tree["C1"]
    for day in october_workdays():
        if day != date(2026, 10, 10):
            tally("items_published", c1, day)
    tally("items_published", c1, date(2026, 10, 3), 5)  # a holiday: not a working day
    rows = Evaluator(date(2026, 10, 1), date(2026, 10, 31), today=date(2026, 11, 15)).month(c1, date(2026, 10, 1))
    daily = row_of(rows, "items_published")
    assert [one.start for one in daily.judged] == october_workdays()
    assert daily.status == "missed"
    assert daily.summary() == "17/18"
    label = registry.measure("items_published").label  # the publishing app's, or the stand-in's
    assert [(one.label, one.reason) for one in daily.missed] == [
        ("10月10日（星期六）", f"10月10日（星期六）{label}未达标（实际0，要求至少1）")
    ]


def test_a_year_the_calendar_does_not_know_falls_back_to_weekdays_and_the_entered_days(old_tree, tally):
    assert not package_knows(2099)
    CalendarDay.objects.create(day=date(2099, 1, 1), is_workday=False, name="元旦")
    CalendarDay.objects.create(day=date(2099, 1, 3), is_workday=True, name="调休上班")
    evaluator = Evaluator(date(2099, 1, 1), date(2099, 1, 31), today=date(2099, 1, 1))
    assert evaluator.calendar.workdays(date(2099, 1, 1), date(2099, 1, 9)) == [
        date(2099, 1, day) for day in (2, 3, 5, 6, 7, 8, 9)
    ]
    assert evaluator.calendar_note(date(2099, 1, 1), date(2099, 1, 31)) == {
        "source": FALLBACK,
        "adjusted": True,
        "label": "按周一至周五及管理员录入的调整",
    }
    # 1 January of the unknown year: nothing fails; the day is a holiday, so nothing is judged yet
    # for the working-day rule, and the week and the month are in progress.
    rows = evaluator.month(old_tree["C1"], date(2099, 1, 1))
    assert [(row.period, row.status, len(row.judged), row.pending) for row in rows] == [
        ("workday", "in_progress", 0, 22),
        ("week", "in_progress", 1, 4),
        ("month", "in_progress", 1, 0),
    ]


def test_an_entered_day_overrides_the_official_calendar_and_the_board_says_so(old_tree):
    CalendarDay.objects.create(day=date(2026, 10, 9), is_workday=False, name="本地调整")
    evaluator = Evaluator(date(2026, 10, 1), date(2026, 10, 31), today=date(2026, 11, 15))
    assert date(2026, 10, 9) not in evaluator.calendar.workdays(date(2026, 10, 1), date(2026, 10, 31))
    assert evaluator.calendar_note(date(2026, 10, 1), date(2026, 10, 31))["label"] == (
        "国务院办公厅公布的节假日安排，及管理员录入的调整"
    )
    assert evaluator.calendar_note(date(2026, 11, 1), date(2026, 11, 30)) == {
        "source": OFFICIAL,
        "adjusted": False,
        "label": "国务院办公厅公布的节假日安排",
    }


def test_weeks_run_monday_to_sunday_and_belong_to_the_month_of_their_thursday():
    def weeks(month):
        return periods.of_month("week", month, None)

    assert weeks(date(2026, 10, 1))[0] == (date(2026, 9, 28), date(2026, 10, 4))  # Thursday 1 October
    assert weeks(date(2026, 9, 1))[-1] == (date(2026, 9, 21), date(2026, 9, 27))
    assert weeks(date(2026, 12, 1)) == [
        (date(2026, 11, 30), date(2026, 12, 6)),
        (date(2026, 12, 7), date(2026, 12, 13)),
        (date(2026, 12, 14), date(2026, 12, 20)),
        (date(2026, 12, 21), date(2026, 12, 27)),
        (date(2026, 12, 28), date(2027, 1, 3)),
    ]
    assert weeks(date(2027, 1, 1))[0] == (date(2027, 1, 4), date(2027, 1, 10))
    assert periods.label("week", date(2026, 12, 28), date(2027, 1, 3)) == "2026年第53周（12月28日至1月3日）"
    assert periods.containing("quarter", date(2026, 11, 5)) == (date(2026, 10, 1), date(2026, 12, 31))


def test_a_week_across_the_new_year_counts_the_activity_of_its_january_days(old_tree, tally):
    c1 = old_tree["C1"]
    tally("activities_held", c1, date(2027, 1, 2))
    tally("activities_held", c1, date(2026, 12, 9))
    rows = Evaluator(date(2026, 12, 1), date(2026, 12, 31), today=date(2027, 1, 20)).month(c1, date(2026, 12, 1))
    weekly = row_of(rows, "activities_held")
    assert [(one.start, one.status, one.figure) for one in weekly.judged] == [
        (date(2026, 11, 30), "missed", 0),
        (date(2026, 12, 7), "met", 1),
        (date(2026, 12, 14), "missed", 0),
        (date(2026, 12, 21), "missed", 0),
        (date(2026, 12, 28), "met", 1),
    ]
    assert weekly.missed[0].reason == "2026年第49周（11月30日至12月6日）举办活动未达标（实际0，要求至少1）"


def test_the_current_period_is_in_progress_until_met_and_future_periods_are_not_judged(old_tree, tally):
    c1 = old_tree["C1"]
    today = date(2026, 12, 9)  # a Wednesday
    tally("items_published", c1, date(2026, 12, 8))
    rows = Evaluator(date(2026, 12, 1), date(2026, 12, 31), today=today).month(c1, date(2026, 12, 1))
    daily = row_of(rows, "items_published")
    assert [(one.start.day, one.status) for one in daily.judged] == [
        (1, "missed"),
        (2, "missed"),
        (3, "missed"),
        (4, "missed"),
        (7, "missed"),
        (8, "met"),
        (9, "in_progress"),
    ]
    assert daily.pending == 16
    weekly = row_of(rows, "activities_held")
    assert [(one.start, one.status) for one in weekly.judged] == [
        (date(2026, 11, 30), "missed"),
        (date(2026, 12, 7), "in_progress"),
    ]
    assert weekly.pending == 3
    # The running week's records are listed up to today, not to its Sunday.
    assert weekly.judged[-1].records_url.endswith("&from=2026-12-07&to=2026-12-09")


def test_a_unit_created_part_way_is_judged_from_its_creation(old_tree, tally):
    c2 = old_tree["C2"]
    # Created on Wednesday 18 November 2026 (local time).
    type(c2).objects.filter(pk=c2.pk).update(created_at=datetime(2026, 11, 17, 16, 30, tzinfo=UTC))
    c2.refresh_from_db()
    tally("activities_held", c2, date(2026, 11, 17))  # the day before: not the unit's
    tally("members", c2, date(2026, 11, 20))
    rows = Evaluator(date(2026, 11, 1), date(2026, 11, 30), today=date(2026, 12, 7)).month(c2, date(2026, 11, 1))
    weekly = row_of(rows, "activities_held")
    assert [(one.start, one.status, one.figure) for one in weekly.judged] == [
        (date(2026, 11, 16), "missed", 0),
        (date(2026, 11, 23), "missed", 0),
    ]
    daily = row_of(rows, "items_published")
    assert daily.judged[0].start == date(2026, 11, 18)
    assert len(daily.judged) == 9
    assert [(one.status, one.figure) for one in row_of(rows, "members").judged] == [("met", 1)]
    # The months wholly before its creation are not judged.
    assert Evaluator(date(2026, 10, 1), date(2026, 10, 31), today=date(2026, 12, 7)).month(c2, date(2026, 10, 1)) == []


def test_a_member_registered_twice_or_registered_and_removed_is_no_increase(users, tree, categories_seeded):
    c1, staff = tree["C1"], users["c1_staff"]
    category = categories_seeded
    kept = person_create(actor=staff, org_unit=c1, name="张三", main_category=category)
    twice = person_create(actor=staff, org_unit=c1, name="张三", main_category=category)
    person_merge(
        actor=users["sub_admin"],
        keep_id=kept.pk,
        remove_id=twice.pk,
        keep_version=kept.version,
        remove_version=twice.version,
    )
    gone = person_create(actor=staff, org_unit=c1, name="李四", main_category=category)
    person_delete(actor=staff, person_id=gone.pk, version=gone.version)
    month = date.today().replace(day=1)
    c1.refresh_from_db()
    next_month = periods.add_months(month, 1)
    rows = Evaluator(month, periods.month_end(month), today=next_month).month(c1, month)
    monthly = row_of(rows, "members")
    assert [(one.status, one.figure) for one in monthly.judged] == [("met", 1)]
    person_delete(actor=staff, person_id=kept.pk, version=kept.__class__.objects.get(pk=kept.pk).version)
    rows = Evaluator(month, periods.month_end(month), today=next_month).month(c1, month)
    monthly = row_of(rows, "members")
    assert [(one.status, one.figure) for one in monthly.judged] == [("missed", 0)]
    label = registry.measure("members").label
    assert monthly.judged[0].reason == f"{month.year}年{month.month}月{label}净增未达标（实际0，要求至少1）"


def test_the_nearest_keeper_s_rule_applies_and_minimum_for_answers_it(tree):
    on = date(2026, 12, 7)
    assert minimum_for(unit=tree["C1"], measure="members", period="month", on=on) == Decimal("1.00")
    assert minimum_for(unit=tree["B1"], measure="members", period="month", on=on) is None
    assert minimum_for(unit=tree["C1"], measure="members", period="week", on=on) is None
    QuotaRule.objects.create(
        org_unit=tree["S"],
        unit_kinds=["community"],
        measure="members",
        period="month",
        minimum=3,
        valid_from=date(2026, 12, 1),
    )
    assert minimum_for(unit=tree["C1"], measure="members", period="month", on=on) == Decimal(3)
    assert minimum_for(unit=tree["C1"], measure="members", period="month", on=date(2026, 11, 30)) == Decimal(1)
    assert minimum_for(unit=tree["S"], measure="members", period="month", on=on) == Decimal(1)


def test_minimums_between_answers_minimum_for_of_each_day_in_one_query(tree, django_assert_num_queries):
    """A rule replaced part-way through the span: each day's minimum is the one in force that day."""
    QuotaRule.objects.create(
        org_unit=tree["S"],
        unit_kinds=["community"],
        measure="members",
        period="month",
        minimum=3,
        valid_from=date(2026, 12, 3),
        valid_until=date(2026, 12, 5),
    )
    start, end = date(2026, 11, 28), date(2026, 12, 8)
    with django_assert_num_queries(1):
        both = minimums_between(
            unit=tree["C1"], measures=("members", "items_published"), start=start, end=end, kinds=("month", "week")
        )
    found = both["members"]
    assert set(both["items_published"]["month"].values()) == {None}  # no rule of its months here
    assert found["week"] == dict.fromkeys(found["week"], None) and len(found["week"]) == 11
    assert [found["month"][date(2026, 12, day)] for day in (2, 3, 5, 6)] == [1, 3, 3, 1]
    for day, minimum in found["month"].items():
        assert minimum == minimum_for(unit=tree["C1"], measure="members", period="month", on=day), day
    everything = minimums_between(unit=tree["B1"], measures=("members",), start=start, end=end)["members"]
    assert set(everything) == {"workday", "week", "month", "quarter", "year"}
    assert set(everything["month"].values()) == {None}  # no rule binds a business district's members


def test_workdays_between_follows_the_boards_calendar(django_assert_num_queries):
    CalendarDay.objects.create(day=date(2026, 10, 9), is_workday=False, name="本地调整")
    with django_assert_num_queries(1):
        found = workdays_between(date(2026, 9, 28), date(2026, 10, 11))
    # 9/28 to 9/30 worked, the National Day holiday to the 7th, the 9th taken off by an entry,
    # Saturday the 10th a make-up working day.
    assert found == [date(2026, 9, day) for day in (28, 29, 30)] + [date(2026, 10, 8), date(2026, 10, 10)]
    assert workdays_between(date(2099, 1, 1), date(2099, 1, 4)) == [date(2099, 1, 1), date(2099, 1, 2)]
