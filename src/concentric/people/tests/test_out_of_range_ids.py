"""Ids beyond what the database holds (a signed 64-bit integer) in every multi-valued id field of
the member registry: refused as records that do not exist (400 on the API and the export, a form
error on pages), never a server error, and nothing written. On SQLite Django used to pass them
on to an ``__in`` query, which raised OverflowError."""

import pytest
from django.urls import reverse

from concentric.audit.models import AuditEvent
from concentric.people.models import Person, Tag
from tests.api_support import error_of, session_client

pytestmark = pytest.mark.django_db

TOO_BIG = "9223372036854775808"  # 2**63
TOO_SMALL = "-9223372036854775809"
PEOPLE = "/api/v1/people/"


@pytest.fixture
def zhang(register):
    person = register("张三")
    person.tags.add(Tag.objects.create(name="新乡贤"))
    return person


def state():
    people = list(Person.objects.order_by("pk").values("pk", "name", "version", "org_unit", "stage"))
    links = list(Person.tags.through.objects.order_by("pk").values_list("person_id", "tag_id"))
    categories = list(Person.categories.through.objects.order_by("pk").values_list("person_id", "category_id"))
    return people, links, categories, AuditEvent.objects.count()


@pytest.mark.parametrize("value", [TOO_BIG, TOO_SMALL])
def test_the_api_list_filter_answers_400(zhang, users, value):
    response = session_client(users["c1_staff"]).get(PEOPLE, {"tags": value})
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "invalid",
        "message": "请更正以下错误。",
        "fields": {"tags": [f"请从可选项中选择：{value} 不在其中。"]},
    }


def test_the_api_export_answers_400_and_exports_nothing(zhang, users):
    before = state()
    response = session_client(users["c1_staff"]).get("/api/v1/people/export/", {"format": "csv", "tags": TOO_BIG})
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "invalid",
        "message": "请更正以下错误。",
        "fields": {"tags": [f"请从可选项中选择：{TOO_BIG} 不在其中。"]},
    }
    assert state() == before


def test_the_page_export_is_refused_with_the_field_named(zhang, client_for):
    before = state()
    response = client_for("c1_staff").get(reverse("people:export"), {"format": "csv", "tags": TOO_BIG})
    assert response.status_code == 400
    assert response.context["errors"] == {"标签": [f"请从可选项中选择：{TOO_BIG} 不在其中。"]}
    assert state() == before


def test_the_list_page_shows_the_error_beside_the_filter_and_no_rows(zhang, client_for):
    response = client_for("c1_staff").get(reverse("people:list"), {"tags": [str(Tag.objects.get().pk), TOO_BIG]})
    assert response.status_code == 200
    assert response.context["filterset"].form.errors == {"tags": [f"请从可选项中选择：{TOO_BIG} 不在其中。"]}
    assert list(response.context["page"].rows) == []


def test_the_create_form_refuses_other_categories_out_of_range(client_for, tree, categories):
    response = client_for("c1_staff").post(
        reverse("people:create"),
        {
            "org_unit": tree["C1"].pk,
            "name": "赵六",
            "main_category": categories["non-party"].pk,
            "ethnicity": "汉族",
            "id_type": "resident_id",
            "categories": [categories["new-social-strata"].pk, TOO_BIG],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"categories": [f"请从可选项中选择：{TOO_BIG} 不在其中。"]}
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("categories", f"[{TOO_BIG}]", f"无效主键 “{TOO_BIG}” － 对象不存在。"),
        ("categories", f'["{TOO_BIG}"]', f"无效主键 “{TOO_BIG}” － 对象不存在。"),
        ("categories", "[1e400]", "类型错误。期望为主键，获得的类型为 float。"),
        ("categories", "[1.0]", "类型错误。期望为主键，获得的类型为 float。"),
        ("main_category", "1e400", "类型错误。期望为主键，获得的类型为 float。"),
        ("main_category", TOO_BIG, f"无效主键 “{TOO_BIG}” － 对象不存在。"),
        ("org_unit", "1e400", "类型错误。期望为主键，获得的类型为 float。"),
        ("org_unit", "true", "类型错误。期望为主键，获得的类型为 bool。"),
    ],
)
def test_the_api_refuses_ids_out_of_range_or_not_integers(users, tree, categories, field, raw, message):
    values = {"org_unit": str(tree["C1"].pk), "name": '"赵六"', "main_category": str(categories["non-party"].pk)}
    values[field] = raw
    body = "{" + ", ".join(f'"{name}": {value}' for name, value in values.items()) + "}"
    response = session_client(users["c1_staff"]).post(PEOPLE, body, content_type="application/json")
    assert response.status_code == 400
    assert error_of(response) == {"code": "invalid", "message": "请更正以下错误。", "fields": {field: [message]}}
    assert not Person.objects.exists()


def test_a_patch_refuses_other_categories_out_of_range(zhang, users, categories):
    before = state()
    response = session_client(users["c1_staff"]).patch(
        f"{PEOPLE}{zhang.pk}/", {"categories": [int(TOO_BIG)], "version": zhang.version}, format="json"
    )
    assert response.status_code == 400
    assert error_of(response)["fields"] == {"categories": [f"无效主键 “{TOO_BIG}” － 对象不存在。"]}
    assert state() == before


def test_the_bulk_form_refuses_checked_ids_out_of_range(zhang, client_for):
    before = state()
    response = client_for("c1_staff").post(
        reverse("people:bulk"), {"action": "tag", "tag": "重点", "ids": [zhang.pk, TOO_BIG]}, follow=True
    )
    assert response.status_code == 200
    assert [(m.level_tag, m.message) for m in response.context["messages"]] == [("error", "请至少选择一条记录。")]
    assert state() == before
