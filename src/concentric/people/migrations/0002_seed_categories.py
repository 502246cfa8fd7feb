"""Seed the category dictionary: the twelve categories of the 统一战线工作条例 (2020), the four
groups of 新的社会阶层人士, and two local categories. Codes are stable: other data refers to them."""

from django.db import migrations

# (code, name, parent code, official, sort)
CATEGORIES = [
    ("democratic-party", "民主党派成员", None, True, 10),
    ("non-party", "无党派人士", None, True, 20),
    ("non-party-intellectual", "党外知识分子", None, True, 30),
    ("ethnic-minority", "少数民族人士", None, True, 40),
    ("religious", "宗教界人士", None, True, 50),
    ("non-public-economy", "非公有制经济人士", None, True, 60),
    ("new-social-strata", "新的社会阶层人士", None, True, 70),
    ("new-strata-managers", "私营企业和外资企业的管理技术人员", "new-social-strata", True, 71),
    ("new-strata-intermediary", "中介组织和社会组织从业人员", "new-social-strata", True, 72),
    ("new-strata-freelance", "自由职业人员", "new-social-strata", True, 73),
    ("new-strata-new-media", "新媒体从业人员", "new-social-strata", True, 74),
    ("overseas-students", "出国和归国留学人员", None, True, 80),
    ("hk-macao", "香港同胞和澳门同胞", None, True, 90),
    ("taiwan", "台湾同胞及其在大陆的亲属", None, True, 100),
    ("overseas-chinese", "华侨、归侨及侨眷", None, True, 110),
    ("other-contacts", "其他需要联系和团结的人员", None, True, 120),
    ("new-rural-worthies", "新乡贤", None, False, 200),
    ("young-entrepreneurs", "新生代企业家", None, False, 210),
]


def seed(apps, schema_editor):
    Category = apps.get_model("people", "Category")
    by_code = {}
    for code, name, parent, official, sort in CATEGORIES:
        category, _ = Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "parent": by_code.get(parent), "is_official": official, "sort": sort},
        )
        by_code[code] = category


def unseed(apps, schema_editor):
    Category = apps.get_model("people", "Category")
    codes = [row[0] for row in CATEGORIES]
    Category.objects.filter(code__in=codes, parent__isnull=False).delete()
    Category.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
