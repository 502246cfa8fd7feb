"""Org-unit pages: scoped tree list, detail, forms through services, deletion and export."""

import csv
import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from concentric.audit.models import AuditEvent
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from concentric.org.services import org_unit_create, org_unit_update

EXPORT_HEADER = ["编码", "名称", "类型", "上级单位编码", "上级单位", "地址", "启用", "层级"]


def _figure(response, testid):
    """A count other apps show on the unit's page (core.registry unit figures), None when not shown."""
    return next((count for figure, count in response.context["figures"] if figure.testid == testid), None)


def listed_codes(response) -> list[str]:
    return [row.code for row, _ in response.context["rows"]]


def by_path(tree, *codes) -> list[str]:
    return [unit.code for unit in sorted((tree[code] for code in codes), key=lambda unit: unit.path)]


def tree_state() -> dict:
    return {unit.code: (unit.parent_id, unit.path, unit.version, unit.name) for unit in OrgUnit.objects.all()}


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(body(response))).get_sheet_by_index(0).to_python()


# --- list ---------------------------------------------------------------------------------------


def test_c1_staff_sees_only_c1_in_the_list(client_for):
    response = client_for("c1_staff").get(reverse("org:list"))
    assert response.status_code == 200
    assert listed_codes(response) == ["C1"]
    assert [cells[0] for _, cells in response.context["rows"]] == ["东坡社区"]
    assert response.context["create_url"] == ""


def test_sub_admin_sees_the_subtree_indented_in_tree_order(client_for, tree):
    response = client_for("sub_admin").get(reverse("org:list"))
    assert listed_codes(response) == ["S", *by_path(tree, "C1", "C2", "B1")]
    names = {row.code: str(cells[0]) for row, cells in response.context["rows"]}
    assert names == {
        "S": "湖滨街道",
        "C1": "\u3000└ 东坡社区",
        "C2": "\u3000└ 岳王社区",
        "B1": "\u3000└ 湖滨步行街商圈",
    }
    assert response.context["create_url"] == reverse("org:create")
    assert response.context["breadcrumbs"] == [{"label": "组织机构", "url": ""}]
    assert 'data-testid="toolbar-create"' in response.content.decode()


def test_filters_show_matching_units_flat(client_for, tree, users):
    client = client_for("sub_admin")
    response = client.get(reverse("org:list"), {"kind": UnitKind.COMMUNITY})
    assert listed_codes(response) == by_path(tree, "C1", "C2")
    assert [str(cells[0]) for _, cells in response.context["rows"]] == [
        tree[code].name for code in by_path(tree, "C1", "C2")
    ]
    assert listed_codes(client.get(reverse("org:list"), {"q": "岳王"})) == ["C2"]
    assert listed_codes(client.get(reverse("org:list"), {"q": "b1"})) == ["B1"]
    org_unit_update(actor=users["sub_admin"], unit_id=tree["C2"].pk, version=1, is_active=False)
    assert listed_codes(client.get(reverse("org:list"), {"is_active": "false"})) == ["C2"]


