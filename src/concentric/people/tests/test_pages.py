"""Member pages for a community worker: register, find, edit, scope, stale saves, unmasking."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from concentric.audit.models import AuditEvent
from concentric.core.services import StaleRecord
from concentric.people.models import Person
from concentric.people.tests.conftest import id_number

pytestmark = pytest.mark.django_db


def form_data(categories, **values):
    data = {
        "org_unit": "",
        "name": "",
        "main_category": categories["non-party"].pk,
        "gender": "",
        "ethnicity": "汉族",
        "id_type": "resident_id",
        "id_number": "",
        "phone": "",
        "tier": "",
        "overseas_status": "",
    }
    data.update(values)
    return data


def listed_names(response) -> list[str]:
    return [row.name for row in response.context["page"].rows]


def test_c1_worker_registers_a_person_through_the_form(client_for, tree, categories):
    client = client_for("c1_staff")
    assert client.get(reverse("people:create")).status_code == 200
    response = client.post(
        reverse("people:create"),
        form_data(
            categories, org_unit=tree["C1"].pk, name="张三", id_number=id_number("19800101"), phone="13812345678"
        ),
    )
    person = Person.objects.get(name="张三")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert (person.org_unit, person.birth_date, person.phone) == (tree["C1"], date(1980, 1, 1), "13812345678")
    assert (
        AuditEvent.objects.filter(action="create", object_type="people.person", object_id=str(person.pk)).count() == 1
    )


def test_the_form_shows_service_errors_beside_their_fields_and_saves_nothing(client_for, tree, categories):
    client = client_for("c1_staff")
    response = client.post(
        reverse("people:create"),
        form_data(categories, org_unit=tree["C1"].pk, name="张三", id_number="330102198001011235"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"]
    assert not Person.objects.exists()


def test_the_form_refuses_a_gender_the_id_number_contradicts_beside_the_gender(client_for, tree, categories):
    client = client_for("c1_staff")
    response = client.post(
        reverse("people:create"),
        form_data(
            categories, org_unit=tree["C1"].pk, name="张三", id_number=id_number("19800101", "124"), gender="male"
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "gender": ["身份证号码第 17 位对应的性别为“女”，与所填性别不一致，请更正有误的一项。"]
    }
    assert not Person.objects.exists()


def test_a_c1_worker_cannot_register_on_c2(client_for, tree, categories):
    response = client_for("c1_staff").post(
        reverse("people:create"), form_data(categories, org_unit=tree["C2"].pk, name="张三")
    )
    assert response.status_code == 200
    assert "org_unit" in response.context["form"].errors
    assert not Person.objects.exists()


def test_a_hard_duplicate_links_to_the_existing_record(client_for, tree, categories, register):
    existing = register("张三", id_number=id_number("19800101"))
    response = client_for("c1_staff").post(
        reverse("people:create"),
        form_data(categories, org_unit=tree["C1"].pk, name="张叁", id_number=id_number("19800101")),
    )
    assert response.status_code == 200
    assert response.context["duplicate_url"] == reverse("people:detail", args=[existing.pk])
    assert f'href="{reverse("people:detail", args=[existing.pk])}"' in response.content.decode()
    assert Person.objects.count() == 1


def test_the_worker_finds_people_by_initials_pinyin_and_phone_of_their_own_community_only(client_for, register):
    register("张三", phone="13812345678")
    register("李四")
    register("张珊", unit="C2", actor="c2_staff")
    client = client_for("c1_staff")
    assert listed_names(client.get(reverse("people:list"))) == ["李四", "张三"]
    assert listed_names(client.get(reverse("people:list"), {"q": "zs"})) == ["张三"]
    assert listed_names(client.get(reverse("people:list"), {"q": "zhangsan"})) == ["张三"]
    assert listed_names(client.get(reverse("people:list"), {"q": "5678"})) == ["张三"]
    assert listed_names(client.get(reverse("people:list"), {"q": "张三"})) == ["张三"]
    page = client.get(reverse("people:list"), {"q": "zs"}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert b'id="results"' in page.content and b"<html" not in page.content
    assert "138****5678" in client.get(reverse("people:list")).content.decode()


def test_both_category_filters_list_every_category_from_one_query(client_for, register, categories):
    register("张三")
    register("李四", category="overseas-chinese")
    chosen = categories["overseas-chinese"]
    with CaptureQueriesContext(connection) as queries:
        response = client_for("c1_staff").get(reverse("people:list"), {"main_category": chosen.pk})
    assert listed_names(response) == ["李四"]
    form = response.context["filterset"].form
    selects = {name: str(form[name]) for name in ("main_category", "category")}
    for html in selects.values():
        assert html.count("<option") == len(categories) + 1  # "All" and every category
    assert f'value="{chosen.pk}" selected' in selects["main_category"]
    assert " selected" not in selects["category"].replace('value="" selected', "")
    # The lists are read in order; validating the chosen one is a lookup of its own, unordered.
    lists = [
        q["sql"] for q in queries.captured_queries if 'FROM "people_category"' in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert len(lists) == 1


def test_a_parent_main_category_finds_the_members_of_its_sub_groups(client_for, register, categories):
    register("张三", category="new-strata-new-media")
    register("李四", category="new-social-strata")
    register("王五")
    client = client_for("c1_staff")
    listed = listed_names(client.get(reverse("people:list"), {"main_category": categories["new-social-strata"].pk}))
    assert sorted(listed) == ["张三", "李四"]
    assert listed_names(
        client.get(reverse("people:list"), {"main_category": categories["new-strata-new-media"].pk})
    ) == ["张三"]


def test_an_htmx_refresh_brings_the_toolbar_and_the_bulk_return_address_of_its_filters(
    client_for, register, categories
):
    register("张三")
    client = client_for("c1_staff")
    chosen = categories["non-party"].pk
    partial = client.get(reverse("people:list"), {"main_category": chosen}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and partial.count('id="results"') == 1
    assert 'id="list-toolbar" hx-swap-oob="true"' in partial
    assert f"/people/export/?main_category={chosen}&amp;format=xlsx" in partial
    assert f'name="next" value="/people/?main_category={chosen}" form="bulk-form"' in partial
    restored = client.get(
        reverse("people:list"),
        {"main_category": chosen},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    ).content.decode()
    assert "<html" in restored and "hx-swap-oob" not in restored


def test_other_communities_people_answer_404(client_for, register):
    other = register("张珊", unit="C2", actor="c2_staff")
    client = client_for("c1_staff")
    for name in ("detail", "edit"):
        assert client.get(reverse(f"people:{name}", args=[other.pk])).status_code == 404
    assert client.post(reverse("people:delete", args=[other.pk]), {"version": other.version}).status_code == 404
    assert Person.objects.filter(pk=other.pk).exists()


def test_the_detail_page_masks_sensitive_values(client_for, register):
    person = register("张三", phone="13812345678", id_number=id_number("19800101"), political_affiliation="cdl")
    body = client_for("c1_staff").get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "138****5678" in body and "13812345678" not in body
    assert id_number("19800101") not in body
    assert "unmask-phone" not in body  # a worker has no unmask permission


def test_the_overseas_field_has_one_name_on_every_page_and_in_the_import_template(client_for, register):
    from concentric.people.importing.columns import HEADERS

    person = register("张三", overseas_status="returned")
    client = client_for("c1_staff")
    form = client.get(reverse("people:create"))
    assert str(form.context["form"]["overseas_status"].label) == "海外关系"
    listing = client.get(reverse("people:list"))
    assert str(listing.context["filterset"].form["overseas_status"].label) == "海外关系"
    detail = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert '<dt class="col-4">海外关系</dt><dd class="col-8">归侨 </dd>' in detail
    for page in (form.content.decode(), listing.content.decode(), detail):
        assert "侨情身份" not in page
    assert str(Person._meta.get_field("overseas_status").verbose_name) == "海外关系"
    assert "海外关系" in HEADERS and "侨情身份" not in HEADERS


def test_the_birth_date_is_masked_with_the_id_number_it_would_complete(client_for, register, users):
    # 330102********1234 hides exactly the birth date: shown in clear beside it, the whole number could be rebuilt.
    person = register("张三", id_number=id_number("19800101"), birth_date=date(1980, 1, 1))
    detail = reverse("people:detail", args=[person.pk])
    body = client_for("c1_staff").get(detail).content.decode()
    assert 'data-testid="masked-birth_date">1980-**-**<' in body
    assert "1980-01-01" not in body and "1980年1月1日" not in body
    assert 'data-testid="person-age">' in body
    edit = client_for("c1_staff").get(reverse("people:edit", args=[person.pk])).content.decode()
    assert "1980-01-01" not in edit and "1980-**-**" in edit  # "leave empty to keep" names the masked value
    shown = (
        client_for("c1_admin")
        .post(
            reverse("people:unmask", args=[person.pk]),
            {"field": "birth_date", "reason": "换届考察"},
            HTTP_HX_REQUEST="true",
        )
        .content.decode()
    )
    assert 'data-testid="clear-birth_date">1980年1月1日<' in shown
    event = AuditEvent.objects.get(action="unmask", object_id=str(person.pk))
    assert (event.changes, event.reason, event.actor_id) == (
        {"birth_date": ["******", "******"]},
        "换届考察",
        users["c1_admin"].pk,
    )


def test_an_edit_that_leaves_the_birth_date_empty_keeps_it(client_for, register, categories):
    person = register("张三", birth_date=date(1980, 1, 1))
    response = client_for("c1_staff").post(
        reverse("people:edit", args=[person.pk]), form_data(categories, name="张三", version=1, birth_date="")
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.birth_date, person.version) == (date(1980, 1, 1), 2)


def test_editing_saves_and_a_stale_edit_is_refused(client_for, register, categories):
    person = register("张三")
    client = client_for("c1_staff")
    url = reverse("people:edit", args=[person.pk])
    assert client.get(url).context["form"].initial["version"] == 1
    response = client.post(url, form_data(categories, name="张三丰", version=1))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.version) == ("张三丰", 2)
    stale = client.post(url, form_data(categories, name="张三", version=1))
    assert stale.status_code == 200
    assert stale.context["form"].non_field_errors() == StaleRecord().messages
    person.refresh_from_db()
    assert (person.name, person.version) == ("张三丰", 2)


def test_the_edit_form_ticks_other_categories_only_so_a_new_main_category_drops_the_old(
    client_for, register, categories
):
    person = register("张三", category="non-party", categories=[categories["religious"]])
    client = client_for("c1_staff")
    url = reverse("people:edit", args=[person.pk])
    assert client.get(url).context["form"].initial["categories"] == [categories["religious"].pk]
    data = form_data(categories, name="张三", version=1, main_category=categories["ethnic-minority"].pk)
    data["categories"] = [categories["religious"].pk]
    assert client.post(url, data).status_code == 302
    assert set(person.categories.values_list("code", flat=True)) == {"ethnic-minority", "religious"}


def test_unmasking_needs_a_reason_and_is_audited_once(client_for, register, users):
    person = register("张三", phone="13812345678")
    url = reverse("people:unmask", args=[person.pk])
    assert (
        client_for("c1_staff").post(url, {"field": "phone", "reason": "回访"}).status_code == 403
    )  # seen, not unmaskable
    admin = client_for("c1_admin")
    refused = admin.post(url, {"field": "phone", "reason": " "}, HTTP_HX_REQUEST="true")
    assert "13812345678" not in refused.content.decode()
    assert not AuditEvent.objects.filter(action="unmask").exists()
    shown = admin.post(url, {"field": "phone", "reason": "回访核实"}, HTTP_HX_REQUEST="true")
    assert 'data-testid="clear-phone">13812345678<' in shown.content.decode()
    events = AuditEvent.objects.filter(action="unmask", object_id=str(person.pk))
    assert [(e.reason, e.actor_id) for e in events] == [("回访核实", users["c1_admin"].pk)]


def test_bulk_tag_move_and_stage_on_checked_rows(client_for, register, tree, users):
    a, b = register("张三"), register("李四")
    client = client_for("c1_staff")
    url = reverse("people:bulk")
    assert client.post(url, {"action": "tag", "tag": "新乡贤", "ids": [a.pk, b.pk]}).status_code == 302
    assert sorted(Person.objects.filter(tags__name="新乡贤").values_list("name", flat=True)) == ["张三", "李四"]
    client.post(
        url, {"action": "stage", "stage": "discover", "kind": "source", "occurred_on": "2024-03-01", "ids": [a.pk]}
    )
    a.refresh_from_db()
    assert (a.stage, a.stage_since) == ("discover", date(2024, 3, 1))
    sub_admin = client_for("sub_admin")
    sub_admin.post(url, {"action": "move", "org_unit": tree["C2"].pk, "ids": [b.pk]})
    b.refresh_from_db()
    assert b.org_unit == tree["C2"]


def test_a_c2_id_smuggled_into_a_bulk_request_refuses_everything(client_for, register):
    mine = register("张三")
    theirs = register("张珊", unit="C2", actor="c2_staff")
    events_before = AuditEvent.objects.count()
    client = client_for("c1_staff")
    response = client.post(
        reverse("people:bulk"), {"action": "tag", "tag": "重点", "ids": [mine.pk, theirs.pk]}, follow=True
    )
    with translation.override("zh-hans"):
        refusal = gettext("Some of the chosen records are outside your units or no longer exist; nothing was changed.")
    assert [(m.level_tag, m.message) for m in response.context["messages"]] == [("error", refusal)]
    assert not Person.objects.filter(tags__isnull=False).exists()
    client.post(
        reverse("people:bulk"),
        {
            "action": "stage",
            "stage": "discover",
            "kind": "source",
            "occurred_on": "2024-03-01",
            "ids": [mine.pk, theirs.pk],
        },
    )
    assert list(Person.objects.order_by("pk").values_list("stage", flat=True)) == ["", ""]
    assert AuditEvent.objects.count() == events_before


def test_path_steps_and_related_records_from_the_detail_page(client_for, register):
    person = register("张三")
    client = client_for("c1_staff")
    client.post(
        reverse("people:path_create", args=[person.pk]),
        {
            "stage": "discover",
            "kind": "source",
            "occurred_on": "2024-01-05",
            "source": "社区推荐",
            "evidence": "走访发现",
        },
    )
    client.post(
        reverse("people:path_create", args=[person.pk]),
        {"stage": "cultivate", "kind": "training", "occurred_on": "2024-05-05"},
    )
    person.refresh_from_db()
    assert person.stage == "cultivate"
    body = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "社区推荐" in body and "走访发现" in body
    response = client.post(
        reverse("people:honour_create", args=[person.pk]), {"name": "优秀新乡贤", "level": "district"}
    )
    assert response.status_code == 302
    honour = person.honours.get()
    client.post(
        reverse("people:honour_edit", args=[honour.pk]),
        {"name": "优秀新乡贤（区级）", "level": "district", "version": 1},
    )
    honour.refresh_from_db()
    assert (honour.name, honour.version) == ("优秀新乡贤（区级）", 2)
    assert "优秀新乡贤（区级）" in client.get(reverse("people:detail", args=[person.pk])).content.decode()
    client.post(reverse("people:honour_delete", args=[honour.pk]), {"version": 2})
    assert not person.honours.exists()


def test_board_duplicates_and_categories_pages(client_for, register, categories):
    register("张三", birth_date=date(1980, 1, 1))
    register("张三", birth_date=date(1980, 1, 1))
    client = client_for("c1_staff")
    assert client.get(reverse("people:board"), {"days": "30"}).status_code == 200
    duplicates = client.get(reverse("people:duplicates"))
    assert len(duplicates.context["page"].rows) == 1
    case = duplicates.context["page"].rows[0]
    assert client.get(reverse("people:duplicate", args=[case.pk])).status_code == 200
    versions = {"version_a": case.person_a.version, "version_b": case.person_b.version}
    client.post(reverse("people:duplicate_merge", args=[case.pk]), {"field_name": "keep", **versions})
    assert Person.objects.count() == 1
    assert client_for("c1_admin").get(reverse("people:categories")).status_code == 200
    response = client_for("c1_admin").post(
        reverse("people:category_create"), {"code": "young-elite", "name": "青年才俊", "sort": 5, "is_active": "on"}
    )
    assert response.status_code == 302
    assert client.post(reverse("people:category_create"), {"code": "x", "name": "x", "sort": 5}).status_code == 403


def test_the_edit_form_never_shows_clear_sensitive_values_and_empty_keeps_them(client_for, register, categories):
    person = register("张三", phone="13812345678", political_affiliation="cdl")
    client = client_for("c1_staff")
    url = reverse("people:edit", args=[person.pk])
    body = client.get(url).content.decode()
    assert "13812345678" not in body and "138****5678" in body
    assert client.post(url, form_data(categories, name="张三", version=1, remarks="已核实")).status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.political_affiliation, person.remarks) == ("13812345678", "cdl", "已核实")


def test_the_board_shows_no_figures_for_a_unit_outside_the_scope(client_for, register, tree):
    register("张三")
    response = client_for("c1_staff").get(reverse("people:board"), {"unit": tree["C2"].pk})
    assert response.status_code == 200
    assert "board" not in response.context
    body = response.content.decode()
    assert 'data-testid="board-invalid"' in body and 'data-testid="stage-counts"' not in body
    assert "invalid-feedback" in body
