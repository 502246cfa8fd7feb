"""Seed what rooms serve for (the 统战之家's rooms receive, exhibit, deliberate and perform); the
dictionary stays editable. Codes are stable: statistics group by them."""

from django.db import migrations

# (code, name, sort)
FUNCTIONS = [
    ("reception", "接待", 10),
    ("exhibition", "展示", 20),
    ("deliberation", "议事", 30),
    ("performance", "演出", 40),
    ("reading", "阅读", 50),
    ("training", "培训", 60),
    ("meeting", "会议", 70),
]


def seed(apps, schema_editor):
    RoomFunction = apps.get_model("venues", "RoomFunction")
    for code, name, sort in FUNCTIONS:
        RoomFunction.objects.get_or_create(code=code, defaults={"name": name, "sort": sort})


def unseed(apps, schema_editor):
    apps.get_model("venues", "RoomFunction").objects.filter(code__in=[row[0] for row in FUNCTIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("venues", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
