"""The venue, room, booking, calendar, room-use and dictionary pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from concentric.audit.models import AuditEvent
from concentric.venues.choices import BookingStatus
from concentric.venues.models import Booking, Room, RoomFunction, Venue
from concentric.venues.services import booking_create
from concentric.venues.tests.conftest import at


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8-sig")


def book(user, room, unit, start, end, purpose="座谈会"):
    return booking_create(actor=user, room=room, org_unit=unit, starts_at=start, ends_at=end, purpose=purpose)


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- venues and rooms -----------------------------------------------------------------------


def test_a_community_worker_sees_the_subdistricts_venue_and_rooms_but_cannot_change_them(home, client_for):
    client = client_for("c1_staff")
    listing = text(client.get(reverse("venues:list")))
    assert "湖滨统战之家" in listing
    page = client.get(reverse("venues:detail", args=[home["venue"].pk]))
    body = text(page)
    assert "晴雨议事厅" in body and "晴雨科教馆" in body and "议事" in body
    assert 'data-testid="venue-edit"' not in body and 'data-testid="add-rooms"' not in body
    assert f"?room={home['hall'].pk}" in body  # but may book them
    assert client.get(reverse("venues:edit", args=[home["venue"].pk])).status_code == 403
    assert client.get(reverse("venues:rooms_create", args=[home["venue"].pk])).status_code == 403


def test_a_communitys_own_venue_is_not_seen_by_the_neighbouring_community(tree, users, client_for):
    from concentric.venues.services import venue_create

    own = venue_create(
        actor=users["c1_admin"], org_unit=tree["C1"], name="东坡小客厅", kind="parlour", address="东坡路"
    )
    assert client_for("c2_staff").get(reverse("venues:detail", args=[own.pk])).status_code == 404
    assert "东坡小客厅" not in text(client_for("c2_staff").get(reverse("venues:list")))
    assert "东坡小客厅" in text(client_for("sub_staff").get(reverse("venues:list")))


def test_the_list_filters_by_kind_and_refuses_a_bad_value(home, client_for):
    client = client_for("sub_admin")
    assert "湖滨统战之家" in text(client.get(reverse("venues:list"), {"kind": "home"}))
    assert "湖滨统战之家" not in text(client.get(reverse("venues:list"), {"kind": "parlour"}))
    refused = text(client.get(reverse("venues:list"), {"kind": "castle"}))
    assert "湖滨统战之家" not in refused and "castle" in refused


def test_creating_a_venue_from_its_page_with_errors_in_chinese(tree, client_for):
    client = client_for("sub_admin")
    url = reverse("venues:create")
    bad = client.post(url, {"org_unit": tree["S"].pk, "name": "同心客厅", "kind": "parlour", "address": ""})
    assert bad.status_code == 200 and "请填写此项。" in text(bad)
    phone = client.post(
        url,
        {"org_unit": tree["S"].pk, "name": "同心客厅", "kind": "parlour", "address": "湖滨路", "keeper_phone": "123"},
    )
    assert phone.status_code == 200 and "手机号" in text(phone)
    assert not Venue.objects.exists()
    done = client.post(
        url,
        {
            "org_unit": tree["S"].pk,
            "name": "同心客厅",
            "kind": "parlour",
            "address": "湖滨路",
            "keeper_phone": "13905710421",
        },
    )
    venue = Venue.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("venues:detail", args=[venue.pk])
    assert venue.keeper_phone == "13905710421"
    event = AuditEvent.objects.get(action="create", object_type="venues.venue")
    assert event.changes["keeper_phone"] != [None, "13905710421"]  # redacted


def test_the_keepers_phone_is_masked_on_the_page_and_in_the_export(home, client_for):
    client = client_for("sub_admin")
    body = text(client.get(reverse("venues:detail", args=[home["venue"].pk])))
    assert "139****0421" in body and "13905710421" not in body
    export = text(client.get(reverse("venues:export"), {"format": "csv"}))
    assert "139****0421" in export and "13905710421" not in export
    assert AuditEvent.objects.filter(action="export", object_type="venues.venue").count() == 1


def test_rooms_are_added_with_functions_as_checkboxes_and_audited(home, client_for):
    client = client_for("sub_admin")
    url = reverse("venues:rooms_create", args=[home["venue"].pk])
    form = text(client.get(url))
    assert 'type="checkbox" name="functions"' in form
    show, perform = RoomFunction.objects.get(code="exhibition"), RoomFunction.objects.get(code="performance")
    response = client.post(
        url, {"name": "晴雨大舞台", "capacity": "120", "functions": [show.pk, perform.pk], "is_active": "on"}
    )
    assert response.status_code == 302
    room = Room.objects.get(name="晴雨大舞台")
    assert set(room.functions.all()) == {show, perform}
    event = AuditEvent.objects.get(action="create", object_type="venues.room", object_id=str(room.pk))
    assert event.changes["functions"] == [None, str(sorted([show.pk, perform.pk]))]
    assert "演出" in text(client.get(reverse("venues:detail", args=[home["venue"].pk])))


def test_changing_a_rooms_functions_and_a_no_op_edit(home, client_for):
    client = client_for("sub_admin")
    room = home["school"]
    url = reverse("venues:rooms_edit", args=[room.pk])
    training = RoomFunction.objects.get(code="training")
    same = {"name": room.name, "capacity": "36", "functions": [training.pk], "is_active": "on", "version": 1}
    events = AuditEvent.objects.count()
    assert client.post(url, same).status_code == 302
    room.refresh_from_db()
    assert room.version == 1 and AuditEvent.objects.count() == events
    show = RoomFunction.objects.get(code="exhibition")
    assert client.post(url, {**same, "functions": [training.pk, show.pk]}).status_code == 302
    room.refresh_from_db()
    assert room.version == 2 and set(room.functions.all()) == {training, show}
    event = AuditEvent.objects.filter(action="update", object_type="venues.room").latest("id")
    assert set(event.changes) == {"functions"}


def test_a_booked_room_cannot_be_deleted(home, tree, users, client_for):
    book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11))
    client = client_for("sub_admin")
    response = client.post(reverse("venues:rooms_delete", args=[home["hall"].pk]), {"version": 1}, follow=True)
    assert "已有预订记录" in text(response)
    assert Room.objects.filter(pk=home["hall"].pk).exists()


# --- bookings -------------------------------------------------------------------------------


def test_booking_from_the_page_and_an_overlap_refused_beside_the_form(home, tree, users, client_for):
    book(users["c2_staff"], home["hall"], tree["C2"], at(1, 9), at(1, 11), purpose="联谊会")
    client = client_for("c1_staff")
    url = reverse("venues:booking_create")
    form = text(client.get(url, {"room": home["hall"].pk}))
    assert f'value="{home["hall"].pk}" selected' in form
    values = {
        "room": home["hall"].pk,
        "org_unit": tree["C1"].pk,
        "starts_at": local_input(at(1, 10)),
        "ends_at": local_input(at(1, 12)),
        "purpose": "民情议事会",
    }
    refused = text(client.post(url, values))
    assert "岳王社区" in refused and "联谊会" in refused and "时间冲突" in refused
    assert Booking.objects.count() == 1
    backwards = text(
        client.post(url, {**values, "starts_at": local_input(at(1, 12)), "ends_at": local_input(at(1, 11))})
    )
    assert "结束时间必须晚于开始时间" in backwards
    done = client.post(url, {**values, "starts_at": local_input(at(1, 11))})
    booking = Booking.objects.get(purpose="民情议事会")
    assert done.status_code == 302 and done["Location"] == reverse("venues:booking_detail", args=[booking.pk])


def test_a_booking_is_cancelled_from_its_page(home, tree, users, client_for):
    booking = book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11))
    client = client_for("c1_staff")
    page = text(client.get(reverse("venues:booking_detail", args=[booking.pk])))
    assert 'data-testid="booking-cancel"' in page
    response = client.post(reverse("venues:booking_cancel", args=[booking.pk]), {"version": 1}, follow=True)
    assert "预订已取消" in text(response)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED


def test_the_booking_list_filters_by_venue_room_unit_and_period(home, tree, users, client_for):
    book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11), purpose="东坡座谈")
    book(users["c2_staff"], home["school"], tree["C2"], at(8, 9), at(8, 11), purpose="岳王培训")
    client = client_for("sub_admin")
    url = reverse("venues:booking_list")
    both = text(client.get(url))
    assert "东坡座谈" in both and "岳王培训" in both
    assert "岳王培训" not in text(client.get(url, {"room": home["hall"].pk}))
    assert "东坡座谈" not in text(client.get(url, {"unit": tree["C2"].pk}))
    soon = (timezone.localdate() + timedelta(days=2)).isoformat()
    assert "岳王培训" not in text(client.get(url, {"date_to": soon}))
    assert "东坡座谈" not in text(client.get(url, {"date_from": soon}))
    reversed_period = text(client.get(url, {"date_from": soon, "date_to": timezone.localdate().isoformat()}))
    assert "结束日期早于开始日期" in reversed_period
    # A community worker sees only the community's own bookings in the list.
    own = text(client_for("c1_staff").get(url))
    assert "东坡座谈" in own and "岳王培训" not in own


# --- calendars ------------------------------------------------------------------------------


def test_the_rooms_week_shows_every_booking_with_unit_and_purpose(home, tree, users, client_for):
    book(users["c2_staff"], home["hall"], tree["C2"], at(0, 9), at(0, 11), purpose="岳王联谊会")
    client = client_for("c1_staff")
    page = text(client.get(reverse("venues:room", args=[home["hall"].pk])))
    assert 'data-view="week"' in page and "岳王联谊会" in page and "岳王社区" in page
    # Another unit's booking is shown but not linked.
    assert reverse("venues:booking_detail", args=[Booking.objects.get().pk]) not in page


def test_prev_next_by_htmx_answer_the_calendar_alone(home, tree, users, client_for):
    book(users["c1_staff"], home["hall"], tree["C1"], at(7, 9), at(7, 11), purpose="下周议事")
    client = client_for("c1_staff")
    url = reverse("venues:room", args=[home["hall"].pk])
    this_week = text(client.get(url, HTTP_HX_REQUEST="true"))
    assert this_week.lstrip().startswith('<div id="calendar"') or 'id="calendar"' in this_week.split("\n", 2)[1]
    assert "<html" not in this_week
    next_monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday()) + timedelta(days=7)
    following = text(client.get(url, {"view": "week", "date": next_monday.isoformat()}, HTTP_HX_REQUEST="true"))
    assert "下周议事" in following
    month = text(client.get(url, {"view": "month", "date": at(7, 9).date().isoformat()}))
    assert 'data-view="month"' in month and "下周议事" in month


def test_a_bad_calendar_date_says_so_and_shows_today(home, client_for):
    page = text(client_for("c1_staff").get(reverse("venues:room", args=[home["hall"].pk]), {"date": "2026-13-45"}))
    assert "日期“2026-13-45”无效" in page and 'data-view="week"' in page


def test_the_venues_calendar_names_the_room_of_each_booking(home, tree, users, client_for):
    book(users["c1_staff"], home["school"], tree["C1"], at(0, 14), at(0, 16), purpose="知识培训")
    page = text(client_for("leader").get(reverse("venues:calendar", args=[home["venue"].pk])))
    assert "知识培训" in page and "晴雨科教馆" in page
    # Its way back to the venue's page says so (not "所属阵地": the calendar is the venue's own).
    detail = reverse("venues:detail", args=[home["venue"].pk])
    assert f'href="{detail}" data-testid="venue-page"><i class="bi bi-building"></i> 阵地详情</a>' in page


# --- room use -------------------------------------------------------------------------------


def test_room_use_per_venue_room_and_function_in_the_users_scope(home, tree, users, client_for):
    book(users["c1_staff"], home["hall"], tree["C1"], at(0, 9), at(0, 11))
    book(users["c2_staff"], home["school"], tree["C2"], at(0, 14), at(0, 17))
    day = timezone.localdate().isoformat()
    url = reverse("venues:usage")
    whole = client_for("sub_admin").get(url, {"date_from": day, "date_to": day})
    usage = whole.context["usage"]
    assert (usage.total.bookings, usage.total.hours) == (2, 5)
    assert [(row.label, row.hours) for row in usage.rooms] == [
        ("湖滨统战之家 · 晴雨科教馆", 3),
        ("湖滨统战之家 · 晴雨议事厅", 2),
    ]
    assert {row.label: row.bookings for row in usage.functions} == {"培训": 1, "议事": 1, "接待": 1}
    # The hall serves two functions: its booking counts under both, and the page says so.
    assert {row.label: row.shared for row in usage.functions} == {"培训": 0, "议事": 1, "接待": 1}
    page = text(whole)
    assert "一个功能室兼有多种用途时，在每种用途下都计入" in page
    assert page.count('data-testid="usage-shared"') == 2 and "其中 1 次预订的功能室兼有其他用途" in page
    own = client_for("c1_staff").get(url, {"date_from": day, "date_to": day}).context["usage"]
    assert (own.total.bookings, own.total.hours) == (1, 2)
    refused = client_for("sub_admin").get(url, {"date_from": day, "date_to": "2000-01-01"})
    assert refused.context["usage"] is None and "结束日期早于开始日期" in text(refused)


def test_room_use_export_is_audited_and_refuses_a_bad_period(home, tree, users, client_for):
    book(users["c1_staff"], home["hall"], tree["C1"], at(0, 9), at(0, 11))
    day = timezone.localdate().isoformat()
    client = client_for("sub_admin")
    export = text(client.get(reverse("venues:usage_export"), {"date_from": day, "date_to": day, "format": "csv"}))
    assert "湖滨统战之家 · 晴雨议事厅" in export and "议事" in export
    assert AuditEvent.objects.filter(action="export", object_type="venues.booking").count() == 1
    refused = client.get(reverse("venues:usage_export"), {"date_from": "soon", "date_to": day})
    assert refused.status_code == 400 and "开始日期" in text(refused)


# --- the dictionary -------------------------------------------------------------------------


def test_the_dictionary_is_edited_by_its_editors_only(client_for, users):
    admin = client_for("sub_admin")
    listing = text(admin.get(reverse("venues:functions")))
    reception = RoomFunction.objects.get(code="reception")
    assert reverse("venues:function_edit", args=[reception.pk]) in listing
    staff_listing = text(client_for("c1_staff").get(reverse("venues:functions")))
    assert "接待" in staff_listing and reverse("venues:function_edit", args=[reception.pk]) not in staff_listing
    assert client_for("c1_staff").get(reverse("venues:function_create")).status_code == 403
    taken = text(admin.post(reverse("venues:function_create"), {"name": "接待", "code": "reception2", "sort": 5}))
    assert "已有功能室用途使用此名称" in taken
    assert admin.post(reverse("venues:function_create"), {"name": "展演", "code": "show", "sort": 5}).status_code == 302
    assert RoomFunction.objects.filter(code="show", name="展演").exists()


def test_the_home_card_counts_the_venues_in_use_the_user_sees(home, tree, users, client_for):
    from concentric.venues.services import venue_create

    venue_create(actor=users["c1_admin"], org_unit=tree["C1"], name="东坡小客厅", kind="parlour", address="东坡路")
    cards = {line["label"]: line["figure"] for line in client_for("c1_staff").get("/").context["lines_of_work"]}
    assert cards["阵地"] == 2  # the subdistrict's and the community's own
    cards = {line["label"]: line["figure"] for line in client_for("c2_staff").get("/").context["lines_of_work"]}
    assert cards["阵地"] == 1
    assert "阵地" not in {line["label"] for line in client_for("secadmin").get("/").context["lines_of_work"]}


def test_the_menu_offers_the_dictionary_to_its_editors_only(client_for):
    staff = text(client_for("c1_staff").get(reverse("venues:list")))
    assert reverse("venues:booking_list") in staff and reverse("venues:usage") in staff
    assert reverse("venues:functions") not in staff
    assert reverse("venues:functions") in text(client_for("sub_admin").get(reverse("venues:list")))


def test_a_units_page_counts_its_venues(home, tree, client_for):
    page = text(client_for("sub_staff").get(reverse("org:detail", args=[tree["S"].pk])))
    assert 'data-testid="unit-venue-count">1<' in page
    # A community's own page counts the community's own venues, not the subdistrict's it also sees.
    assert 'data-testid="unit-venue-count">0<' in text(
        client_for("c1_staff").get(reverse("org:detail", args=[tree["C1"].pk]))
    )
