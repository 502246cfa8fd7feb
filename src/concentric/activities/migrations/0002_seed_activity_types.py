"""Seed the activity types the subdistrict's records use; the dictionary stays editable. What
attending stands for on a member's path: training → 培养 (training), forums and study → 培养
(forum), the rest of the 联谊 and culture → 培养 (activity); speakers and volunteers count for 使用
whatever the type (activities.services)."""

from django.db import migrations

# (name, path evidence, volunteer service, sort)
TYPES = [
    ("公益服务", "activity", False, 10),
    ("座谈交流", "forum", False, 20),
    ("文化展览", "activity", False, 30),
    ("学习培训", "training", False, 40),
    ("联谊活动", "activity", False, 50),
    ("调研走访", "", False, 60),
    ("志愿服务", "", True, 70),
    ("结对帮扶", "", False, 80),
]


def seed(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    for name, evidence, volunteering, sort in TYPES:
        ActivityType.objects.get_or_create(
            name=name, defaults={"path_evidence": evidence, "is_volunteering": volunteering, "sort": sort}
        )


def unseed(apps, schema_editor):
    apps.get_model("activities", "ActivityType").objects.filter(name__in=[row[0] for row in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
