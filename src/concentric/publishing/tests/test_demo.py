"""The demo's columns and items: the article's two columns among them, items in every state, the
published ones featuring members (on their paths) and some with covers; loaded once."""

from concentric.people.models import PathEvent
from concentric.publishing.demo import COLUMNS, ITEMS
from concentric.publishing.models import Column, Item
from concentric.shell.demo import load_demo


def test_the_demo_publishes_in_the_articles_columns(db):
    load_demo()
    names = set(Column.objects.values_list("name", flat=True))
    assert {"非公企业抗疫故事", "湖滨新乡贤风采"} <= names and len(names) == len(COLUMNS)
    assert Column.objects.filter(is_public=False).exists()
    assert Item.objects.count() == len(ITEMS)
    assert set(Item.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "published",
        "withdrawn",
    }
    published = Item.objects.filter(status="published")
    assert published.exclude(cover="").exists()
    featured = PathEvent.objects.filter(origin__startswith="publishing:item:")
    assert featured.count() == sum(item.features.count() for item in published) > 0
    before = Item.objects.count()
    load_demo()
    assert Item.objects.count() == before
