"""The dashboard: figures by scope, tables, exports, the API, bad parameters, and that its
requests read the rollups only."""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from concentric.dashboard.figures import Figures, Period, dashboard
from concentric.quotas.selectors import workdays_between
from concentric.rollups.selectors import LIVE, measure


def data_of(response) -> dict:
    body = response.content.decode()
    found = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', body, re.S)
    return json.loads(found.group(1))


def headline(data: dict) -> dict:
    return {card["measure"]: card["value"] for card in data["headline"]}


def chart(data: dict, slug: str) -> dict:
    return next(found for found in data["charts"] if found["slug"] == slug)


def test_the_leader_sees_the_subdistrict_and_a_community_worker_only_their_community(world, tree, client_for):
    leader = data_of(client_for("leader").get(reverse("dashboard:index")))
    worker = data_of(client_for("c1_staff").get(reverse("dashboard:index")))
    assert leader["unit"]["name"] == "湖滨街道" and worker["unit"]["name"] == "东坡社区"
    assert headline(leader)["members"] == 6 and headline(worker)["members"] == 3
    assert headline(leader)["members_registered"] == 6 and headline(worker)["members_registered"] == 3
    assert headline(leader)["activities_held"] == 3 and headline(worker)["activities_held"] == 2
    # By main category: the community's share of the subdistrict's.
    non_party, religious = world["categories"]["non-party"].name, world["categories"]["religious"].name
    by_category = chart(leader, "members_by_category")
    assert dict(zip(by_category["categories"], by_category["series"][0]["data"], strict=True)) == {
        non_party: 4,
        religious: 2,
    }
    by_category = chart(worker, "members_by_category")
    assert dict(zip(by_category["categories"], by_category["series"][0]["data"], strict=True)) == {
        non_party: 2,
        religious: 1,
    }
    # The units below: the leader's three, side by side; a community has none.
    children = chart(leader, "children")
    assert children["categories"] == ["东坡社区", "岳王社区", "湖滨步行街商圈"]
    assert [row[:4] for row in children["table"]["rows"]] == [
        ["东坡社区", 3, 3, 2],
        ["岳王社区", 2, 2, 1],
        ["湖滨步行街商圈", 1, 1, 0],
    ]
    assert "children" not in {found["slug"] for found in worker["charts"]}
    # Growth: this month's net increase and the total.
    growth = chart(leader, "growth")
    month = timezone.localdate().month
    assert growth["series"][0]["data"][month - 1] == 6 and growth["series"][1]["data"][-1] == 6


def test_the_unit_picker_offers_only_the_scope_and_another_unit_is_not_found(world, tree, client_for):
    worker = client_for("c1_staff")
    body = worker.get(reverse("dashboard:index")).content.decode()
    options = re.findall(r'<option value="(\d+)"', body.split('id="dashboard-unit"')[1].split("</select>")[0])
    assert options == [str(tree["C1"].pk)]
    assert worker.get(reverse("dashboard:index"), {"unit": tree["S"].pk}).status_code == 404
    assert worker.get(reverse("dashboard:index"), {"unit": tree["C2"].pk}).status_code == 404
    leader = client_for("leader")
    data = data_of(leader.get(reverse("dashboard:index"), {"unit": tree["C2"].pk}))
    assert headline(data)["members"] == 2


def test_each_chart_has_a_table_behind_an_accessible_toggle_with_links_to_its_records(world, tree, client_for):
    body = client_for("leader").get(reverse("dashboard:index")).content.decode()
    assert (
        '<button class="btn btn-outline-secondary btn-sm" type="button" data-bs-toggle="collapse" '
        'data-bs-target="#table-children" aria-expanded="false" aria-controls="table-children" '
        'data-testid="toggle-children">'
    ) in body
    table = body.split('data-testid="table-children"')[1].split("</table>")[0]
    assert re.findall(r"<td class=\"text-end\">([^<]*)</td>", table)[:3] == ["3", "3", "2"]
    link = re.search(r'<th scope="row" class="fw-normal text-wrap"><a href="([^"]+)">东坡社区</a>', table).group(1)
    response = client_for("leader").get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    assert 'data-testid="records-figure-value">3<' in response.content.decode()


