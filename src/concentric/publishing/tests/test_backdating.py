"""The publish time is the moment of publishing: a time given earlier is refused as backdating,
in the service, on the page and in the API, with a Chinese message; the item is unchanged."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from concentric.publishing.models import Item
from concentric.publishing.services.items import item_create, item_update
from concentric.publishing.services.workflow import item_publish
from conftest import sign_in

BACKDATING = "发布时间不能早于当前时间"


def _earlier():
    return timezone.now() - timedelta(days=3)


def test_the_service_refuses_an_earlier_publish_time(users, write):
    item = write(state="submitted")
    with pytest.raises(ValidationError) as refused:
        item_publish(actor=users["c1_admin"], item_id=item.pk, version=item.version, published_at=_earlier())
    assert BACKDATING in str(refused.value.message_dict["published_at"])
    assert Item.objects.get(pk=item.pk).status == "submitted"
    with pytest.raises(ValidationError):  # nor scheduled for later
        item_publish(
            actor=users["c1_admin"],
            item_id=item.pk,
            version=item.version,
            published_at=timezone.now() + timedelta(days=1),
        )
    published = item_publish(
        actor=users["c1_admin"], item_id=item.pk, version=item.version, published_at=timezone.now()
    )
    assert abs((published.published_at - timezone.now()).total_seconds()) < 60


def test_writing_an_item_never_takes_a_publish_time(users, tree, column, write):
    with pytest.raises(ValidationError) as refused:
        item_create(
            actor=users["c1_staff"], org_unit=tree["C1"], title="倒签", columns=[column], published_at=_earlier()
        )
    assert BACKDATING in str(refused.value)
    assert not Item.objects.filter(title="倒签").exists()
    item = write()
    with pytest.raises(ValidationError):
        item_update(actor=users["c1_staff"], item_id=item.pk, version=item.version, published_at=_earlier())


def test_the_page_refuses_an_earlier_publish_time(client, users, write):
    item = write(state="submitted")
    sign_in(client, users["c1_admin"])
    url = reverse("publishing:publish", args=[item.pk])
    earlier = timezone.localtime(_earlier()).strftime("%Y-%m-%d %H:%M")
    response = client.post(url, {"version": item.version, "published_at": earlier}, follow=True)
    assert BACKDATING in response.content.decode()
    assert Item.objects.get(pk=item.pk).status == "submitted"
    draft = write("草稿")
    edit = client.post(
        reverse("publishing:edit", args=[draft.pk]),
        {
            "version": draft.version,
            "org_unit": draft.org_unit_id,
            "title": "改",
            "columns": [c.pk for c in draft.columns.all()],
            "published_at": earlier,
        },
    )
    assert edit.status_code == 200 and BACKDATING in edit.content.decode()
    assert Item.objects.get(pk=draft.pk).title == "草稿"


def test_the_api_refuses_an_earlier_publish_time(client, users, write, column, tree):
    item = write(state="submitted")
    sign_in(client, users["c1_admin"])
    earlier = _earlier().isoformat()
    response = client.post(
        f"/api/v1/publishing/items/{item.pk}/publish/",
        {"version": item.version, "published_at": earlier},
        content_type="application/json",
    )
    assert response.status_code == 400 and BACKDATING in response.content.decode()
    assert Item.objects.get(pk=item.pk).status == "submitted"
    created = client.post(
        "/api/v1/publishing/items/",
        {
            "org_unit": tree["C1"].pk,
            "title": "倒签",
            "columns": [column.pk],
            "body": "<p>x</p>",
            "published_at": earlier,
        },
        content_type="application/json",
    )
    assert created.status_code == 400 and BACKDATING in created.content.decode()
    assert not Item.objects.filter(title="倒签").exists()
