"""The member API: scope, masking, optimistic locking, path events, and filter parity with the page."""

from datetime import date

import pytest
from django.urls import reverse

from concentric.people.models import Person, Tag
from concentric.people.tests.conftest import id_number
from tests.api_support import error_of, result_ids, session_client

pytestmark = pytest.mark.django_db
PEOPLE = "/api/v1/people/"


@pytest.fixture
def registry(register, categories, users):
    zhang = register(
        "张三", phone="13812345678", birth_date=date(1960, 5, 1), political_affiliation="cdl", tier="representative"
    )
    li = register("李四", birth_date=date(1990, 5, 1), overseas_status="returned", category="new-social-strata")
    wang = register("王五", political_affiliation="masses")
    register("张珊", unit="C2", actor="c2_staff")
    tag = Tag.objects.create(name="新乡贤")
    zhang.tags.add(tag)
    return {"zhang": zhang, "li": li, "wang": wang, "tag": tag}


def test_a_c1_worker_lists_only_c1_people_and_gets_404_for_c2(registry, users):
    client = session_client(users["c1_staff"])
    response = client.get(PEOPLE)
    assert result_ids(response) == [registry["wang"].pk, registry["li"].pk, registry["zhang"].pk]
    other = Person.objects.get(name="张珊")
    assert error_of(client.get(f"{PEOPLE}{other.pk}/"))["code"] == "not_found"


def test_sensitive_fields_are_always_masked(registry, users):
    row = session_client(users["c1_staff"]).get(f"{PEOPLE}{registry['zhang'].pk}/").json()
    assert (row["phone"], row["political_affiliation"], row["tags"]) == ("138****5678", "******", ["新乡贤"])


