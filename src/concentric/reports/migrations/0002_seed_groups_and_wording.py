"""Seed the review's headline groups as the article counts them (新阶层及非公代表人士, 新乡贤, 涉侨)
and the default wording of its narrative; administrators change both afterwards."""

from django.db import migrations

# (name, sort, category codes of people/migrations/0002_seed_categories; sub-groups count with them)
GROUPS = [
    ("新阶层及非公代表人士", 10, ["non-public-economy", "new-social-strata", "young-entrepreneurs"]),
    ("新乡贤", 20, ["new-rural-worthies"]),
    ("涉侨", 30, ["overseas-chinese", "overseas-students"]),
]
WORDING_NAME = "默认"
WORDING = (
    "{year}年，{unit_name}平台数字累计登记各类统战成员{members_total}人，其中{groups}，"
    "全年新增登记{members_new}人；记录活动{activities_held}项，信息发布{items_published}条；"
    "开展志愿服务{volunteer_sessions}场次，累计志愿服务{volunteer_person_times}人次，"
    "志愿服务时长{volunteer_hours}小时；捐款合计{donations_money_yuan}元，捐赠物资{donations_goods}；"
    "推荐使用统战成员{recommendations}人次。"
)


def seed(apps, schema_editor):
    Category = apps.get_model("people", "Category")
    ReviewGroup = apps.get_model("reports", "ReviewGroup")
    NarrativeTemplate = apps.get_model("reports", "NarrativeTemplate")
    for name, sort, codes in GROUPS:
        group, _created = ReviewGroup.objects.get_or_create(name=name, defaults={"sort": sort})
        group.categories.set(Category.objects.filter(code__in=codes))
    NarrativeTemplate.objects.get_or_create(name=WORDING_NAME, defaults={"text": WORDING})


def unseed(apps, schema_editor):
    apps.get_model("reports", "ReviewGroup").objects.filter(name__in=[row[0] for row in GROUPS]).delete()
    apps.get_model("reports", "NarrativeTemplate").objects.filter(name=WORDING_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("people", "0002_seed_categories")]

    operations = [migrations.RunPython(seed, unseed)]
