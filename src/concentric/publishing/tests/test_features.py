"""Featured members: picked among the item's unit's members, shown on the member's page, and the
publicity step (管理 · 信息宣传) on their path while the item is published: dated the publish day,
written once, withdrawn with the item or the feature."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from concentric.people.models import PathEvent
from concentric.publishing.services.features import feature_add, feature_remove, origin_of, sync_evidence
from concentric.publishing.services.items import item_update
from concentric.publishing.services.workflow import item_publish, item_submit, item_withdraw
from conftest import sign_in


def _steps(person):
    return list(PathEvent.objects.filter(person=person).values_list("stage", "kind", "occurred_on", "source", "origin"))


def test_publishing_records_the_publicity_step_once_and_withdrawing_removes_it(users, write, member):
    zhang = member("张三")
    item = write(features=[zhang], state="submitted")
    assert _steps(zhang) == []  # not before it is published
    item = item_publish(actor=users["c1_admin"], item_id=item.pk, version=item.version)
    expected = ("manage", "publicity", timezone.localdate(item.published_at), item.title, origin_of(item.pk, zhang.pk))
    assert _steps(zhang) == [expected]
    zhang.refresh_from_db()
    assert zhang.stage == "manage"
    sync_evidence(users["c1_admin"], item)  # again: no second entry
    assert _steps(zhang) == [expected]
    item_withdraw(actor=users["c1_admin"], item_id=item.pk, version=item.version, comment="撤回")
    assert _steps(zhang) == []


def test_a_feature_added_or_removed_on_a_published_item_follows(users, write, member):
    zhang, li = member("张三"), member("李四")
    item = write(features=[zhang], state="published")
    added = feature_add(actor=users["c1_admin"], item_id=item.pk, person_id=li.pk)
    assert [step[1] for step in _steps(li)] == ["publicity"]
    feature_remove(actor=users["c1_admin"], feature_id=added.pk)
    assert _steps(li) == [] and len(_steps(zhang)) == 1
    with pytest.raises(PermissionDenied):  # a worker does not change a published item
        feature_add(actor=users["c1_staff"], item_id=item.pk, person_id=li.pk)


def test_features_are_members_of_the_items_unit(users, write, member):
    outsider = member("王五", unit="C2")
    with pytest.raises(ValidationError):
        write(features=[outsider])
    item = write()
    with pytest.raises(ValidationError):
        item_update(actor=users["sub_staff"], item_id=item.pk, version=item.version, features=[outsider])
    assert not item.features.exists()


def test_changing_the_features_of_a_draft(users, write, member):
    zhang, li = member("张三"), member("李四")
    item = write(features=[zhang])
    item = item_update(actor=users["c1_staff"], item_id=item.pk, version=item.version, features=[li])
    assert list(item.features.values_list("person__name", flat=True)) == ["李四"]
    item = item_submit(actor=users["c1_staff"], item_id=item.pk, version=item.version)
    item_publish(actor=users["sub_admin"], item_id=item.pk, version=item.version)
    assert _steps(zhang) == [] and len(_steps(li)) == 1


def test_the_members_page_shows_the_items_featuring_them(client, users, write, member):
    zhang = member("张三")
    write("东坡路新乡贤", features=[zhang], state="published")
    sign_in(client, users["c1_leader"])
    page = client.get(reverse("people:detail", args=[zhang.pk])).content.decode()
    assert "信息宣传" in page and "东坡路新乡贤" in page
    sign_in(client, users["c2_staff"])
    assert client.get(reverse("people:detail", args=[zhang.pk])).status_code == 404


def test_the_member_picker_finds_the_units_members(client, users, write, member):
    member("张三")
    member("张四", unit="C2")
    item = write()
    sign_in(client, users["c1_staff"])
    page = client.get(reverse("publishing:member_search", args=[item.pk]), {"q": "张"}).content.decode()
    assert "张三" in page and "张四" not in page
    sign_in(client, users["c1_leader"])
    assert client.get(reverse("publishing:member_search", args=[item.pk]), {"q": "张"}).status_code == 403
