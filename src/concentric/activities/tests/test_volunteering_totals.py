"""The article's volunteer figures (24 sessions, 397 person-times, 4,367 hours) come straight out
of the records, for the subdistrict and per unit; a community worker sees the community's share;
unapproved, replaced, cancelled, other-type and out-of-period hours count nowhere."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from concentric.activities.choices import ActivityStatus, HoursStatus
from concentric.activities.models import ActivityType, Participant, VolunteerHours
from concentric.activities.selectors_volunteering import totals, totals_by_person, totals_by_unit
from concentric.rollups.selectors import LIVE, TALLY, figure, figures_by_unit
from concentric.rollups.services import rollups_differences, rollups_rebuild

from .volunteering_support import approved, local, make_activity, make_member, volunteer

pytestmark = pytest.mark.django_db

# unit: (sessions, person-times); every counted entry is 11 hours (397 × 11 = 4,367).
SHARES = {"C1": (10, 170), "C2": (8, 132), "B1": (6, 95)}
YEAR = (date(2020, 1, 1), date(2020, 12, 31))


def _sessions(unit, count, person_times, key):
    """``count`` held volunteer sessions in 2020 with ``person_times`` approved entries between them."""
    activities = [
        make_activity(unit, title=f"{key}志愿服务{n}", start=local(2020, 1 + n % 12, 1 + n)) for n in range(count)
    ]
    participants = Participant.objects.bulk_create(
        Participant(activity=activities[n % count], guest_name=f"{key}志愿者{n}", role="volunteer", attended=True)
        for n in range(person_times)
    )
    VolunteerHours.objects.bulk_create(
        VolunteerHours(participant=p, hours=Decimal("11.0"), status=HoursStatus.APPROVED) for p in participants
    )
    return activities


@pytest.fixture
def article(tree):
    """The subdistrict's 2020 volunteer service, and what must not count beside it."""
    made = {key: _sessions(tree[key], *SHARES[key], key) for key in SHARES}
    first = made["C1"][0]
    # Awaiting approval: counts nowhere.
    VolunteerHours.objects.create(participant=volunteer(first, guest="待审"), hours=Decimal("8.0"))
    # A correction approved: the replaced entry no longer counts, its correction does (11 in place of 5).
    member = make_member(tree["C1"], "张志愿", "13800001234")
    corrected = volunteer(made["C1"][1], member)
    old = approved(corrected, 5)
    old.is_current = False
    old.save()
    VolunteerHours.objects.filter(participant__activity=made["C1"][1], participant__guest_name="C1志愿者1").delete()
    new = approved(corrected, 11)
    new.replaces = old
    new.save()
    # A cancelled session, a session of another type, and one of 2019: no sessions, no hours.
    cancelled = make_activity(tree["C2"], start=local(2020, 5, 1), status=ActivityStatus.CANCELLED)
    approved(volunteer(cancelled, guest="取消"), 4)
    study = make_activity(tree["C2"], start=local(2020, 5, 2), kind=ActivityType.objects.get(name="学习培训"))
    approved(volunteer(study, guest="学习"), 4)
    earlier = make_activity(tree["B1"], start=local(2019, 12, 30))
    approved(volunteer(earlier, guest="去年"), 4)
    return made


def test_the_subdistrict_sees_the_articles_figures(article, users):
    figures = totals(users["sub_admin"], start=YEAR[0], end=YEAR[1])
    assert (figures.sessions, figures.person_times, figures.hours) == (24, 397, Decimal("4367.0"))


def test_per_unit_rows_add_up_to_the_subdistrict(article, users, tree):
    rows = {row.unit_name: row for row in totals_by_unit(users["leader"], start=YEAR[0], end=YEAR[1])}
    for key, (sessions, person_times) in SHARES.items():
        row = rows[tree[key].name]
        assert (row.sessions, row.person_times, row.hours) == (sessions, person_times, Decimal(person_times * 11))
    assert sum(row.hours for row in rows.values()) == Decimal("4367")
    per_unit = totals(users["sub_staff"], start=YEAR[0], end=YEAR[1], unit=tree["C2"])
    assert (per_unit.sessions, per_unit.person_times, per_unit.hours) == (8, 132, Decimal("1452"))


