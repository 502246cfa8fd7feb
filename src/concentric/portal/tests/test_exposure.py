"""The portal shows exactly what is public: every item, in every state of the review, in a public,
an internal and a switched-off column, with its cover, body image and attachment, is asked for by
every portal URL; only those of published items in a public column in use answer, every other
answers 404 exactly as a record that does not exist. Search finds nothing else either."""

import pytest
from django.test import Client
from django.urls import reverse

from concentric.portal.tests.conftest import COLUMN_KINDS, STATES

pytestmark = pytest.mark.django_db


def urls_of(entry) -> dict[str, str]:
    item = entry.item
    return {
        "item": reverse("portal:item", args=[item.pk]),
        "cover": reverse("portal:cover", args=[item.pk]),
        "image": reverse("portal:image", args=[entry.image.pk]),
        "file": reverse("portal:file", args=[entry.file.pk]),
    }


def test_exactly_the_published_items_of_public_columns_answer(world):
    assert len(world) == len(STATES) * len(COLUMN_KINDS)
    missing = Client().get(reverse("portal:item", args=[999999]))
    answered = {}
    for entry in world:
        for kind, url in urls_of(entry).items():
            response = Client().get(url)
            answered[entry.column_kind, entry.state, kind] = response.status_code
            if response.status_code == 404:
                assert response.content == missing.content, f"{url} does not answer exactly as a missing record"
    expected = {
        (entry.column_kind, entry.state, kind): 200 if entry.public else 404
        for entry in world
        for kind in ("item", "cover", "image", "file")
    }
    assert answered == expected


def test_any_other_address_under_the_portal_answers_the_portals_404():
    missing = Client().get(reverse("portal:item", args=[999999]))
    for path in ("/portal/nothing/", "/portal/items/abc/", "/portal/items/1/edit/", "/portal/columns/"):
        response = Client().get(path)
        assert (response.status_code, response.content) == (404, missing.content), path


def test_columns_that_are_not_public_or_not_in_use_are_missing(world, columns):
    assert Client().get(reverse("portal:column", args=[columns["public"].pk])).status_code == 200
    for kind in ("internal", "inactive"):
        assert Client().get(reverse("portal:column", args=[columns[kind].pk])).status_code == 404


def test_lists_and_search_show_only_public_items(world):
    public = {entry.item.title for entry in world if entry.public}
    hidden = {entry.item.title for entry in world if not entry.public}
    pages = [
        Client().get(reverse("portal:home")).content.decode(),
        Client().get(reverse("portal:search"), {"q": "标记"}).content.decode(),
        Client().get(reverse("portal:search"), {"q": "邻里故事"}).content.decode(),  # the body's words
    ]
    pages += [
        Client().get(reverse("portal:column", args=[entry.item.columns.get().pk])).content.decode()
        for entry in world
        if entry.public
    ]
    for page in pages:
        assert all(title in page for title in public)
        assert not [title for title in hidden if title in page]
    for entry in world:
        if not entry.public:
            page = Client().get(reverse("portal:search"), {"q": entry.item.title}).content.decode()
            assert 'data-testid="portal-card"' not in page
            assert "portal-search-none" in page


def test_an_item_in_a_public_and_an_internal_column_names_only_the_public_one(write, users, columns):
    from concentric.portal.tests.conftest import move
    from concentric.publishing.services.items import item_create

    item = item_create(
        actor=users["sub_staff"],
        org_unit=columns["public"].org_unit,
        title="两个栏目",
        columns=[columns["public"], columns["internal"]],
        body="<p>正文</p>",
    )
    move(users, item, "published")
    page = Client().get(reverse("portal:item", args=[item.pk])).content.decode()
    assert columns["public"].name in page
    assert columns["internal"].name not in page