def test_create_patch_with_version_and_stale_patch(users, tree, categories):
    client = session_client(users["c1_staff"])
    created = client.post(
        PEOPLE,
        {
            "org_unit": tree["C1"].pk,
            "name": "赵六",
            "main_category": categories["non-party"].pk,
            "id_number": id_number("19850101"),
            "political_affiliation": "jiusan",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    masked = "330102" + "*" * 8 + id_number("19850101")[-4:]
    # The birth date, filled from the ID number, is answered with its year only, as the ID number
    # hides its birth-date digits.
    assert (body["id_number"], body["birth_date"], body["version"]) == (masked, "1985-**-**", 1)
    assert Person.objects.get(pk=body["id"]).birth_date == date(1985, 1, 1)
    url = f"{PEOPLE}{body['id']}/"
    sent_back = client.patch(url, {"birth_date": body["birth_date"], "version": 1}, format="json")
    assert (sent_back.status_code, error_of(sent_back)["fields"]["birth_date"]) == (
        400,
        ["请输入完整内容；脱敏显示的值不能保存。"],
    )
    assert client.patch(url, {"title": "高级工程师", "version": 1}, format="json").json()["version"] == 2
    stale = client.patch(url, {"title": "工程师", "version": 1}, format="json")
    assert (stale.status_code, error_of(stale)["code"]) == (409, "stale")
    assert Person.objects.get(pk=body["id"]).title == "高级工程师"
    refused = client.post(
        PEOPLE, {"org_unit": tree["C2"].pk, "name": "钱七", "main_category": categories["non-party"].pk}, format="json"
    )
    assert refused.status_code == 400 and "org_unit" in error_of(refused)["fields"]
    assert not Person.objects.filter(name="钱七").exists()


def test_a_gender_the_id_number_contradicts_answers_400_on_the_gender_field(users, tree, categories):
    client = session_client(users["c1_staff"])
    woman = id_number("19850101", "202")
    refused = client.post(
        PEOPLE,
        {
            "org_unit": tree["C1"].pk,
            "name": "赵六",
            "main_category": categories["non-party"].pk,
            "id_number": woman,
            "gender": "male",
        },
        format="json",
    )
    assert refused.status_code == 400
    assert error_of(refused) == {
        "code": "invalid",
        "message": "请更正以下错误。",
        "fields": {"gender": ["身份证号码第 17 位对应的性别为“女”，与所填性别不一致，请更正有误的一项。"]},
    }
    assert not Person.objects.exists()
    derived = client.post(
        PEOPLE,
        {"org_unit": tree["C1"].pk, "name": "赵六", "main_category": categories["non-party"].pk, "id_number": woman},
        format="json",
    )
    assert (derived.status_code, derived.json()["gender"]) == (201, "female")


def test_path_events_list_and_create(registry, users):
    client = session_client(users["c1_staff"])
    url = f"{PEOPLE}{registry['li'].pk}/path-events/"
    created = client.post(
        url, {"stage": "discover", "kind": "source", "occurred_on": "2024-02-01", "source": "社区"}, format="json"
    )
    assert created.status_code == 201, created.content
    wrong = client.post(url, {"stage": "discover", "kind": "training", "occurred_on": "2024-02-02"}, format="json")
    assert wrong.status_code == 400 and "kind" in error_of(wrong)["fields"]
    assert [(e["stage"], e["kind"]) for e in client.get(url).json()] == [("discover", "source")]
    assert Person.objects.get(pk=registry["li"].pk).stage == "discover"
    other = Person.objects.get(name="张珊")
    assert client.get(f"{PEOPLE}{other.pk}/path-events/").status_code == 404


def test_delete_needs_the_version(registry, users):
    client = session_client(users["c1_staff"])
    person = registry["wang"]
    assert client.delete(f"{PEOPLE}{person.pk}/").status_code == 400
    assert client.delete(f"{PEOPLE}{person.pk}/?version=1").status_code == 204
    assert not Person.objects.filter(pk=person.pk).exists()


FILTERS = [
    {},
    {"q": "zs"},
    {"q": "5678"},
    {"tier": "representative"},
    {"tier": "none"},
    {"overseas_status": "returned"},
    {"political_affiliation": "cdl"},
    {"age_min": "60"},
    {"age_max": "40"},
    {"stage": "none"},
    {"main_category": "MAIN"},
    {"category": "MAIN"},
    {"tags": "TAG"},
    {"unit": "C1"},
]


@pytest.mark.parametrize("query", FILTERS, ids=[",".join(f) or "none" for f in FILTERS])
def test_the_api_filters_exactly_like_the_page(registry, users, client_for, tree, categories, query):
    params = dict(query)
    substitutes = {"MAIN": categories["new-social-strata"].pk, "TAG": registry["tag"].pk, "C1": tree["C1"].pk}
    params = {key: substitutes.get(value, value) for key, value in params.items()}
    page = client_for("c1_staff").get(reverse("people:list"), params)
    page_ids = [row.pk for row in page.context["page"].rows]
    api_ids = result_ids(session_client(users["c1_staff"]).get(PEOPLE, params))
    assert api_ids == page_ids
    assert not params or page.context["filterset"].is_valid()


def test_filters_select_the_expected_people(registry, users):
    client = session_client(users["c1_staff"])
    expected = {
        "q=zs": [registry["zhang"].pk],
        "political_affiliation=cdl": [registry["zhang"].pk],
        "age_min=60": [registry["zhang"].pk],
        "age_max=40": [registry["li"].pk],
        "tier=none": [registry["wang"].pk, registry["li"].pk],
    }
    assert {query: result_ids(client.get(f"{PEOPLE}?{query}")) for query in expected} == expected


def test_categories_list(users, categories):
    rows = session_client(users["c1_staff"]).get("/api/v1/people/categories/").json()["results"]
    assert {row["code"] for row in rows} == set(categories)


def test_openapi_describes_the_people_api(users):
    schema = session_client(users["c1_staff"]).get("/api/v1/schema/?format=json").json()
    assert {
        "/api/v1/people/",
        "/api/v1/people/{id}/",
        "/api/v1/people/{id}/path-events/",
        "/api/v1/people/categories/",
    } <= set(schema["paths"])