@pytest.mark.parametrize("source", [TALLY, LIVE])
def test_the_rollups_give_the_articles_figures(article, tree, source):
    """The fixture writes its records directly: the rollups are rebuilt from them, then read."""
    rollups_rebuild()
    assert rollups_differences() == {}
    units = [tree[code].pk for code in ("S", "C1", "C2", "B1")]
    figures = [
        figure(key, units=units, start=YEAR[0], end=YEAR[1], source=source)
        for key in ("volunteer_sessions", "volunteer_person_times", "volunteer_hours")
    ]
    assert figures == [24, 397, Decimal("4367.0")]
    assert str(figures[2]) == "4367.0"
    assert figures_by_unit("volunteer_hours", units=units, start=YEAR[0], end=YEAR[1], source=source) == {
        tree[key].pk: Decimal(person_times * 11) for key, (_sessions, person_times) in SHARES.items()
    }
    c1 = [tree["C1"].pk]
    assert figure("volunteer_sessions", units=c1, start=YEAR[0], end=YEAR[1], source=source) == 10
    assert figure("volunteer_person_times", units=c1, start=YEAR[0], end=YEAR[1], source=source) == 170


def test_a_community_worker_sees_only_the_communitys_share(article, users):
    figures = totals(users["c1_staff"], start=YEAR[0], end=YEAR[1])
    assert (figures.sessions, figures.person_times, figures.hours) == (10, 170, Decimal("1870"))
    assert [row.unit_name for row in totals_by_unit(users["c1_staff"], start=YEAR[0], end=YEAR[1])] == ["东坡社区"]


def test_a_co_organiser_counts_the_shared_activity(article, users, tree):
    shared = article["B1"][0]
    shared.co_units.add(tree["C2"])
    figures = totals(users["c2_staff"], start=YEAR[0], end=YEAR[1])
    assert figures.sessions == 9 and figures.person_times > 132


def test_members_totals_count_the_correction_not_the_replaced_entry(article, users):
    people = totals_by_person(users["sub_admin"], start=YEAR[0], end=YEAR[1])
    assert [(row.name, row.person_times, row.hours) for row in people] == [("张志愿", 1, Decimal("11.0"))]


def test_the_totals_page_and_its_export(article, client_for):
    client = client_for("sub_staff")
    page = client.get(reverse("volunteering:totals"), {"start": "2020-01-01", "end": "2020-12-31"})
    body = page.content.decode()
    assert 'data-testid="total-sessions">24<' in body
    assert 'data-testid="total-person-times">397<' in body
    assert 'data-testid="total-hours">4367.0<' in body
    export = client.get(
        reverse("volunteering:totals_export"), {"start": "2020-01-01", "end": "2020-12-31", "format": "csv"}
    )
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "东坡社区,10,170,1870.0" in text and "岳王社区,8,132,1452.0" in text
    bad = client.get(reverse("volunteering:totals"), {"start": "去年"})
    assert "请更正上方的筛选条件" in bad.content.decode()
    refused = client.get(reverse("volunteering:totals_export"), {"start": "去年", "format": "csv"})
    assert refused.status_code == 400


def test_the_totals_api(article, client_for):
    client = client_for("c1_staff")
    answer = client.get("/api/v1/volunteer-totals/", {"start": "2020-01-01", "end": "2020-12-31"}).json()
    assert (answer["sessions"], answer["person_times"], answer["hours"]) == (10, 170, "1870.0")
    by_person = client.get("/api/v1/volunteer-totals/", {"start": "2020-01-01", "by": "person"}).json()
    assert [row["name"] for row in by_person["rows"]] == ["张志愿"]
    assert client.get("/api/v1/volunteer-totals/", {"start": "x"}).status_code == 400
