"""The import of activities with their participants and hours: exactly the records of the file,
every bad cell reported at its row and column with nothing written, a dry run that writes
nothing, members found only in the actor's scope under the chosen unit, and the attendees of a
held activity on their members' paths."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from concentric.activities.importing.kind import ACTIVITY_IMPORT
from concentric.activities.models import Activity, ActivityType, Participant, VolunteerHours
from concentric.activities.tests.import_workbook import activity_workbook
from concentric.audit.models import AuditEvent
from concentric.core.kit.importing.runner import ImportRun
from concentric.people.models import Category, PathEvent
from concentric.people.services import person_create
from concentric.people.tests.conftest import id_number

SHEET = "活动参与人"
ZHANG_ID = id_number("19800102", "123")
LI_ID = id_number("19700304", "456")
WANG_ID = id_number("19900101", "789")  # a member of 岳王社区 (C2)
FORUM = "社区议事座谈会"
SERVICE = "重阳敬老志愿服务"


def local(*parts) -> datetime:
    return timezone.make_aware(datetime(*parts), timezone.get_default_timezone())


@pytest.fixture
def registered(users, tree):
    category = Category.objects.get(code="non-party")

    def add(name, unit, actor, number):
        return person_create(
            actor=users[actor], org_unit=tree[unit], name=name, main_category=category, id_number=number
        )

    return {
        "张三": add("张三", "C1", "c1_staff", ZHANG_ID),
        "李四": add("李四", "C1", "c1_staff", LI_ID),
        "王芳": add("王芳", "C2", "c2_staff", WANG_ID),
    }


def forum_row(**cells) -> dict:
    """A row of the held forum (9:00 to 11:30 on 1 October 2026), its start as an Excel date-time."""
    row = {
        "活动名称": FORUM,
        "活动类型": "座谈交流",
        "开始时间": datetime(2026, 10, 1, 9, 0),
        "结束时间": "2026-10-01 11:30",
        "地点": "东坡社区议事厅",
        "状态": "已举办",
    }
    return row | cells


def service_row(**cells) -> dict:
    """A row of the planned volunteer service, its times as text in two spellings."""
    row = {
        "活动名称": SERVICE,
        "活动类型": "志愿服务",
        "开始时间": "2026/10/29 14:00",
        "结束时间": "2026年10月29日 17时",
        "状态": "计划中",
    }
    return row | cells


GOOD_ROWS = [
    forum_row(参与人姓名="张三", 参与人证件号码=ZHANG_ID, 角色="主讲/发言", 是否出席="是"),
    # The same start as text, then as an Excel serial number: one activity.
    forum_row(
        开始时间="2026-10-01 09:00",
        参与人姓名="李四",
        参与人证件号码=LI_ID,
        角色="志愿者",
        是否出席="是",
        志愿服务时长=2.5,
    ),
    forum_row(开始时间=46296.375, 参与人姓名="王五", 联系电话="13812345678", 是否出席="是", 志愿服务时长="1.5"),
    service_row(参与人姓名="张三", 参与人证件号码=ZHANG_ID, 角色="志愿者", 是否出席="否"),
    service_row(参与人姓名="赵六"),
]


def run(users, tree, path, *, actor="c1_staff", unit="C1", dry_run=False, allow_partial=False):
    return ImportRun(
        ACTIVITY_IMPORT,
        actor=users[actor],
        org_unit=tree[unit],
        source=path.read_bytes(),
        file_name=path.name,
        dry_run=dry_run,
        allow_partial=allow_partial,
    ).run()


def errors_by_row(report) -> dict:
    return {
        row: [(e["column"], e["reason"]) for e in errors] for _sheet, row, _o, _n, errors in report.results if errors
    }


def activities_on_file():
    return sorted(
        Activity.objects.values_list(
            "title", "type__name", "org_unit__code", "starts_at", "ends_at", "address", "status"
        )
    )


def participants_on_file():
    return sorted(
        (p.activity.title, p.person.name if p.person_id else "", p.guest_name, p.guest_phone, p.role, p.attended)
        + ((p.check_in_method,) if p.attended else ())
        for p in Participant.objects.select_related("activity", "person")
    )


def test_two_activities_with_members_guests_and_hours_import_exactly_those_records(registered, users, tree, tmp_path):
    report = run(users, tree, activity_workbook(tmp_path / "活动.xlsx", GOOD_ROWS))
    assert (report.committed, report.counts) == (True, {"new": 5, "update": 0, "duplicate": 0, "error": 0})
    assert activities_on_file() == [
        (FORUM, "座谈交流", "C1", local(2026, 10, 1, 9), local(2026, 10, 1, 11, 30), "东坡社区议事厅", "held"),
        (SERVICE, "志愿服务", "C1", local(2026, 10, 29, 14), local(2026, 10, 29, 17), "", "planned"),
    ]
    assert participants_on_file() == [
        (FORUM, "", "王五", "13812345678", "participant", True, "import"),
        (FORUM, "张三", "", "", "speaker", True, "import"),
        (FORUM, "李四", "", "", "volunteer", True, "import"),
        (SERVICE, "", "赵六", "", "participant", False),
        (SERVICE, "张三", "", "", "volunteer", False),
    ]
    hours = sorted(
        (h.participant.guest_name or h.participant.person.name, h.hours, h.status, h.recorded_by, h.approved_by)
        for h in VolunteerHours.objects.select_related("participant__person")
    )
    assert hours == [
        ("李四", Decimal("2.5"), "pending", users["c1_staff"], None),
        ("王五", Decimal("1.5"), "pending", users["c1_staff"], None),
    ]
    # The held forum's member attendees are on their paths: speaking and volunteering count for 使用.
    steps = sorted(PathEvent.objects.values_list("person__name", "stage", "kind", "occurred_on", "source", "origin"))
    speaker = Participant.objects.get(person=registered["张三"], activity__title=FORUM)
    volunteer = Participant.objects.get(person=registered["李四"])
    assert steps == [
        ("张三", "use", "speaking", date(2026, 10, 1), FORUM, f"activity-participant:{speaker.pk}"),
        ("李四", "use", "volunteering", date(2026, 10, 1), FORUM, f"activity-participant:{volunteer.pk}"),
    ]
    event = AuditEvent.objects.get(action="import")
    assert (event.object_type, event.object_repr, event.org_unit_id) == (
        "activities.activity",
        "活动.xlsx: 5 new, 0 updated, 0 refused",
        tree["C1"].pk,
    )


def test_the_dry_run_writes_nothing_and_foretells_the_commit(registered, users, tree, tmp_path):
    path = activity_workbook(tmp_path / "活动.xlsx", GOOD_ROWS)
    events = AuditEvent.objects.count()
    steps = PathEvent.objects.count()
    dry = run(users, tree, path, dry_run=True)
    assert (dry.committed, dry.counts["new"], dry.bad) == (False, 5, 0)
    assert [result[2] for result in dry.results] == ["new"] * 5
    assert (Activity.objects.count(), Participant.objects.count(), VolunteerHours.objects.count()) == (0, 0, 0)
    assert (PathEvent.objects.count(), AuditEvent.objects.count()) == (steps, events)
    assert run(users, tree, path).counts == dry.counts


def _existing_forum(tree, member):
    """An activity already in C1 with 张三 among its participants."""
    activity = Activity.objects.create(
        org_unit=tree["C1"],
        title="已有活动",
        type=ActivityType.objects.get(name="座谈交流"),
        starts_at=local(2026, 9, 1, 9),
        ends_at=local(2026, 9, 1, 11),
        address="会议室",
        status="held",
    )
    Participant.objects.create(activity=activity, person=member, attended=True)
    return activity


def existing_row(**cells) -> dict:
    row = {
        "活动名称": "已有活动",
        "活动类型": "座谈交流",
        "开始时间": "2026-09-01 09:00",
        "结束时间": "2026-09-01 11:00",
        "地点": "会议室",
        "状态": "已举办",
    }
    return row | cells


def bad(number: int, **cells) -> dict:
    """A row of an activity of its own (held, two hours) with the cells given."""
    return forum_row(活动名称=f"坏行{number}", 结束时间="2026-10-01 11:00", 参与人姓名="孙七") | cells


BAD_ROWS = [
    forum_row(参与人姓名="张三", 参与人证件号码=ZHANG_ID, 是否出席="是"),  # 2: valid, the forum's first row
    forum_row(活动类型="学习培训", 参与人姓名="李四", 参与人证件号码=LI_ID),  # 3
    forum_row(结束时间="2026-10-01 12:00", 参与人姓名="客甲"),  # 4
    forum_row(地点="", 参与人姓名="客乙"),  # 5
    forum_row(状态="计划中", 参与人姓名="客丙"),  # 6
    forum_row(参与人姓名="张三", 参与人证件号码=ZHANG_ID),  # 7: the same member again
    bad(8, 活动类型="不存在的类型"),
    bad(9, 活动类型="结对帮扶"),  # no longer in use
    bad(10, 开始时间="明天上午"),
    bad(11, 结束时间="2026-10-01 08:00"),
    bad(12, 状态="进行中"),
    bad(13, 参与人姓名=""),
    bad(14, 参与人证件号码=id_number("19600101", "111")),  # nobody's
    bad(15, 参与人姓名="王芳", 参与人证件号码=WANG_ID),  # a member of C2: outside the actor's scope
    bad(16, 参与人姓名="李四四", 参与人证件号码=LI_ID),
    bad(17, 参与人姓名="李四", 参与人证件号码=LI_ID, 联系电话="13812345678"),
    bad(18, 联系电话="12345"),
    bad(19, 角色="嘉宾"),
    bad(20, 是否出席="也许"),
    bad(21, 状态="计划中", 是否出席="是"),
    bad(22, 是否出席="否", 志愿服务时长=2),
    bad(23, 是否出席="是", 志愿服务时长=0),
    bad(24, 是否出席="是", 志愿服务时长=1.25),
    bad(25, 是否出席="是", 志愿服务时长="两小时"),
    bad(26, 是否出席="是", 志愿服务时长=5),
    bad(27, 活动名称='=HYPERLINK("http://x")'),
    bad(28, 开始时间="2026-02-30 09:00"),
    existing_row(状态="计划中", 参与人姓名="客丁"),  # 29: disagrees with the activity on file
    existing_row(参与人姓名="张三", 参与人证件号码=ZHANG_ID),  # 30: already takes part
    existing_row(参与人姓名="李四", 参与人证件号码=LI_ID, 是否出席="是"),  # 31: valid, joins it
]

SAME = "与工作表活动参与人第2行不一致（活动名称和开始时间相同，属于同一活动）。"
NOT_FOUND = "所选单位及下级单位中没有该证件号码的成员。"
EXPECTED_ERRORS = {
    3: [("活动类型", SAME)],
    4: [("结束时间", SAME)],
    5: [("地点", SAME)],
    6: [("状态", SAME)],
    7: [("参与人证件号码", "同一活动的同一参与人已在工作表活动参与人第2行。")],
    8: [("活动类型", "不是下拉列表中的活动类型。")],
    9: [("活动类型", "该活动类型已停用。")],
    10: [("开始时间", "请填写日期和时间，如 2026-10-01 09:00。")],
    11: [("结束时间", "结束时间早于开始时间。")],
    12: [("状态", "不是下拉列表中的选项。")],
    13: [("参与人姓名", "请填写参与人姓名。")],
    14: [("参与人证件号码", NOT_FOUND)],
    15: [("参与人证件号码", NOT_FOUND)],
    16: [("参与人证件号码", "该证件号码的成员姓名与本行的参与人姓名不一致。")],
    17: [("联系电话", "联系电话仅供来宾填写；成员的电话以成员档案为准。")],
    18: [("联系电话", "请输入以 1 开头的 11 位手机号码，或带区号的固定电话号码。")],
    19: [("角色", "不是下拉列表中的选项。")],
    20: [("是否出席", "不是下拉列表中的选项。")],
    21: [("是否出席", "只有已举办的活动才有出席者：请将状态设为“已举办”。")],
    22: [("志愿服务时长", "只有出席者才能记录志愿服务时长。")],
    23: [("志愿服务时长", "时长必须大于 0。")],
    24: [("志愿服务时长", "最多一位小数，如 2.5。")],
    25: [("志愿服务时长", "请填写小时数，如 2.5。")],
    26: [("志愿服务时长", "超过活动时长（2小时）。")],
    27: [("活动名称", "内容不能以 = + - @ 开头（可能被当作公式执行）。")],
    28: [("开始时间", "日期不存在。")],
    29: [
        (
            "状态",
            "本单位已有同名、同开始时间的活动，此列为“已举办”；导入只向该活动添加参与人（活动信息请在活动页面修改）。",
        )
    ],
    30: [("参与人证件号码", "该参与人已登记在这一活动中。")],
}


def test_every_kind_of_bad_cell_is_reported_at_its_row_and_column_and_nothing_is_written(
    registered, users, tree, tmp_path
):
    ActivityType.objects.filter(name="结对帮扶").update(is_active=False)
    existing = _existing_forum(tree, registered["张三"])
    before = (activities_on_file(), participants_on_file())
    report = run(users, tree, activity_workbook(tmp_path / "活动.xlsx", BAD_ROWS))
    assert errors_by_row(report) == EXPECTED_ERRORS
    assert report.counts == {"new": 2, "update": 0, "duplicate": 2, "error": 26}
    assert report.committed is False
    assert (activities_on_file(), participants_on_file()) == before
    assert not VolunteerHours.objects.exists()
    assert not PathEvent.objects.filter(origin__startswith="activity-participant:").exists()
    assert not AuditEvent.objects.filter(action="import").exists()
    # Valid rows only: the forum with its first row, and 李四 added to the activity on file, unchanged.
    version = existing.version
    partial = run(users, tree, activity_workbook(tmp_path / "活动.xlsx", BAD_ROWS), allow_partial=True)
    assert (partial.committed, partial.counts["new"]) == (True, 2)
    assert [title for title, *_rest in activities_on_file()] == ["已有活动", FORUM]
    existing.refresh_from_db()
    assert (existing.status, existing.version) == ("held", version)
    assert sorted(existing.participants.values_list("person__name", flat=True)) == ["张三", "李四"]


def test_a_member_outside_the_chosen_unit_or_the_actors_scope_is_not_found(registered, users, tree, tmp_path):
    path = activity_workbook(tmp_path / "活动.xlsx", [forum_row(参与人姓名="王芳", 参与人证件号码=WANG_ID)])
    # The subdistrict's staff sees 王芳 (岳王社区) but imports into 东坡社区: not found there.
    for actor in ("c1_staff", "sub_staff"):
        assert errors_by_row(run(users, tree, path, actor=actor, dry_run=True)) == {2: [("参与人证件号码", NOT_FOUND)]}
    # Into the subdistrict, whose units include 岳王社区, the same row finds her.
    report = run(users, tree, path, actor="sub_staff", unit="S")
    assert report.committed is True
    assert Participant.objects.get().person_id == registered["王芳"].pk


def test_importing_the_same_file_again_adds_nobody_twice(registered, users, tree, tmp_path):
    path = activity_workbook(tmp_path / "活动.xlsx", GOOD_ROWS)
    run(users, tree, path)
    again = run(users, tree, path, allow_partial=True)
    assert again.counts == {"new": 0, "update": 0, "duplicate": 5, "error": 0}
    assert {reason for errors in errors_by_row(again).values() for _c, reason in errors} == {
        "该参与人已登记在这一活动中。"
    }
    assert (Activity.objects.count(), Participant.objects.count(), VolunteerHours.objects.count()) == (2, 5, 2)


def test_the_attendees_of_an_activity_not_held_leave_no_step_on_the_path(registered, users, tree, tmp_path):
    rows = [
        service_row(参与人姓名="张三", 参与人证件号码=ZHANG_ID, 角色="志愿者"),
        forum_row(参与人姓名="李四", 参与人证件号码=LI_ID),
    ]
    assert run(users, tree, activity_workbook(tmp_path / "活动.xlsx", rows)).committed is True
    assert not PathEvent.objects.exists()  # planned, and absent from the held forum
    assert Participant.objects.count() == 2


def test_a_staff_member_may_not_import_into_a_unit_outside_the_scope(registered, users, tree, tmp_path):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(users, tree, activity_workbook(tmp_path / "活动.xlsx", GOOD_ROWS), actor="c1_staff", unit="C2")
    with pytest.raises(PermissionDenied):
        run(users, tree, activity_workbook(tmp_path / "活动.xlsx", GOOD_ROWS), actor="c1_leader")
    assert not Activity.objects.exists()


def test_rows_of_an_activity_the_unit_has_twice_are_refused(registered, users, tree, tmp_path):
    first = _existing_forum(tree, registered["张三"])
    Activity.objects.create(
        org_unit=first.org_unit,
        title=first.title,
        type=first.type,
        starts_at=first.starts_at,
        ends_at=first.ends_at,
        address=first.address,
        status=first.status,
    )
    report = run(users, tree, activity_workbook(tmp_path / "活动.xlsx", [existing_row(参与人姓名="客戊")]))
    assert errors_by_row(report) == {
        2: [("活动名称", "本单位有多个同名、同开始时间的活动；请在活动页面添加这些参与人。")]
    }
    assert Participant.objects.count() == 1
