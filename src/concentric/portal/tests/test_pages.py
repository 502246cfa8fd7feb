"""The portal's pages: what an item page shows (and what not), share metadata, headers, no
session, paging, the cache keyed by the public generation, the rate limit."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concentric.publishing.services.workflow import item_withdraw
from conftest import sign_in

pytestmark = pytest.mark.django_db


def page(url, **params):
    return Client().get(url, params)


def test_the_item_page_shows_the_item_and_its_members_by_name_only(write, member):
    entry = write("东坡路新乡贤", summary="二十年守护邻里")
    response = page(reverse("portal:item", args=[entry.item.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "东坡路新乡贤" in text and "湖滨新乡贤风采" in text and "湖滨街道" in text
    assert timezone.localdate(entry.item.published_at).isoformat() in text
    assert "王乡贤" in text and "宣传对象：" in text and "展示人物" not in text  # the platform's word
    assert "13912345678" not in text and "5678" not in text
    assert f"/people/{member.pk}" not in text
    assert reverse("portal:cover", args=[entry.item.pk]) in text
    assert reverse("portal:file", args=[entry.file.pk]) in text
    # The body's image points at the portal, never at the platform's own (signed-in) address.
    assert f'src="{reverse("portal:image", args=[entry.image.pk])}"' in text
    assert entry.image.get_absolute_url() not in text
    assert "<script" not in text and "csrf" not in text.lower()


def test_share_metadata(write):
    entry = write("步行街商户联防联控", summary="商户自发组建联防队")
    text = page(reverse("portal:item", args=[entry.item.pk])).content.decode()
    url = f"http://testserver{reverse('portal:item', args=[entry.item.pk])}"
    cover = f"http://testserver{reverse('portal:cover', args=[entry.item.pk])}"
    assert '<meta property="og:title" content="步行街商户联防联控">' in text
    assert '<meta property="og:description" content="商户自发组建联防队">' in text
    assert '<meta name="description" content="商户自发组建联防队">' in text
    assert f'<meta property="og:image" content="{cover}">' in text
    assert f'<meta property="og:url" content="{url}">' in text


def test_public_headers_and_no_session(write, users):
    entry = write("无会话")
    signed_in = sign_in(Client(), users["sub_admin"])
    session_before = signed_in.session.items()
    urls = [
        reverse("portal:home"),
        reverse("portal:item", args=[entry.item.pk]),
        reverse("portal:cover", args=[entry.item.pk]),
        reverse("portal:file", args=[entry.file.pk]),
        reverse("portal:search") + "?q=会话",
        reverse("portal:item", args=[999999]),
    ]
    for client in (Client(), signed_in):
        for url in urls:
            response = client.get(url)
            assert "Set-Cookie" not in response.headers, url
            assert not response.cookies, url
            assert "Cookie" not in response.headers.get("Vary", ""), url
            if response.status_code == 200:
                assert response.headers["Cache-Control"] == "public, max-age=300", url
    assert signed_in.session.items() == session_before
    html = Client().get(urls[1])
    assert "default-src 'none'" in html.headers["Content-Security-Policy"]
    assert "script-src" not in html.headers["Content-Security-Policy"]
    image = Client().get(urls[2])
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert image.headers["Content-Type"] == "image/png"
    # Signed in, the portal is the same as for anybody: no name, no menu.
    assert "sub_admin" not in signed_in.get(urls[1]).content.decode()


def test_a_cached_page_runs_no_query_and_a_withdrawal_takes_it_down_at_once(
    write, users, django_assert_num_queries, django_capture_on_commit_callbacks
):
    entry = write("缓存的页面")
    url = reverse("portal:item", args=[entry.item.pk])
    with CaptureQueriesContext(connection) as first:
        assert Client().get(url).status_code == 200
    touched = [query["sql"] for query in first.captured_queries if re.search(r"\bpeople_", query["sql"])]
    assert not touched, "the first rendering read the registry"
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200 and "缓存的页面" in second.content.decode()
    item = entry.item
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        item_withdraw(actor=users["sub_admin"], item_id=item.pk, version=item.version, comment="撤下")
    assert Client().get(url).status_code == 404
    assert "缓存的页面" not in Client().get(reverse("portal:home")).content.decode()


def test_a_column_change_takes_its_items_down_at_once(write, users, columns, django_capture_on_commit_callbacks):
    entry = write("栏目改为内部")
    url = reverse("portal:item", args=[entry.item.pk])
    assert Client().get(url).status_code == 200
    column = columns["public"]
    column.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        from concentric.publishing.services.columns import column_update

        column_update(actor=users["sub_admin"], column_id=column.pk, version=column.version, is_public=False)
    assert Client().get(url).status_code == 404


def test_paging_is_bounded(write, settings):
    from concentric.portal import views

    for number in range(3):
        write(f"分页{number}")
    column = write("分页3").item.columns.get()
    original = views.PAGE_SIZE
    views.PAGE_SIZE = 2
    try:
        first = page(reverse("portal:column", args=[column.pk])).content.decode()
        second = page(reverse("portal:column", args=[column.pk]), page="2").content.decode()
        beyond = page(reverse("portal:column", args=[column.pk]), page="999999999999")
        junk = page(reverse("portal:column", args=[column.pk]), page="x")
    finally:
        views.PAGE_SIZE = original
    assert first.count('data-testid="portal-card"') == 2 and "page=2" in first
    assert second.count('data-testid="portal-card"') == 2 and "page=1" in second
    assert beyond.status_code == 200 and junk.status_code == 200
    long_query = page(reverse("portal:search"), q="分" * 500)
    assert long_query.status_code == 200


def test_the_rate_limit_answers_429_per_address(write, settings):
    settings.PORTAL_RATE = 3
    url = reverse("portal:home")
    answers = [Client(REMOTE_ADDR="203.0.113.7").get(url).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = Client(REMOTE_ADDR="203.0.113.7").get(url)
    assert limited.headers["Retry-After"] == "60"
    assert "访问过于频繁" in limited.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.8").get(url).status_code == 200


def test_the_portal_takes_no_post():
    assert Client().post(reverse("portal:home")).status_code == 405
