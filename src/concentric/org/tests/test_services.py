"""Org-unit services: paths of moved subtrees, cycle and scope refusals, locking, deletion, audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from concentric.audit.models import AuditEvent
from concentric.core.services import StaleRecord
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from concentric.org.services import org_unit_create, org_unit_delete, org_unit_update


def tree_state() -> dict:
    """Everything a refused write must leave untouched."""
    return {
        unit.code: (unit.parent_id, unit.path, unit.depth, unit.version, unit.name, unit.kind, unit.is_active)
        for unit in OrgUnit.objects.all()
    }


@pytest.fixture
def c1_subtree(tree, users):
    """C1 > C1A > C1A1, created by the subdistrict administrator."""
    admin = users["sub_admin"]
    child = org_unit_create(actor=admin, parent=tree["C1"], kind=UnitKind.WORK_STATION, code="C1A", name="东坡一站")
    grandchild = org_unit_create(actor=admin, parent=child, kind=UnitKind.OTHER, code="C1A1", name="东坡一站一组")
    return child, grandchild


def fresh(unit: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.get(pk=unit.pk)


def test_create_sets_path_depth_and_records_one_event(tree, users):
    sub = tree["S"]
    unit = org_unit_create(
        actor=users["sub_admin"],
        parent=sub,
        kind=UnitKind.COMMUNITY,
        code=" C3 ",
        name=" 新湖社区 ",
        address="湖滨路1号",
    )

    unit = fresh(unit)
    assert (unit.path, unit.depth, unit.code, unit.name, unit.version) == (
        f"{sub.path}{unit.pk:010d}/",
        2,
        "C3",
        "新湖社区",
        1,
    )
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.actor_name, event.action, event.object_type, event.object_id, event.result) == (
        users["sub_admin"].pk,
        "sub_admin",
        "create",
        "org.orgunit",
        str(unit.pk),
        "ok",
    )
    assert event.org_unit_id == unit.pk
    assert event.changes == {
        "address": [None, "湖滨路1号"],
        "code": [None, "C3"],
        "is_active": [None, "True"],
        "kind": [None, "community"],
        "name": [None, "新湖社区"],
        "parent": [None, str(sub.pk)],
    }


def test_move_rewrites_the_paths_of_the_whole_subtree(tree, users, c1_subtree):
    child, grandchild = c1_subtree
    c1, b1 = tree["C1"], tree["B1"]
    before = AuditEvent.objects.count()

    org_unit_update(actor=users["sub_admin"], unit_id=c1.pk, version=c1.version, parent=b1)

    assert (fresh(c1).path, fresh(c1).depth, fresh(c1).version) == (f"{b1.path}{c1.pk:010d}/", 3, 2)
    assert (fresh(child).path, fresh(child).depth) == (f"{b1.path}{c1.pk:010d}/{child.pk:010d}/", 4)
    assert (fresh(grandchild).path, fresh(grandchild).depth) == (
        f"{b1.path}{c1.pk:010d}/{child.pk:010d}/{grandchild.pk:010d}/",
        5,
    )
    # Units outside the moved subtree keep their paths.
    assert fresh(tree["C2"]).path == tree["C2"].path
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.object_type, event.object_id, event.actor_id) == (
        "update",
        "org.orgunit",
        str(c1.pk),
        users["sub_admin"].pk,
    )
    assert event.changes == {"parent": [str(tree["S"].pk), str(b1.pk)]}


def test_update_without_move_changes_fields_only(tree, users):
    c2 = tree["C2"]
    org_unit_update(actor=users["sub_admin"], unit_id=c2.pk, version=1, name="岳王新社区", is_active=False)

    c2_now = fresh(c2)
    assert (c2_now.name, c2_now.is_active, c2_now.path, c2_now.version) == ("岳王新社区", False, c2.path, 2)
    event = AuditEvent.objects.get()
    assert event.changes == {"is_active": ["True", "False"], "name": ["岳王社区", "岳王新社区"]}


@pytest.mark.parametrize("target", ["self", "child", "grandchild"])
def test_moving_under_itself_or_a_descendant_is_refused_and_changes_nothing(tree, users, c1_subtree, target):
    child, grandchild = c1_subtree
    new_parent = {"self": tree["C1"], "child": child, "grandchild": grandchild}[target]
    state, events = tree_state(), AuditEvent.objects.count()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        org_unit_update(actor=users["sub_admin"], unit_id=tree["C1"].pk, version=1, parent=new_parent)

    assert refused.value.message_dict == {
        "parent": ["A unit cannot be moved under itself or one of its own sub-units."]
    }
    assert tree_state() == state
    assert AuditEvent.objects.count() == events


def test_unit_admin_cannot_create_outside_own_unit(tree, users):
    state, events = tree_state(), AuditEvent.objects.count()
    for parent in (tree["C2"], tree["S"], tree["B1"]):
        with pytest.raises(PermissionDenied):
            org_unit_create(
                actor=users["c1_admin"], parent=parent, kind=UnitKind.OTHER, code=f"X{parent.pk}", name="越权"
            )
    # Only a system administrator creates a unit at the top of the tree.
    with pytest.raises(ValidationError):
        org_unit_create(actor=users["c1_admin"], parent=None, kind=UnitKind.DISTRICT, code="ROOT2", name="越权")
    assert tree_state() == state
    assert AuditEvent.objects.count() == events


def test_unit_admin_can_create_inside_own_unit(tree, users):
    unit = org_unit_create(actor=users["c1_admin"], parent=tree["C1"], kind=UnitKind.OTHER, code="C1B", name="东坡二站")
    assert fresh(unit).path == f"{tree['C1'].path}{unit.pk:010d}/"


def test_unit_admin_cannot_move_a_child_out_of_own_unit(tree, users, c1_subtree):
    child, _ = c1_subtree
    state, events = tree_state(), AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):
        org_unit_update(actor=users["c1_admin"], unit_id=child.pk, version=child.version, parent=tree["C2"])
    # Nor move the unit it administers itself.
    with pytest.raises(PermissionDenied):
        org_unit_update(actor=users["c1_admin"], unit_id=tree["C1"].pk, version=1, parent=tree["C2"])

    assert tree_state() == state
    assert AuditEvent.objects.count() == events


def test_staff_cannot_change_units(tree, users):
    state = tree_state()
    with pytest.raises(Http404):
        org_unit_update(actor=users["c1_staff"], unit_id=tree["C1"].pk, version=1, name="改名")
    assert tree_state() == state
    assert AuditEvent.objects.count() == 0


def test_stale_version_is_refused(tree, users):
    c2 = tree["C2"]
    org_unit_update(actor=users["sub_admin"], unit_id=c2.pk, version=1, name="第一次")
    state, events = tree_state(), AuditEvent.objects.count()

    with pytest.raises(StaleRecord):
        org_unit_update(actor=users["sub_admin"], unit_id=c2.pk, version=1, name="第二次")

    assert tree_state() == state
    assert fresh(c2).name == "第一次"
    assert AuditEvent.objects.count() == events


def test_delete_is_refused_while_the_unit_has_sub_units(tree, users, c1_subtree):
    child, _ = c1_subtree
    state, events = tree_state(), AuditEvent.objects.count()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        org_unit_delete(actor=users["sub_admin"], unit_id=child.pk, version=child.version)

    assert refused.value.messages == ["This unit cannot be deleted: it has sub-units."]
    assert tree_state() == state
    assert AuditEvent.objects.count() == events


def test_delete_is_refused_while_the_unit_has_users(tree, users):
    state, events = tree_state(), AuditEvent.objects.count()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        org_unit_delete(actor=users["sub_admin"], unit_id=tree["C2"].pk, version=1)

    # c2_staff belongs to C2 and holds the staff role there.
    assert refused.value.messages == ["This unit cannot be deleted: it has user accounts, roles are assigned on it."]
    assert tree_state() == state
    assert AuditEvent.objects.count() == events


def test_delete_of_an_empty_unit_records_one_event(tree, users, c1_subtree):
    _, grandchild = c1_subtree
    before = AuditEvent.objects.count()

    org_unit_delete(actor=users["c1_admin"], unit_id=grandchild.pk, version=grandchild.version)

    assert not OrgUnit.objects.filter(pk=grandchild.pk).exists()
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.object_type, event.object_id, event.object_repr, event.actor_id) == (
        "delete",
        "org.orgunit",
        str(grandchild.pk),
        "东坡一站一组",
        users["c1_admin"].pk,
    )
    assert event.changes == {
        "address": ["", None],
        "code": ["C1A1", None],
        "is_active": ["True", None],
        "kind": ["other", None],
        "name": ["东坡一站一组", None],
        "parent": [str(grandchild.parent_id), None],
    }


def test_delete_out_of_scope_answers_404_and_changes_nothing(tree, users, c1_subtree):
    _, grandchild = c1_subtree
    state = tree_state()
    with pytest.raises(Http404):
        org_unit_delete(actor=users["c2_staff"], unit_id=grandchild.pk, version=1)
    assert tree_state() == state


def test_a_unit_cannot_sit_below_a_unit_of_a_lower_level(tree, users):
    state = list(OrgUnit.objects.order_by("pk").values_list("pk", "parent_id", "kind", "version"))
    with pytest.raises(ValidationError) as refused:
        org_unit_create(actor=users["sub_admin"], parent=tree["C1"], kind=UnitKind.DISTRICT, code="X", name="东坡区")
    assert refused.value.message_dict == {"kind": ["“社区”下不能设立“区”。"]}
    with pytest.raises(ValidationError) as refused:
        org_unit_update(actor=users["sub_admin"], unit_id=tree["S"].pk, version=1, kind=UnitKind.WORK_STATION)
    assert refused.value.message_dict == {"kind": ["其下有“商圈”，不能改为“工作站”。"]}
    assert list(OrgUnit.objects.order_by("pk").values_list("pk", "parent_id", "kind", "version")) == state
    # "Other" units sit anywhere, and work stations below communities.
    org_unit_create(actor=users["sub_admin"], parent=tree["C1"], kind=UnitKind.WORK_STATION, code="W", name="东坡站")
    org_unit_create(actor=users["sub_admin"], parent=tree["C1"], kind=UnitKind.OTHER, code="O", name="东坡协会")