def test_a_charts_export_holds_its_table(world, tree, client_for):
    leader = client_for("leader")
    query = {"unit": tree["S"].pk, "year": timezone.localdate().year, "chart": "children"}
    response = leader.get(reverse("dashboard:export"), {**query, "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    labels = [str(measure(key).label) for key in ("members", "members_registered", "activities_held")]
    assert rows[0][:4] == ["所属单位", *labels]
    assert [row[:4] for row in rows[1:]] == [
        ["东坡社区", "3", "3", "2"],
        ["岳王社区", "2", "2", "1"],
        ["湖滨步行街商圈", "1", "1", "0"],
    ]
    response = leader.get(reverse("dashboard:export"), {**query, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[2]][:4] == ["东坡社区", 3, 3, 2]
    # A community worker's export is their own community's.
    worker = client_for("c1_staff")
    response = worker.get(reverse("dashboard:export"), {"chart": "members_by_category", "format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(int(row[1]) for row in rows[1:]) == [1, 2]


def test_the_api_answers_the_same_figures_in_the_callers_scope(world, tree, client_for):
    answer = client_for("c1_staff").get(reverse("api:dashboard"))
    assert answer.status_code == 200
    assert headline(answer.json())["members"] == 3
    answer = client_for("leader").get(reverse("api:dashboard"), {"unit": tree["C2"].pk})
    assert headline(answer.json())["members"] == 2
    answer = client_for("c1_staff").get(reverse("api:dashboard"), {"unit": tree["C2"].pk})
    assert answer.status_code == 404
    answer = client_for("c1_staff").get(reverse("api:dashboard"), {"year": "1999"})
    assert answer.status_code == 400
    assert answer.json()["message"] == "请从列表中选择年份：今年或此前五年之一。"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "1999"}, "请从列表中选择年份：今年或此前五年之一。"),
        ({"year": "abc"}, "请从列表中选择年份：今年或此前五年之一。"),
        ({"unit": "x1"}, "单位应以编号给出。"),
    ],
)
def test_bad_parameters_answer_a_page_that_says_which(world, client_for, params, message):
    response = client_for("leader").get(reverse("dashboard:index"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_user_without_a_business_role_sees_no_figures(world, client_for):
    body = client_for("sysadmin").get(reverse("dashboard:index")).content.decode()
    assert 'data-testid="dashboard-nothing"' in body and "dashboard-data" not in body


def test_the_figures_from_the_rollups_equal_the_figures_counted_live(world, users, tree):
    year = timezone.localdate().year
    assert dashboard(users["leader"], tree["S"], year) == dashboard(users["leader"], tree["S"], year, LIVE)


# The records' tables: a dashboard request reads none of them.
RECORD_TABLES = re.compile(
    r'"(people_(?!category)\w+|activities_(?!activitytype)\w+|publishing_(?!column)\w+|venues_\w+)"'
)


def test_a_dashboard_request_reads_the_rollups_not_the_records(world, tree, client_for):
    leader = client_for("leader")
    for address in (reverse("dashboard:index"), reverse("api:dashboard")):
        with CaptureQueriesContext(connection) as queries:
            assert leader.get(address).status_code == 200
        read = {
            table for query in queries for table in re.findall(r'(?:FROM|JOIN|UPDATE|INTO)\s+"(\w+)"', query["sql"])
        }
        touched = [query["sql"] for query in queries if RECORD_TABLES.search(query["sql"])]
        assert touched == [], touched
        assert "rollups_tally" in read
        assert read <= {
            "rollups_tally",
            "org_orgunit",
            "django_session",
            "accounts_user",
            "accounts_roleassignment",
            "people_category",
            "activities_activitytype",
            "otp_totp_totpdevice",
            "quotas_quotarule",
            "quotas_quotaunitkind",
        } | {table for table in read if table.startswith(("auth_", "django_", "quotas_", "otp_"))}, read
        # A small constant: three reads of the tallies (per unit, per key, per day), the subtree
        # once, the quota rules once per chart.
        assert len(queries) <= 16, [query["sql"] for query in queries]
        assert sum("rollups_tally" in query["sql"] for query in queries) == 3


def test_a_dashboard_request_reads_as_often_whatever_the_weeks_and_the_units(world, tree, client_for):
    """The number of queries depends neither on how many weeks the year has had nor on how many
    units lie below: the quota rules are read once per chart, not week by week."""

    def count(client, **params) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("api:dashboard"), params).status_code == 200
        return len(queries)

    leader = client_for("leader")
    count(leader)  # the session's first save
    this_year = count(leader, year=timezone.localdate().year)
    # Last year, all its weeks: as many reads, but for the names of the categories (no member then).
    assert count(leader, year=timezone.localdate().year - 1) == this_year - 1
    assert this_year <= 14
    # A community, with no units below: the same reads (the figures per unit give its cards).
    assert count(leader, unit=tree["C1"].pk) == this_year


def test_a_past_year_counts_to_its_end_and_weeks_cut_at_its_edges(world, users, tree):
    period = Period.of(2025)
    assert period.end == date(2025, 12, 31)
    weeks = period.weeks()
    assert weeks[0] == (date(2025, 1, 1), date(2025, 1, 5)) and weeks[-1] == (date(2025, 12, 29), date(2025, 12, 31))
    data = dashboard(users["leader"], tree["S"], timezone.localdate().year - 1)
    assert headline(data)["members"] == 0
    # A year with none of a monthly chart's figures draws no flat line at zero: nothing to draw.
    for slug in ("participation", "volunteering", "donations_money"):
        assert chart(data, slug)["categories"] == [] and chart(data, slug)["table"]["rows"] == [], slug
    # A monthly chart of figures the year has (the world's held activities) draws its months.
    held = Figures(users["leader"], tree["S"], Period.of(timezone.localdate().year))._monthly(
        "held", "", ["activities_held"]
    )
    assert len(held["categories"]) == timezone.localdate().month and sum(held["series"][0]["data"]) == 3


def test_the_weekly_charts_draw_the_quota_in_force(world, users, tree):
    """The default rules (one activity a week, one item a working day) give each week's minimum."""
    data = dashboard(users["leader"], tree["S"], timezone.localdate().year)
    activities = chart(data, "activities_by_week")
    assert activities["series"][1]["name"] == "定量下限"
    assert set(activities["series"][1]["data"]) == {1}
    items = chart(data, "items_by_week")
    weeks = Period.of(data["year"]).weeks()
    workdays = workdays_between(weeks[0][0], weeks[-1][1])
    assert items["series"][1]["data"] == [sum(1 for day in workdays if first <= day <= last) for first, last in weeks]
    assert len(weeks) > 1 and set(items["series"][1]["data"][1:-1]) & {5}


def test_the_working_day_quota_follows_the_official_calendar(world, users, tree):
    """One item each working day: a week's minimum counts its working days in the official
    calendar (holidays off, make-up Saturdays and Sundays worked), not Monday to Friday."""
    data = dashboard(users["leader"], tree["S"], 2026)
    weeks = Period.of(2026).weeks()
    minimums = dict(
        zip((first for first, _last in weeks), chart(data, "items_by_week")["series"][1]["data"], strict=True)
    )
    assert minimums[date(2026, 2, 9)] == 6  # Monday to Friday and Saturday the 14th, worked
    assert minimums[date(2026, 2, 16)] == 0  # the Spring Festival holiday
    assert minimums[date(2026, 9, 14)] == 6  # and Sunday the 20th, worked
    assert minimums[date(2026, 11, 16)] == 5
    assert minimums[date(2026, 9, 28)] == 3  # the National Day holiday from 1 October
    assert minimums[date(2026, 10, 5)] == 3  # back on the 8th; Saturday the 10th worked
    rows = {row[0][:10]: row for row in chart(data, "items_by_week")["table"]["rows"]}
    assert rows["2026-02-16"][2:] == [0]  # the minimum only: the quota board judges
