"""Search by name pieces, pinyin, initials, ID number and phone: exact result sets, via the index."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concentric.people.models import Person
from concentric.people.search import person_search_filter, tokens_for
from concentric.people.selectors import person_list
from concentric.people.tests.conftest import id_number

ZHANG_ID = id_number("19800315", "201")


@pytest.fixture
def people(register):
    return {
        "张三": register("张三", id_number=ZHANG_ID, phone="13812345678"),
        "张三丰": register("张三丰", phone="13900005678"),
        "李四": register("李四", former_names="李思", phone2="057187650000"),
        "单田芳": register("单田芳"),
        "曾国藩": register("曾国藩"),
        "C2张三": register("张三", unit="C2", actor="c2_staff"),
    }


def found(user, text) -> set[str]:
    return {
        f"{p.org_unit.code}{p.name}" if p.org_unit.code != "C1" else p.name
        for p in person_search_filter(Person.objects.visible_to(user), text).select_related("org_unit")
    }


def test_tokens_of_a_person(people):
    assert tokens_for(people["李四"]) == {
        "n:李",
        "n:四",
        "n:李四",
        "n:思",
        "n:李思",
        "p:lisi",
        "i:ls",
        "t:0000",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张", {"张三", "张三丰"}),
        ("张三", {"张三", "张三丰"}),
        ("三丰", {"张三丰"}),
        ("张三丰", {"张三丰"}),
        ("张 三丰", {"张三丰"}),
        ("张三疯", set()),
        ("李思", {"李四"}),
        ("zs", {"张三", "张三丰"}),
        ("zsf", {"张三丰"}),
        ("zhangsan", {"张三", "张三丰"}),
        ("ZhangSanFeng", {"张三丰"}),
        ("zhang san", {"张三", "张三丰"}),
        ("shan", {"单田芳"}),
        ("dan", {"单田芳"}),
        ("stf", {"单田芳"}),
        ("zeng", {"曾国藩"}),
        ("cengguofan", {"曾国藩"}),
        ("zz", set()),
        (ZHANG_ID, {"张三"}),
        (ZHANG_ID[:-1] + ZHANG_ID[-1].lower(), {"张三"}),
        ("5678", {"张三", "张三丰"}),
        ("００００", {"李四"}),
        ("138 1234 5678", {"张三"}),
        ("0571-87650000", {"李四"}),
        ("1234", set()),
        ("%", set()),
    ],
)
def test_search_finds_exactly(people, users, text, expected):
    assert found(users["c1_staff"], text) == expected


def test_search_stays_within_scope(people, users):
    assert found(users["sub_staff"], "张三") == {"张三", "C2张三", "张三丰"}
    assert found(users["c2_staff"], "zs") == {"C2张三"}
    assert found(users["norole"], "zs") == set()


def test_two_character_search_goes_through_the_token_index(people, users):
    with CaptureQueriesContext(connection) as queries:
        result = list(person_list(user=users["c1_staff"], filters={"q": "张三"}).values_list("pk", flat=True))
    assert sorted(result) == sorted([people["张三"].pk, people["张三丰"].pk])
    (query,) = [q["sql"] for q in queries.captured_queries]
    assert "people_personsearchtoken" in query
    assert re.search(r'"token" = ', query)
    assert not re.search(r'"name"\s+(I?LIKE)', query, re.IGNORECASE)


def test_pinyin_prefix_is_a_range_on_the_token_index(people, users):
    with CaptureQueriesContext(connection) as queries:
        list(person_list(user=users["c1_staff"], filters={"q": "zhang"}))
    (query,) = [q["sql"] for q in queries.captured_queries]
    assert re.search(r'"token" >= ', query) and re.search(r'"token" < ', query)
    assert not re.search(r"token\"\s+I?LIKE", query, re.IGNORECASE)
