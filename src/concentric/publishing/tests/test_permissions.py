"""Who may take each step, per role and scope: every fixture user × items of the subdistrict, a
community and the business district × every step. A worker (staff) of the item's unit or a unit
above writes and submits; only a unit administrator of the item's unit or a unit above returns,
publishes and withdraws; a leader reads; the separated administrators see nothing. A refused
step changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from concentric.publishing.models import Item
from concentric.publishing.services.items import item_update
from concentric.publishing.services.workflow import item_publish, item_return, item_submit, item_withdraw

USERS = (
    "sub_admin",
    "sub_staff",
    "leader",
    "c1_admin",
    "c1_staff",
    "c2_staff",
    "b1_staff",
    "c1_leader",
    "sysadmin",
    "norole",
)
# Whose roles cover each unit: writers (staff and unit administrators), and unit administrators.
WRITERS = {
    "S": {"sub_admin", "sub_staff"},
    "C1": {"sub_admin", "sub_staff", "c1_admin", "c1_staff"},
    "C2": {"sub_admin", "sub_staff", "c2_staff"},
    "B1": {"sub_admin", "sub_staff", "b1_staff"},
}
ADMINS = {"S": {"sub_admin"}, "C1": {"sub_admin", "c1_admin"}, "C2": {"sub_admin"}, "B1": {"sub_admin"}}
STEPS = {
    # step: (the state the item starts in, whose it is, the call)
    "edit": (
        "draft",
        WRITERS,
        lambda actor, item: item_update(actor=actor, item_id=item.pk, version=item.version, title="改过的标题"),
    ),
    "submit": ("draft", WRITERS, lambda actor, item: item_submit(actor=actor, item_id=item.pk, version=item.version)),
    "return": (
        "submitted",
        ADMINS,
        lambda actor, item: item_return(actor=actor, item_id=item.pk, version=item.version, comment="请修改"),
    ),
    "publish": (
        "submitted",
        ADMINS,
        lambda actor, item: item_publish(actor=actor, item_id=item.pk, version=item.version),
    ),
    "withdraw": (
        "published",
        ADMINS,
        lambda actor, item: item_withdraw(actor=actor, item_id=item.pk, version=item.version, comment="撤回原因"),
    ),
}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("unit", ["S", "C1", "C2", "B1"])
@pytest.mark.parametrize("who", USERS)
def test_who_may_take_each_step(users, write, who, unit, step):
    state, allowed, call = STEPS[step]
    item = write(unit=unit, state=state)
    before = Item.objects.filter(pk=item.pk).values("status", "version", "title", "published_at").get()
    if who in allowed[unit]:
        moved = call(users[who], item)
        assert moved.version == item.version + 1
    else:
        with pytest.raises((PermissionDenied, Http404)):
            call(users[who], item)
        assert Item.objects.filter(pk=item.pk).values("status", "version", "title", "published_at").get() == before
