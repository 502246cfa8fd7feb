"""The review workflow: draft → submitted → published, returned with a comment → edited and
resubmitted, published → withdrawn; each step on the timeline and in the audit log, in one
transaction; edits only while a draft or returned."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from concentric.audit.models import AuditEvent
from concentric.core.services import StaleRecord
from concentric.publishing.models import Item
from concentric.publishing.services.columns import column_create
from concentric.publishing.services.items import item_delete, item_update
from concentric.publishing.services.workflow import (
    allowed_transitions,
    item_publish,
    item_return,
    item_submit,
    item_withdraw,
)


def _steps(item):
    return list(item.events.order_by("at", "pk").values_list("transition", "status", "actor__username", "comment"))


def test_a_worker_submits_the_admin_returns_once_then_publishes(users, write):
    worker, admin = users["c1_staff"], users["c1_admin"]
    item = write(actor="c1_staff")
    assert item.author == worker and item.status == "draft" and item.published_at is None
    item = item_submit(actor=worker, item_id=item.pk, version=item.version)
    item = item_return(actor=admin, item_id=item.pk, version=item.version, comment="请补充时间和人数。")
    assert item.status == "returned"
    item = item_update(actor=worker, item_id=item.pk, version=item.version, body="<p>补充：三十人参加。</p>")
    item = item_submit(actor=worker, item_id=item.pk, version=item.version)
    before = timezone.now()
    item = item_publish(actor=admin, item_id=item.pk, version=item.version)
    assert item.status == "published" and item.published_by == admin
    assert before <= item.published_at <= timezone.now()
    assert _steps(item) == [
        ("create", "draft", "c1_staff", ""),
        ("submit", "submitted", "c1_staff", ""),
        ("return", "returned", "c1_admin", "请补充时间和人数。"),
        ("resubmit", "submitted", "c1_staff", ""),
        ("publish", "published", "c1_admin", ""),
    ]
    audited = AuditEvent.objects.filter(object_type="publishing.item", object_id=str(item.pk)).order_by("id")
    statuses = [event.changes.get("status") for event in audited if "status" in event.changes]
    assert statuses == [
        [None, "draft"],
        ["draft", "submitted"],
        ["submitted", "returned"],
        ["returned", "submitted"],
        ["submitted", "published"],
    ]
    assert audited.filter(reason="请补充时间和人数。").exists()
    item = item_withdraw(actor=users["sub_admin"], item_id=item.pk, version=item.version, comment="数据有误")
    assert item.status == "withdrawn" and item.published_at is not None
    assert _steps(item)[-1] == ("withdraw", "withdrawn", "sub_admin", "数据有误")


def test_returning_and_withdrawing_need_a_comment(users, write):
    item = write(state="submitted")
    with pytest.raises(ValidationError) as refused:
        item_return(actor=users["c1_admin"], item_id=item.pk, version=item.version, comment="  ")
    assert "说明" in str(refused.value) or "修改" in str(refused.value)
    published = write("另一条", state="published")
    with pytest.raises(ValidationError):
        item_withdraw(actor=users["c1_admin"], item_id=published.pk, version=published.version, comment="")
    assert Item.objects.get(pk=item.pk).status == "submitted"
    assert Item.objects.get(pk=published.pk).status == "published"


@pytest.mark.parametrize("state", ["submitted", "published"])
def test_edits_only_while_a_draft_or_returned(users, write, state):
    item = write(state=state)
    with pytest.raises(ValidationError):
        item_update(actor=users["c1_staff"], item_id=item.pk, version=item.version, title="改标题")
    with pytest.raises(ValidationError):
        item_delete(actor=users["c1_staff"], item_id=item.pk, version=item.version)
    assert Item.objects.get(pk=item.pk).title == item.title


def test_steps_out_of_order_are_refused(users, write):
    draft = write()
    for step in (item_publish, item_withdraw):
        with pytest.raises(ValidationError):
            step(
                actor=users["sub_admin"],
                item_id=draft.pk,
                version=draft.version,
                **({"comment": "原因"} if step is item_withdraw else {}),
            )
    published = write("已发布", state="published")
    with pytest.raises(ValidationError):
        item_submit(actor=users["c1_staff"], item_id=published.pk, version=published.version)
    assert Item.objects.get(pk=draft.pk).status == "draft"


def test_a_stale_version_is_refused(users, write):
    item = write(state="submitted")
    with pytest.raises(StaleRecord):
        item_publish(actor=users["c1_admin"], item_id=item.pk, version=item.version - 1)
    assert Item.objects.get(pk=item.pk).status == "submitted"


def test_a_body_is_needed_before_submitting(users, write):
    item = write(body="<p><br></p>")
    assert item.body == ""
    with pytest.raises(ValidationError):
        item_submit(actor=users["c1_staff"], item_id=item.pk, version=item.version)


def test_a_write_that_changes_nothing_writes_nothing(users, write):
    item = write()
    same = item_update(actor=users["c1_staff"], item_id=item.pk, version=item.version, title=item.title)
    assert same.version == item.version
    assert not AuditEvent.objects.filter(object_type="publishing.item", action="update").exists()


def test_the_page_offers_the_steps_the_user_may_take(users, write):
    item = write(state="submitted")
    assert allowed_transitions(users["c1_admin"], item) == ["return", "publish"]
    assert allowed_transitions(users["c1_staff"], item) == []
    assert allowed_transitions(users["leader"], item) == []


def test_an_item_moved_to_another_unit_cannot_keep_a_column_of_its_old_unit(users, tree, write):
    own = column_create(actor=users["c1_admin"], org_unit=tree["C1"], name="东坡社区动态")
    item = write(columns=[own])
    with pytest.raises(ValidationError) as refused:
        item_update(actor=users["sub_admin"], item_id=item.pk, version=item.version, org_unit=tree["C2"])
    assert "columns" in refused.value.message_dict
    assert Item.objects.get(pk=item.pk).org_unit == tree["C1"]  # nothing changed