def test_htmx_refresh_answers_the_results_partial(client_for):
    response = client_for("c1_staff").get(reverse("org:list"), {"q": "东坡"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results">')
    assert "<html" not in content


def test_a_user_without_any_view_grant_gets_403(client_for):
    response = client_for("norole").get(reverse("org:list"))
    assert response.status_code == 403
    assert 'data-testid="error-403"' in response.content.decode()


# --- detail -------------------------------------------------------------------------------------


def test_c1_staff_gets_404_for_c2_and_a_read_only_page_for_c1(client_for, tree):
    client = client_for("c1_staff")
    assert client.get(reverse("org:detail", args=[tree["C2"].pk])).status_code == 404
    assert client.get(reverse("org:detail", args=[tree["S"].pk])).status_code == 404

    response = client.get(reverse("org:detail", args=[tree["C1"].pk]))
    assert response.status_code == 200
    content = response.content.decode()
    for hidden in ('data-testid="unit-edit"', 'data-testid="unit-delete"', 'data-testid="unit-user-count"'):
        assert hidden not in content
    assert _figure(response, "unit-user-count") is None
    # The parent S is outside the scope: named, not linked, and not in the breadcrumbs.
    assert response.context["breadcrumbs"] == [{"label": "组织机构", "url": "/org/"}, {"label": "东坡社区", "url": ""}]
    assert response.context["parent_visible"] is False


def test_sub_admin_detail_shows_chain_children_users_and_buttons(client_for, tree):
    response = client_for("sub_admin").get(reverse("org:detail", args=[tree["C1"].pk]))
    assert response.context["breadcrumbs"] == [
        {"label": "组织机构", "url": "/org/"},
        {"label": "湖滨街道", "url": f"/org/{tree['S'].pk}/"},
        {"label": "东坡社区", "url": ""},
    ]
    # c1_admin, c1_staff, c1_leader and norole belong to C1.
    assert _figure(response, "unit-user-count") == 4
    content = response.content.decode()
    assert '<dd class="col-8 col-sm-9" data-testid="unit-user-count">4</dd>' in content
    assert 'data-testid="unit-edit"' in content
    assert 'data-confirm="确定删除单位“东坡社区”吗？删除后无法恢复。"' in content

    response = client_for("sub_admin").get(reverse("org:detail", args=[tree["S"].pk]))
    assert [child.code for child in response.context["children"]] == by_path(tree, "C1", "C2", "B1")


# --- create -------------------------------------------------------------------------------------


def test_sub_admin_creates_a_community_via_the_page(client_for, tree, users):
    client = client_for("sub_admin")
    form = client.get(reverse("org:create"), {"parent": tree["S"].pk}).context["form"]
    assert form.initial["parent"] == tree["S"]
    assert [unit.code for unit in form.fields["parent"].queryset] == ["S", *by_path(tree, "C1", "C2", "B1")]

    response = client.post(
        reverse("org:create"),
        {"parent": tree["S"].pk, "kind": UnitKind.COMMUNITY, "code": "C3", "name": "定安社区", "address": "定安路"},
    )

    unit = OrgUnit.objects.get(code="C3")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:detail", args=[unit.pk])
    assert (unit.parent_id, unit.path, unit.depth, unit.name, unit.address) == (
        tree["S"].pk,
        f"{tree['S'].path}{unit.pk:010d}/",
        2,
        "定安社区",
        "定安路",
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id, event.actor_id) == (
        "create",
        "org.orgunit",
        str(unit.pk),
        users["sub_admin"].pk,
    )
    page = client.get(response["Location"])
    assert "单位“定安社区”已创建。" in page.content.decode()


def test_create_offers_only_units_the_actor_may_add_under(client_for, tree):
    client = client_for("c1_admin")
    form = client.get(reverse("org:create")).context["form"]
    assert [unit.code for unit in form.fields["parent"].queryset] == ["C1"]
    state = tree_state()

    response = client.post(
        reverse("org:create"), {"parent": tree["C2"].pk, "kind": UnitKind.OTHER, "code": "X1", "name": "越权"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"parent": ["请从可选项中选择。"]}
    assert tree_state() == state
    assert AuditEvent.objects.count() == 0


def test_create_page_is_forbidden_without_an_add_grant(client_for):
    client = client_for("c1_staff")
    assert client.get(reverse("org:create")).status_code == 403
    assert client.post(reverse("org:create"), {"kind": "other", "code": "X", "name": "X"}).status_code == 403
    assert not OrgUnit.objects.filter(code="X").exists()


def test_create_shows_the_service_error_beside_the_field(client_for, tree):
    client = client_for("sub_admin")
    response = client.post(
        reverse("org:create"), {"parent": tree["S"].pk, "kind": UnitKind.OTHER, "code": "C1", "name": "重复编码"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert OrgUnit.objects.filter(code="C1").count() == 1


# --- edit ---------------------------------------------------------------------------------------


def edit_data(unit: OrgUnit, **changes) -> dict:
    data = {
        "parent": unit.parent_id,
        "kind": unit.kind,
        "code": unit.code,
        "name": unit.name,
        "address": unit.address,
        "version": unit.version,
    }
    if unit.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_edit_saves_through_the_service(client_for, tree):
    c2 = tree["C2"]
    client = client_for("sub_admin")
    form = client.get(reverse("org:edit", args=[c2.pk])).context["form"]
    assert form.initial["version"] == 1
    assert 'name="version"' in form["version"].as_hidden()

    response = client.post(reverse("org:edit", args=[c2.pk]), edit_data(c2, name="岳王新社区"))

    assert response.status_code == 302
    c2.refresh_from_db()
    assert (c2.name, c2.version, c2.path) == ("岳王新社区", 2, tree["C2"].path)
    assert AuditEvent.objects.get().changes == {"name": ["岳王社区", "岳王新社区"]}


def test_moving_under_own_descendant_shows_the_chinese_error(client_for, tree, users):
    c1 = tree["C1"]
    child = org_unit_create(
        actor=users["sub_admin"], parent=c1, kind=UnitKind.WORK_STATION, code="C1A", name="东坡一站"
    )
    state, events = tree_state(), AuditEvent.objects.count()

    response = client_for("sub_admin").post(reverse("org:edit", args=[c1.pk]), edit_data(c1, parent=child.pk))

    assert response.status_code == 200
    assert response.context["form"].errors == {"parent": ["不能将单位移到其自身或其下级单位之下。"]}
    assert "不能将单位移到其自身或其下级单位之下。" in response.content.decode()
    assert tree_state() == state
    assert AuditEvent.objects.count() == events


def test_stale_save_shows_a_form_error_and_changes_nothing(client_for, tree, users):
    c2 = tree["C2"]
    stale = edit_data(c2, name="我的修改")
    org_unit_update(actor=users["sub_admin"], unit_id=c2.pk, version=1, name="别人的修改")
    state, events = tree_state(), AuditEvent.objects.count()

    response = client_for("sub_admin").post(reverse("org:edit", args=[c2.pk]), stale)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["该记录在您打开后已被他人修改，请刷新页面后重新修改。"]
    assert tree_state() == state
    assert OrgUnit.objects.get(pk=c2.pk).name == "别人的修改"
    assert AuditEvent.objects.count() == events


def test_edit_is_403_when_visible_but_not_manageable_and_404_out_of_scope(client_for, tree):
    client = client_for("c1_staff")
    assert client.get(reverse("org:edit", args=[tree["C1"].pk])).status_code == 403
    assert client.get(reverse("org:edit", args=[tree["C2"].pk])).status_code == 404
    state = tree_state()
    assert client.post(reverse("org:edit", args=[tree["C1"].pk]), edit_data(tree["C1"], name="改")).status_code == 403
    assert tree_state() == state


def test_unit_admin_cannot_move_its_child_out_via_the_page(client_for, tree, users):
    child = org_unit_create(
        actor=users["c1_admin"], parent=tree["C1"], kind=UnitKind.OTHER, code="C1A", name="东坡一站"
    )
    client = client_for("c1_admin")
    form = client.get(reverse("org:edit", args=[child.pk])).context["form"]
    assert [unit.code for unit in form.fields["parent"].queryset] == ["C1", "C1A"]
    state = tree_state()

    response = client.post(reverse("org:edit", args=[child.pk]), edit_data(child, parent=tree["C2"].pk))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["parent"]
    assert tree_state() == state


# --- delete -------------------------------------------------------------------------------------


def test_refused_delete_shows_the_reason_and_keeps_the_unit(client_for, tree):
    c2 = tree["C2"]
    client = client_for("sub_admin")

    response = client.post(reverse("org:delete", args=[c2.pk]), {"version": 1}, follow=True)

    assert response.redirect_chain == [(reverse("org:detail", args=[c2.pk]), 302)]
    assert "无法删除该单位：该单位下有用户账号，该单位上分配有角色。" in response.content.decode()
    assert OrgUnit.objects.filter(pk=c2.pk).exists()
    assert AuditEvent.objects.count() == 0


def test_delete_of_an_empty_unit(client_for, tree, users):
    unit = org_unit_create(actor=users["sub_admin"], parent=tree["C1"], kind=UnitKind.OTHER, code="C1Z", name="临时")
    client = client_for("sub_admin")

    assert client.get(reverse("org:delete", args=[unit.pk])).status_code == 405
    response = client.post(reverse("org:delete", args=[unit.pk]), {"version": unit.version})

    assert response["Location"] == reverse("org:detail", args=[tree["C1"].pk])
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()
    assert list(AuditEvent.objects.order_by("id").values_list("action", "object_id")) == [
        ("create", str(unit.pk)),
        ("delete", str(unit.pk)),
    ]


def test_delete_is_refused_to_staff(client_for, tree):
    client = client_for("c1_staff")
    assert client.post(reverse("org:delete", args=[tree["C1"].pk]), {"version": 1}).status_code == 403
    assert client.post(reverse("org:delete", args=[tree["C2"].pk]), {"version": 1}).status_code == 404
    assert OrgUnit.objects.filter(pk__in=[tree["C1"].pk, tree["C2"].pk]).count() == 2


# --- export -------------------------------------------------------------------------------------


@pytest.fixture
def formula_unit(tree, users):
    return org_unit_create(
        actor=users["c1_admin"], parent=tree["C1"], kind=UnitKind.OTHER, code="C1F", name='=HYPERLINK("x")'
    )


def test_csv_export_holds_only_visible_units_and_neutralises_formulas(client_for, formula_unit, users):
    response = client_for("c1_staff").get(reverse("org:export"), {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # Named as the list is titled (组织机构), with the time of the export; the header says so in UTF-8.
    assert response["Content-Disposition"].startswith(f"attachment; filename*=utf-8''{quote('组织机构-')}")
    raw = body(client_for("c1_staff").get(reverse("org:export"), {"format": "csv"}))
    assert raw.startswith(b"\xef\xbb\xbf")
    assert csv_rows(response) == [
        EXPORT_HEADER,
        ["C1", "东坡社区", "社区", "S", "湖滨街道", "", "是", "2"],
        ["C1F", '\'=HYPERLINK("x")', "其他", "C1", "东坡社区", "", "是", "3"],
    ]
    event = AuditEvent.objects.filter(action="export").first()
    assert (event.actor_id, event.object_type, event.object_repr, event.reason, event.result) == (
        users["c1_staff"].pk,
        "org.orgunit",
        "2 rows (csv)",
        "filter: none",
        "ok",
    )


def test_xlsx_export_holds_only_visible_units_and_neutralises_formulas(client_for, formula_unit):
    response = client_for("c1_staff").get(reverse("org:export"), {"format": "xlsx"})

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx_rows(response) == [
        EXPORT_HEADER,
        ["C1", "东坡社区", "社区", "S", "湖滨街道", "", "是", 2],
        ["C1F", '\'=HYPERLINK("x")', "其他", "C1", "东坡社区", "", "是", 3],
    ]
    assert AuditEvent.objects.filter(action="export").get().object_repr == "2 rows (xlsx)"


def test_export_uses_the_list_filter_and_records_it(client_for, tree):
    response = client_for("sub_admin").get(reverse("org:export"), {"format": "csv", "kind": "community", "q": "社区"})
    assert [row[0] for row in csv_rows(response)[1:]] == by_path(tree, "C1", "C2")
    event = AuditEvent.objects.get(action="export")
    assert (event.object_repr, event.reason) == ("2 rows (csv)", "filter: q=社区; kind=community")


def test_export_is_forbidden_without_an_export_grant(client_for):
    for name in ("auditadmin", "secadmin", "norole"):
        assert client_for(name).get(reverse("org:export"), {"format": "csv"}).status_code == 403
    # No export happened; each refusal is on record as a denied access.
    assert list(AuditEvent.objects.values_list("action", "result")) == [("access", "denied")] * 3


def test_export_rejects_an_unknown_format(client_for):
    response = client_for("c1_staff").get(reverse("org:export"), {"format": "pdf"})
    assert response.status_code == 400
    assert AuditEvent.objects.count() == 0
