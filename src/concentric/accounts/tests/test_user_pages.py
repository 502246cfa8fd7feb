import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from concentric.accounts import services
from concentric.accounts.models import RoleAssignment, User
from concentric.accounts.tests.helpers import events
from concentric.audit.models import AuditEvent
from concentric.core.identity import check_digit
from concentric.core.roles import Role

PHONE = "13812345678"
PHONE_MASKED = "138****5678"
ID_NUMBER = "11010519491231002X"
ID_MASKED = "110105********002X"
STALE_MESSAGE = "该记录在您打开后已被他人修改，请刷新页面后重新修改。"


def listed(response) -> list[str]:
    return [row.username for row, _cells in response.context["rows"]]


def user_rows():
    return sorted(User.objects.values_list("username", "full_name", "org_unit_id", "is_active", "version"))


def with_phone(user, phone=PHONE, id_number=ID_NUMBER):
    user.phone, user.id_number = phone, id_number
    user.save()
    return user


# --- list -------------------------------------------------------------------------------------


def test_community_administrator_lists_only_their_community(client_for):
    response = client_for("c1_admin").get(reverse("users:list"))
    assert response.status_code == 200
    assert listed(response) == ["c1_admin", "c1_leader", "c1_staff", "norole"]
    assert response.context["total"] == "4"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "sub_admin",
            ["b1_staff", "c1_admin", "c1_leader", "c1_staff", "c2_staff", "leader", "norole", "sub_admin", "sub_staff"],
        ),
        ("sysadmin", None),
        ("secadmin", None),
    ],
)
def test_wider_scopes_list_more(client_for, users, name, expected):
    response = client_for(name).get(reverse("users:list"))
    assert listed(response) == (expected or sorted(users))


@pytest.mark.parametrize("name", ["c1_staff", "leader", "auditadmin", "norole"])
def test_roles_without_account_duties_get_403(client_for, name):
    assert client_for(name).get(reverse("users:list")).status_code == 403


def test_list_shows_columns_with_a_masked_phone(client_for, users):
    with_phone(users["c1_staff"])
    response = client_for("c1_admin").get(reverse("users:list") + "?q=c1_staff")
    html = response.content.decode()
    assert [cells for _row, cells in response.context["rows"]] == [
        ["c1_staff", "c1_staff", "东坡社区", "工作人员（东坡社区）", PHONE_MASKED, "启用"]
    ]
    assert PHONE not in html
    assert [str(c.label) for c in response.context["columns"]] == [
        "用户名",
        "姓名",
        "所属单位",
        "角色",
        "手机号码",
        "状态",
    ]
    assert f'href="/users/{users["c1_staff"].pk}/"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=LEADER", ["c1_leader", "leader"]),
        ("role=unit_admin", ["c1_admin", "sub_admin"]),
        ("unit={C1}", ["c1_admin", "c1_leader", "c1_staff", "norole"]),
        ("unit={B1}&role=staff", ["b1_staff"]),
        ("active=0", ["c2_staff"]),
    ],
)
def test_filters(client_for, users, tree, query, expected):
    users["c2_staff"].is_active = False
    users["c2_staff"].save()
    url = reverse("users:list") + "?" + query.format(C1=tree["C1"].pk, B1=tree["B1"].pk)
    assert listed(client_for("sub_admin").get(url)) == expected


def test_unit_filter_offers_only_visible_units(client_for, tree):
    response = client_for("c1_admin").get(reverse("users:list"))
    units = list(response.context["filterset"].form.fields["unit"].queryset)
    assert units == [tree["C1"]]


