"""The records behind a figure: scope, parts and their signs, paging, bad parameters."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from concentric.people.services import person_delete
from concentric.rollups import views


def url(**params) -> str:
    return f"{reverse('rollups:records')}?{urlencode(params)}"


def rows(response) -> int:
    return response.content.decode().count('data-testid="records-row"')


def test_the_page_lists_the_members_of_a_unit_and_its_subtree_as_the_figure_counts(register, tree, client_for):
    register("张三")
    register("李四")
    register("王五", unit="C2", actor="sub_staff")
    leader = client_for("leader")
    response = leader.get(url(measure="members", unit=tree["S"].pk, subtree=1))
    assert response.status_code == 200
    body = response.content.decode()
    assert rows(response) == 3
    assert '<span class="fs-3 fw-semibold" data-testid="records-figure-value">3</span>' in body
    for name in ("张三", "李四", "王五"):
        assert name in body
    response = leader.get(url(measure="members", unit=tree["C1"].pk))
    assert rows(response) == 2
    assert "王五" not in response.content.decode()


def test_each_record_links_to_its_page(register, tree, client_for):
    person = register("张三")
    body = client_for("c1_staff").get(url(measure="members", unit=tree["C1"].pk)).content.decode()
    assert f'<a href="{person.get_absolute_url()}">张三</a>' in body


def test_a_community_worker_cannot_open_another_communitys_figure(register, tree, client_for):
    register("王五", unit="C2", actor="sub_staff")
    worker = client_for("c1_staff")
    assert worker.get(url(measure="members", unit=tree["C2"].pk)).status_code == 404
    assert worker.get(url(measure="members", unit=tree["S"].pk, subtree=1)).status_code == 404
    # Their own community with its subtree holds only their own records.
    response = worker.get(url(measure="members", unit=tree["C1"].pk, subtree=1))
    assert response.status_code == 200
    assert rows(response) == 0


def test_a_departure_is_listed_with_the_minus_marker(register, users, tree, client_for):
    person = register("张三")
    person_delete(actor=users["c1_staff"], person_id=person.pk, version=person.version)
    today = timezone.localdate()
    response = client_for("c1_staff").get(
        url(measure="members", unit=tree["C1"].pk, **{"from": today.isoformat(), "to": today.isoformat()})
    )
    body = response.content.decode()
    assert response.status_code == 200
    # The departure's line counts in (registered today) and out (removed today): figure 0.
    assert '<span class="fs-3 fw-semibold" data-testid="records-figure-value">0</span>' in body
    assert body.count('data-testid="records-minus"') == 1
    assert rows(response) == 2  # the departure under "registered" and again under "removed"
    minus_part = body.split('data-testid="records-part-2"')[1]
    assert "张三" in minus_part and '<td class="text-center">−</td>' in minus_part


def test_a_key_narrows_the_records(register, tree, client_for, categories):
    register("张三", category="non-party")
    register("李四", category="religious")
    response = client_for("c1_staff").get(
        url(measure="members", unit=tree["C1"].pk, key=str(categories["religious"].pk))
    )
    body = response.content.decode()
    assert rows(response) == 1 and "李四" in body and "张三" not in body


def test_several_keys_list_the_records_of_each_and_the_figure_is_their_sum(register, tree, client_for, categories):
    register("张三", category="non-party")
    register("李四", category="religious")
    register("王五", category="ethnic-minority")
    keys = [str(categories["religious"].pk), str(categories["ethnic-minority"].pk)]
    response = client_for("c1_staff").get(
        url(measure="members", unit=tree["C1"].pk) + "&" + urlencode({"key": keys}, doseq=True)
    )
    body = response.content.decode()
    assert rows(response) == 2 and "李四" in body and "王五" in body and "张三" not in body
    assert '<span class="fs-3 fw-semibold" data-testid="records-figure-value">2</span>' in body


def test_pages_follow_one_another_without_repeating_a_record(register, tree, client_for, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for index in range(5):
        register(f"成员{index}")
    client = client_for("c1_staff")
    seen, address, pages = [], url(measure="members", unit=tree["C1"].pk), 0
    while address:
        body = client.get(address).content.decode()
        seen += [f"成员{i}" for i in range(5) if f">成员{i}<" in body]
        pages += 1
        marker = 'data-testid="records-next-0"'
        if marker in body:
            href = body.split(marker)[0].rsplit('href="', 1)[1].split('"')[0]
            address = reverse("rollups:records") + href.replace("&amp;", "&")
        else:
            address = ""
    assert pages == 3
    assert sorted(seen) == [f"成员{i}" for i in range(5)]


def back_link(body: str) -> str:
    marker = 'data-testid="records-back"'
    return body.split(marker)[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&") if marker in body else ""


def test_the_page_links_back_to_where_the_figure_was_opened_and_keeps_it_through_the_pages(
    register, tree, client_for, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    register("张三")
    register("李四")
    client = client_for("c1_staff")
    address = url(measure="members", unit=tree["C1"].pk)
    board = "/quotas/board/?unit=3&month=2026-11"
    body = client.get(address, headers={"referer": f"http://testserver{board}"}).content.decode()
    assert back_link(body) == board
    # The next page of records was opened from the records page: the link still leads back.
    marker = 'data-testid="records-next-0"'
    href = body.split(marker)[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    following = reverse("rollups:records") + href
    body = client.get(following, headers={"referer": f"http://testserver{address}"}).content.decode()
    assert back_link(body) == board
    # Another site, or no origin at all: no link.
    assert back_link(client.get(address, headers={"referer": "https://example.com/x"}).content.decode()) == ""
    assert back_link(client.get(address + "&back=//example.com/x").content.decode()) == ""
    assert back_link(client.get(address).content.decode()) == ""


def test_without_parameters_the_page_offers_a_choice(tree, client_for):
    response = client_for("c1_staff").get(reverse("rollups:records"))
    assert response.status_code == 200
    assert 'data-testid="records-form"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"measure": "nothing", "unit": "1"}, "未知的统计指标"),
        ({"measure": "members", "unit": "abc"}, "单位应以编号给出"),
        ({"measure": "members", "unit": "1", "subtree": "2"}, "“含下级单位”只能是 1 或 0"),
        ({"measure": "members", "unit": "1", "from": "2026-13-01"}, "开始日期不是一个存在的日期"),
        ({"measure": "members", "unit": "1", "to": "01/02/2026"}, "结束日期应写作 YYYY-MM-DD"),
        ({"measure": "members", "unit": "1", "from": "2026-02-01", "to": "2026-01-01"}, "结束日期早于开始日期"),
        ({"measure": "members", "unit": "1", "key": "x" * 201}, "分组值无效"),
    ],
)
def test_bad_parameters_answer_a_page_that_says_which(tree, client_for, params, message):
    response = client_for("c1_staff").get(url(**params))
    assert response.status_code == 400
    assert message in response.content.decode()
