"""The subdistrict's 2020 as the article reports it, written fast: members through the bulk
writer, the rest with bulk_create, then the rollups recounted once.

2,692 members (253 新阶层及非公 + 124 新乡贤 + 2,315 涉侨 by main category), 31 activities held
(24 of them volunteer sessions with 397 person-times and 4,367 hours, the volunteering tests'
fixture), 490 items published, 50,000 yuan and 5,000 masks donated, 4 members put forward; and
records outside 2020 or not counted beside them.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from concentric.activities.choices import ActivityStatus, DonationKind, DonorKind, RecipientKind
from concentric.activities.models import Activity, ActivityType, Donation
from concentric.activities.tests.test_volunteering_totals import SHARES, _sessions
from concentric.activities.tests.volunteering_support import local
from concentric.people.bulk_write import NewPerson, PersonWriter
from concentric.people.choices import PathEventKind, Stage
from concentric.people.models import Category, PathEvent, Person
from concentric.publishing.choices import ItemStatus
from concentric.publishing.models import Column, Item
from concentric.rollups.services import rollups_rebuild

YEAR = 2020
# unit -> {main category code: members}
MEMBERS = {
    "C1": {"non-public-economy": 100, "new-rural-worthies": 60, "overseas-chinese": 1000},
    "C2": {"new-strata-freelance": 153, "new-rural-worthies": 64, "overseas-chinese": 1046},
    "B1": {"overseas-students": 269},
}
# unit -> other held activities of 2020 beside its volunteer sessions (SHARES: 10, 8, 6)
OTHER_ACTIVITIES = {"C1": [("座谈交流", 2), ("文化展览", 1)], "C2": [("公益服务", 2)], "B1": [("座谈交流", 2)]}
ITEMS = {"C1": 200, "C2": 190, "B1": 100}  # the first 300 in 非公企业抗疫故事, the rest in 湖滨新乡贤风采
MONEY = {"C1": Decimal("30000"), "C2": Decimal("20000")}
MASKS = ("B1", Decimal("5000"))
RECOMMENDED = {"C1": 3, "B1": 1}

# What the whole subdistrict and the first community should read.
SUBDISTRICT = {
    "members_total": 2692,
    "members_new": 2692,
    "activities_held": 31,
    "items_published": 490,
    "volunteer_sessions": 24,
    "volunteer_person_times": 397,
    "volunteer_hours": "4367.0",
    "donations_money_yuan": "50000.00",
    "recommendations": 4,
}
GROUPS = [
    {"name": "新阶层及非公代表人士", "count": 253},
    {"name": "新乡贤", "count": 124},
    {"name": "涉侨", "count": 2315},
]
C1_GROUPS = [
    {"name": "新阶层及非公代表人士", "count": 100},
    {"name": "新乡贤", "count": 60},
    {"name": "涉侨", "count": 1000},
]


def _members(tree) -> dict[str, list[int]]:
    categories = dict(Category.objects.values_list("code", "pk"))
    writer, made = PersonWriter(), {}
    for key, counts in MEMBERS.items():
        people = [
            NewPerson(
                {"org_unit_id": tree[key].pk, "main_category_id": categories[code], "name": f"{key}成员{code}{n}"},
                [categories[code]],
            )
            for code, count in counts.items()
            for n in range(count)
        ]
        made[key] = writer.write(people, now=timezone.make_aware(datetime(YEAR, 3, 1, 10))).pks
    # Registered after the year: on no 2020 figure.
    writer.write(
        [
            NewPerson(
                {"org_unit_id": tree["C1"].pk, "main_category_id": categories["new-rural-worthies"], "name": "明年"}
            )
        ],
        now=timezone.make_aware(datetime(YEAR + 1, 1, 2, 10)),
    )
    return made


def _activities(tree) -> None:
    types = dict(ActivityType.objects.values_list("name", "pk"))
    rows = []
    for key, kinds in OTHER_ACTIVITIES.items():
        for name, count in kinds:
            for n in range(count):
                start = local(YEAR, 4 + n, 10)
                rows.append(
                    Activity(
                        org_unit=tree[key],
                        title=f"{key}{name}{n}",
                        type_id=types[name],
                        starts_at=start,
                        ends_at=start,
                        status=ActivityStatus.HELD,
                    )
                )
    start = local(YEAR, 6, 1)
    planned = {"org_unit": tree["C1"], "type_id": types["座谈交流"], "starts_at": start, "ends_at": start}
    rows.append(Activity(title="取消的座谈", status=ActivityStatus.CANCELLED, **planned))
    rows.append(
        Activity(title="去年的座谈", status=ActivityStatus.HELD, **{**planned, "starts_at": local(YEAR - 1, 6, 1)})
    )
    Activity.objects.bulk_create(rows)


def _items(tree) -> None:
    fighting = Column.objects.create(org_unit=tree["S"], name="非公企业抗疫故事")
    worthies = Column.objects.create(org_unit=tree["S"], name="湖滨新乡贤风采")
    items = []
    for key, count in ITEMS.items():
        for n in range(count):
            published = local(YEAR, 1 + n % 12, 1 + n % 28)
            items.append(
                Item(org_unit=tree[key], title=f"{key}信息{n}", status=ItemStatus.PUBLISHED, published_at=published)
            )
    items.append(Item(org_unit=tree["C1"], title="草稿", status=ItemStatus.DRAFT))
    made = Item.objects.bulk_create(items)
    links = Item.columns.through
    published = [item for item in made if item.status == ItemStatus.PUBLISHED]
    links.objects.bulk_create(
        links(item_id=item.pk, column_id=(fighting if n < 300 else worthies).pk) for n, item in enumerate(published)
    )


def _donations(tree) -> None:
    common = {"donor_kind": DonorKind.GROUP, "donor_name": "晴雨公益", "recipient_kind": RecipientKind.NAMED}
    rows = [
        Donation(
            org_unit=tree[key],
            donated_on=date(YEAR, 2, 10),
            kind=DonationKind.MONEY,
            amount=amount,
            recipient_name="抗疫",
            **common,
        )
        for key, amount in MONEY.items()
    ]
    rows.append(
        Donation(
            org_unit=tree[MASKS[0]],
            donated_on=date(YEAR, 2, 12),
            kind=DonationKind.GOODS,
            item="口罩",
            quantity=MASKS[1],
            quantity_unit="个",
            recipient_name="武汉部分医院",
            **common,
        )
    )
    rows.append(
        Donation(
            org_unit=tree["C1"],
            donated_on=date(YEAR - 1, 12, 1),
            kind=DonationKind.MONEY,
            amount=Decimal("999"),
            recipient_name="去年",
            **common,
        )
    )
    Donation.objects.bulk_create(rows)


def _recommendations(members) -> None:
    PathEvent.objects.bulk_create(
        PathEvent(
            person_id=members[key][n],
            stage=Stage.USE,
            kind=PathEventKind.RECOMMENDATION,
            occurred_on=date(YEAR, 9, 1 + n),
            source="新生代企业家联谊会",
        )
        for key, count in RECOMMENDED.items()
        for n in range(count)
    )


@pytest.fixture
def article(tree):
    with transaction.atomic():
        members = _members(tree)
        for key in SHARES:
            _sessions(tree[key], *SHARES[key], key)
        _activities(tree)
        _items(tree)
        _donations(tree)
        _recommendations(members)
        rollups_rebuild()
    assert Person.objects.count() == 2693
    return members
