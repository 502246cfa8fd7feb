"""Demo activities for `make run`: a season (the latest autumn) of the subdistrict's and the
communities' activities of the seeded types, some co-organised, in the 统战之家's rooms where the
venues' demo data made them (else at a free address), with members and guests attending; all
written through the services, so the members' paths show what they attended."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from concentric.activities.choices import ActivityStatus, ParticipantRole
from concentric.activities.models import Activity, ActivityType
from concentric.activities.services.activities import activity_create, activity_set_status
from concentric.activities.services.participants import participant_add_guest, participant_add_member
from concentric.core.demo import season_year
from concentric.people.selectors import person_list
from concentric.venues.selectors import rooms_visible

DEMO_SEED = 15
GUESTS = ("刘晓东", "陈静怡", "黄志强", "杨帆", "周敏")


@dataclass(frozen=True)
class DemoActivity:
    title: str
    type: str
    unit: str  # the organising unit's code
    month: int  # 9, 10 or 11 of the season's year
    day: int
    room: str = ""  # a 统战之家 room, when the venues' demo data made it
    address: str = ""
    co_units: tuple[str, ...] = ()
    hours: int = 2


SEASON = (
    DemoActivity("新的社会阶层人士专题培训", "学习培训", "hubin", 9, 8, room="晴雨科教馆", hours=3),
    DemoActivity("晴雨公益·社区义诊", "公益服务", "hubin-dongpo", 9, 13, address="东坡路小广场"),
    DemoActivity("中秋同心联谊会", "联谊活动", "hubin-yuewang", 9, 24, room="晴雨大舞台", co_units=("hubin-dongpo",)),
    DemoActivity("民营企业家座谈会", "座谈交流", "hubin-buxingjie", 10, 11, room="晴雨议事厅", co_units=("hubin",)),
    DemoActivity("同心书画展", "文化展览", "hubin", 10, 16, room="晴雨风采廊", co_units=("hubin-yuewang",), hours=4),
    DemoActivity("垃圾分类宣传志愿服务", "志愿服务", "hubin-qingnianlu", 10, 18, address="青年路社区服务中心"),
    DemoActivity("商圈企业走访", "调研走访", "hubin-buxingjie", 10, 23, address="湖滨步行街"),
    DemoActivity("统战知识讲座", "学习培训", "hubin-dongpo", 10, 29, room="晴雨科教馆", co_units=("hubin-qingnianlu",)),
    DemoActivity("恩施鹤峰结对帮扶交流会", "结对帮扶", "hubin", 11, 5, room="晴雨议事厅"),
    DemoActivity("党外知识分子座谈会", "座谈交流", "hubin", 11, 12, room="晴雨议事厅"),
    DemoActivity(
        "西湖景区文明劝导", "志愿服务", "hubin", 11, 15, address="湖滨公园", co_units=("hubin-dongpo",), hours=3
    ),
    DemoActivity("爱心助学捐赠仪式", "公益服务", "hubin-yuewang", 11, 20, room="晴雨演艺厅"),
)


def load_demo_activities(*, actor, units: dict) -> int:
    """Write the season unless activities exist already; returns how many activities it made."""
    if Activity.objects.exists():
        return 0
    rng = random.Random(DEMO_SEED)  # nosec B311  # demo data, the same every run: nothing secret
    types = {kind.name: kind for kind in ActivityType.objects.all()}
    rooms = {room.name: room for room in rooms_visible(actor)}
    year = season_year(timezone.localdate())
    made = 0
    for spec in SEASON:
        if spec.type not in types:
            continue
        activity = _create(actor, spec, units, types[spec.type], rooms, date(year, spec.month, spec.day))
        _add_people(actor, activity, spec, units, rng)
        made += 1
    return made


def _create(actor, spec: DemoActivity, units: dict, kind, rooms: dict, day: date):
    starts_at = timezone.make_aware(datetime.combine(day, time(14, 0)))
    room = rooms.get(spec.room)
    return activity_create(
        actor=actor,
        org_unit=units[spec.unit],
        title=spec.title,
        type=kind,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=spec.hours),
        co_units=[units[code] for code in spec.co_units],
        venue=room.venue if room else None,
        room=room,
        address="" if room else (spec.address or "崔家巷4号"),
        description=f"{units[spec.unit].name}组织的{kind.name}活动。",
    )


def _add_people(actor, activity, spec: DemoActivity, units: dict, rng: random.Random) -> None:
    members = list(person_list(user=actor, filters={"unit": units[spec.unit].pk}).order_by("pk")[:40])
    chosen = rng.sample(members, min(len(members), rng.randint(4, 7)))
    held = activity.starts_at <= timezone.now()
    roles = _roles_for(activity.type, len(chosen))
    for index, (person, role) in enumerate(zip(chosen, roles, strict=True)):
        participant_add_member(
            actor=actor,
            activity_id=activity.pk,
            person_id=person.pk,
            role=role,
            attended=held and index != len(chosen) - 1,  # one of them could not come
        )
    for name in rng.sample(GUESTS, rng.randint(1, 2)):
        phone = f"1380000{rng.randint(1000, 9999)}"
        participant_add_guest(actor=actor, activity_id=activity.pk, guest_name=name, guest_phone=phone, attended=held)
    if held:
        activity_set_status(actor=actor, activity_id=activity.pk, version=activity.version, status=ActivityStatus.HELD)


def _roles_for(kind, count: int) -> list[str]:
    """A speaker at forums and trainings, volunteers at volunteer service, the rest participants."""
    first = ParticipantRole.SPEAKER if kind.path_evidence in ("forum", "training") else ParticipantRole.ORGANISER
    rest = ParticipantRole.VOLUNTEER if kind.is_volunteering else ParticipantRole.PARTICIPANT
    return [first, *[rest] * (count - 1)][:count]