def test_htmx_refresh_returns_only_the_results(client_for):
    response = client_for("c1_admin").get(reverse("users:list") + "?q=staff", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "c1_staff" in html and "<html" not in html


def test_menu_offers_users_to_account_managers_only(client_for):
    assert 'href="/users/"' in client_for("c1_admin").get("/").content.decode()
    assert 'href="/users/"' not in client_for("c1_staff").get("/").content.decode()


# --- detail and unmasking ---------------------------------------------------------------------


def test_detail_masks_personal_data_and_offers_unmasking(client_for, users):
    target = with_phone(users["c1_staff"])
    response = client_for("c1_admin").get(reverse("users:detail", args=[target.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert PHONE_MASKED in html and ID_MASKED in html
    assert PHONE not in html and ID_NUMBER not in html
    assert 'data-testid="unmask-phone"' in html and 'data-testid="unmask-id_number"' in html
    assert f'hx-post="/users/{target.pk}/unmask/"' in html
    assert response.context["breadcrumbs"] == [
        {"label": "用户管理", "url": "/users/"},
        {"label": "c1_staff (c1_staff)", "url": ""},
    ]


def test_security_administrator_sees_masked_values_without_unmasking(client_for, users):
    target = with_phone(users["c1_staff"])
    html = client_for("secadmin").get(reverse("users:detail", args=[target.pk])).content.decode()
    assert PHONE_MASKED in html
    assert 'data-testid="unmask-phone"' not in html


def test_unmask_writes_exactly_one_audit_event_with_the_reason(client_for, users):
    target = with_phone(users["c1_staff"])
    client = client_for("c1_admin")
    response = client.post(
        reverse("users:unmask", args=[target.pk]), {"field": "phone", "reason": "核实联系方式"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span class="font-monospace" data-testid="clear-phone">{PHONE}</span>' in html
    assert "<html" not in html
    [event] = events(action="unmask")
    assert (event.actor_id, event.object_id, event.reason, event.changes) == (
        users["c1_admin"].pk,
        str(target.pk),
        "核实联系方式",
        {"phone": ["******", "******"]},
    )
    assert AuditEvent.objects.count() == 1


def test_unmask_without_a_reason_shows_nothing_and_audits_nothing(client_for, users):
    target = with_phone(users["c1_staff"])
    response = client_for("c1_admin").post(
        reverse("users:unmask", args=[target.pk]), {"field": "id_number", "reason": "  "}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "请填写查看明文的原因。" in html
    assert ID_NUMBER not in html and ID_MASKED in html
    assert events(action="unmask") == []


def test_unmask_without_htmx_is_a_full_page(client_for, users):
    target = with_phone(users["c1_staff"])
    response = client_for("sysadmin").post(
        reverse("users:unmask", args=[target.pk]), {"field": "id_number", "reason": "核对"}
    )
    html = response.content.decode()
    assert "<html" in html and ID_NUMBER in html
    assert len(events(action="unmask")) == 1


def test_unmask_is_post_only(client_for, users):
    target = with_phone(users["c1_staff"])
    assert client_for("c1_admin").get(reverse("users:unmask", args=[target.pk])).status_code == 405
    assert events(action="unmask") == []


# --- out of scope answers 404 -----------------------------------------------------------------


@pytest.mark.parametrize("page", ["detail", "edit", "reset_password"])
def test_other_communitys_users_answer_404(client_for, users, page):
    assert client_for("c1_admin").get(reverse(f"users:{page}", args=[users["c2_staff"].pk])).status_code == 404


def test_other_communitys_users_cannot_be_touched(client_for, users, tree):
    target = with_phone(users["c2_staff"])
    client = client_for("c1_admin")
    before = (user_rows(), sorted(RoleAssignment.objects.values_list("pk", flat=True)))
    assert client.post(reverse("users:unmask", args=[target.pk]), {"field": "phone", "reason": "x"}).status_code == 404
    edit = {"version": target.version, "full_name": "改名", "org_unit": tree["C1"].pk, "is_active": "on"}
    assert client.post(reverse("users:edit", args=[target.pk]), edit).status_code == 404
    assert client.post(reverse("users:reset_password", args=[target.pk]), {}).status_code == 404
    grant = {"role": Role.LEADER, "org_unit": tree["C1"].pk}
    assert client.post(reverse("users:grant", args=[target.pk]), grant).status_code == 404
    assignment = target.role_assignments.get()
    assert client.post(reverse("users:revoke", args=[assignment.pk])).status_code == 404
    assert (user_rows(), sorted(RoleAssignment.objects.values_list("pk", flat=True))) == before
    # Only the refusals are on record (results "denied"), nothing else was written.
    assert set(AuditEvent.objects.values_list("action", "result")) == {("access", "denied")}


# --- create -----------------------------------------------------------------------------------


def _create_data(unit, **extra):
    data = {
        "username": "wang_li",
        "full_name": "王丽",
        "org_unit": unit.pk,
        "title": "网格员",
        "phone": PHONE,
        "id_number": ID_NUMBER,
        "email": "",
        "password": "Fresh-Pass-2027",
        "password2": "Fresh-Pass-2027",
    }
    data.update(extra)
    return data


def test_create_user_with_an_initial_role(client_for, users, tree):
    response = client_for("c1_admin").post(reverse("users:create"), _create_data(tree["C1"], initial_role=Role.STAFF))
    created = User.objects.get(username="wang_li")
    assert response.status_code == 302
    assert response["Location"] == f"/users/{created.pk}/"
    assert (created.full_name, created.org_unit, created.phone, created.id_number) == (
        "王丽",
        tree["C1"],
        PHONE,
        ID_NUMBER,
    )
    assert created.must_change_password is True
    assert created.check_password("Fresh-Pass-2027")
    assert list(created.role_assignments.values_list("role", "org_unit", "granted_by")) == [
        (Role.STAFF, tree["C1"].pk, users["c1_admin"].pk)
    ]
    [event] = events(action="create")
    assert event.object_id == str(created.pk) and event.actor_id == users["c1_admin"].pk
    assert event.changes["phone"] == ["******", "******"]
    assert event.changes["id_number"] == ["******", "******"]
    assert event.changes["full_name"] == [None, "王丽"]
    assert PHONE not in json.dumps(event.changes) and ID_NUMBER not in json.dumps(event.changes)
    assert len(events(action="role.grant")) == 1


def test_create_form_offers_only_units_where_the_actor_adds_users(client_for, tree):
    c1_form = client_for("c1_admin").get(reverse("users:create")).context["form"]
    assert list(c1_form.fields["org_unit"].queryset) == [tree["C1"]]
    sub_form = client_for("sub_admin").get(reverse("users:create")).context["form"]
    assert list(sub_form.fields["org_unit"].queryset) == [tree["S"], tree["C1"], tree["C2"], tree["B1"]]
    assert [v for v, _l in c1_form.fields["initial_role"].choices] == ["", Role.UNIT_ADMIN, Role.STAFF, Role.LEADER]
    # The system administrator creates accounts everywhere but grants no roles (三员分立).
    sys_form = client_for("sysadmin").get(reverse("users:create")).context["form"]
    assert list(sys_form.fields["org_unit"].queryset) == [tree[k] for k in ("D", "S", "C1", "C2", "B1")]
    assert "initial_role" not in sys_form.fields


def test_creating_a_user_in_another_community_is_refused(client_for, users, tree):
    before = user_rows()
    response = client_for("c1_admin").post(reverse("users:create"), _create_data(tree["C2"]))
    assert response.status_code == 200
    assert response.context["form"].errors["org_unit"] == ["请从可选项中选择。"]
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=users["c1_admin"],
            username="wang_li",
            full_name="王丽",
            org_unit=tree["C2"],
            password="Fresh-Pass-2027",
        )
    assert user_rows() == before
    assert AuditEvent.objects.count() == 0


def test_a_1950_resident_of_shangcheng_is_accepted(client_for, tree):
    """330102 has been in force since 1983; the number was issued then, not at birth."""
    number = "33010219500101123" + check_digit("33010219500101123")
    response = client_for("c1_admin").post(reverse("users:create"), _create_data(tree["C1"], id_number=number))
    assert response.status_code == 302
    assert User.objects.get(username="wang_li").id_number == number


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"phone": "1381234567"}, "phone", "请输入 11 位大陆手机号码。"),
        ({"id_number": "110105194912310021"}, "id_number", "身份证号码校验位不正确，请检查是否输入有误。"),
        (
            {"id_number": "33010320220101123" + check_digit("33010320220101123")},
            "id_number",
            "身份证号码中的行政区划代码 330103 在出生年份及以后均未启用。",
        ),
        ({"password2": "Other-Pass-2027"}, "password2", "两次输入的密码不一致。"),
        (
            {"password": "qxzmplr123", "password2": "qxzmplr123"},
            "password",
            "密码须至少包含小写字母、大写字母、数字、符号中的 3 类。",
        ),
        ({"username": "c1_staff"}, "username", "该用户名已被使用。"),
    ],
)
def test_bad_input_is_refused_beside_its_field(client_for, tree, extra, field, message):
    before = user_rows()
    response = client_for("c1_admin").post(reverse("users:create"), _create_data(tree["C1"], **extra))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert user_rows() == before
    assert AuditEvent.objects.count() == 0


def test_every_problem_is_reported_at_once(client_for, tree):
    data = _create_data(tree["C1"], username="c1_staff", phone="1381234567")
    errors = client_for("c1_admin").post(reverse("users:create"), data).context["form"].errors
    assert errors["username"] == ["该用户名已被使用。"] and errors["phone"] == ["请输入 11 位大陆手机号码。"]


def test_a_duplicate_phone_is_refused(client_for, users, tree):
    with_phone(users["c2_staff"])
    before = user_rows()
    response = client_for("c1_admin").post(reverse("users:create"), _create_data(tree["C1"], id_number=""))
    assert response.context["form"].errors["phone"] == ["该手机号码已被其他账号使用。"]
    assert user_rows() == before


# --- edit -------------------------------------------------------------------------------------


def _edit_data(user, **extra):
    data = {
        "version": user.version,
        "full_name": user.full_name,
        "org_unit": user.org_unit_id,
        "title": user.title,
        "phone": "",
        "id_number": "",
        "email": user.email,
        "is_active": "on" if user.is_active else "",
    }
    data.update(extra)
    return data


def test_edit_saves_and_keeps_blank_sensitive_fields(client_for, users):
    target = with_phone(users["c1_staff"])
    client = client_for("c1_admin")
    page = client.get(reverse("users:edit", args=[target.pk]))
    html = page.content.decode()
    assert f'name="version" value="{target.version}"' in html
    assert PHONE not in html and PHONE_MASKED in html  # the clear value never goes into the form
    response = client.post(reverse("users:edit", args=[target.pk]), _edit_data(target, full_name="李娜", title="主任"))
    assert response.status_code == 302
    saved = User.objects.get(pk=target.pk)
    assert (saved.full_name, saved.title, saved.phone, saved.id_number) == ("李娜", "主任", PHONE, ID_NUMBER)
    assert saved.version == target.version + 1
    [event] = events(action="update")
    assert event.changes == {"full_name": ["c1_staff", "李娜"], "title": ["", "主任"]}


def test_edit_replaces_a_phone_and_audits_it_masked(client_for, users):
    target = with_phone(users["c1_staff"])
    client_for("c1_admin").post(reverse("users:edit", args=[target.pk]), _edit_data(target, phone="13987654321"))
    assert User.objects.get(pk=target.pk).phone == "13987654321"
    [event] = events(action="update")
    assert event.changes == {"phone": ["******", "******"]}


def test_a_stale_edit_is_refused_and_changes_nothing(client_for, users):
    target = users["c1_staff"]
    client = client_for("c1_admin")
    stale = _edit_data(target, full_name="张三")
    services.user_update(actor=users["sub_admin"], user_id=target.pk, version=target.version, full_name="李四")
    response = client.post(reverse("users:edit", args=[target.pk]), stale)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [STALE_MESSAGE]
    assert STALE_MESSAGE in response.content.decode()
    saved = User.objects.get(pk=target.pk)
    assert (saved.full_name, saved.version) == ("李四", target.version + 1)
    assert len(events(action="update")) == 1


def test_moving_a_user_out_of_ones_scope_is_impossible(client_for, users, tree):
    target = users["c1_staff"]
    response = client_for("c1_admin").post(
        reverse("users:edit", args=[target.pk]), _edit_data(target, org_unit=tree["C2"].pk)
    )
    assert response.status_code == 200
    assert "org_unit" in response.context["form"].errors
    assert User.objects.get(pk=target.pk).org_unit == tree["C1"]


def test_nobody_deactivates_their_own_account(client_for, users):
    me = users["c1_admin"]
    response = client_for("c1_admin").post(reverse("users:edit", args=[me.pk]), _edit_data(me, is_active=""))
    assert response.context["form"].errors["is_active"] == ["不能停用自己的账号。"]
    assert User.objects.get(pk=me.pk).is_active is True


# --- roles and passwords ----------------------------------------------------------------------


def test_grant_and_revoke_through_the_detail_page(client_for, users, tree):
    target = users["c1_staff"]
    client = client_for("c1_admin")
    detail = client.get(reverse("users:detail", args=[target.pk]))
    assert list(detail.context["grant_form"].fields["org_unit"].queryset) == [tree["C1"]]
    response = client.post(reverse("users:grant", args=[target.pk]), {"role": Role.LEADER, "org_unit": tree["C1"].pk})
    assert response.status_code == 302
    granted = RoleAssignment.objects.get(user=target, role=Role.LEADER)
    assert (granted.org_unit, granted.granted_by) == (tree["C1"], users["c1_admin"])
    html = client.get(reverse("users:detail", args=[target.pk])).content.decode()
    assert f'data-testid="revoke-{granted.pk}"' in html
    assert client.post(reverse("users:revoke", args=[granted.pk])).status_code == 302
    assert not RoleAssignment.objects.filter(pk=granted.pk).exists()
    assert [e.action for e in events(object_id=str(target.pk))] == ["role.grant", "role.revoke"]


def test_granting_on_a_unit_outside_scope_is_refused(client_for, users, tree):
    target = users["c1_staff"]
    before = sorted(RoleAssignment.objects.values_list("pk", flat=True))
    response = client_for("c1_admin").post(
        reverse("users:grant", args=[target.pk]), {"role": Role.LEADER, "org_unit": tree["C2"].pk}, follow=True
    )
    assert "请从可选项中选择。" in response.content.decode()
    assert sorted(RoleAssignment.objects.values_list("pk", flat=True)) == before


def test_administrator_resets_a_password(client_for, users):
    target = users["c1_staff"]
    client = client_for("c1_admin")
    page = client.get(reverse("users:reset_password", args=[target.pk])).content.decode()
    assert "长度至少 8 位。" in page
    data = {"new_password": "Temp-Pass-2027", "new_password2": "Temp-Pass-2027"}
    response = client.post(reverse("users:reset_password", args=[target.pk]), data)
    assert response.status_code == 302
    saved = User.objects.get(pk=target.pk)
    assert saved.check_password("Temp-Pass-2027") and saved.must_change_password is True
    [event] = events(action="password.reset")
    assert (event.actor_id, event.object_id) == (users["c1_admin"].pk, str(target.pk))


def test_a_weak_reset_password_is_refused(client_for, users):
    target = users["c1_staff"]
    data = {"new_password": "WoAiNi1314", "new_password2": "WoAiNi1314"}
    response = client_for("c1_admin").post(reverse("users:reset_password", args=[target.pk]), data)
    assert response.context["form"].errors["new_password"] == ["该密码过于常见，请换一个。"]
    assert User.objects.get(pk=target.pk).must_change_password is False
    assert events(action="password.reset") == []


def test_a_refused_initial_role_creates_no_account(users, tree):
    before = user_rows()
    with pytest.raises(PermissionDenied):  # the system administrator creates accounts but grants no roles
        services.user_create(
            actor=users["sysadmin"],
            username="wang_li",
            full_name="王丽",
            org_unit=tree["C1"],
            password="Fresh-Pass-2027",
            initial_role=Role.STAFF,
        )
    assert user_rows() == before
    assert AuditEvent.objects.count() == 0
