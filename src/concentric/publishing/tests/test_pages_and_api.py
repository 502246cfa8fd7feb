"""The pages and the API: the list's filters and export, the item's page per role, writing an
item in the form, columns kept by unit administrators, the API's review steps."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concentric.core.tests import samples
from concentric.publishing.models import Column, Item
from conftest import sign_in


def test_the_list_filters_by_column_unit_status_author_and_words(client, users, tree, write, column):
    other = Column.objects.create(org_unit=tree["S"], name="统战工作动态")
    write("东坡路新乡贤", body="<p>调解邻里纠纷</p>", state="published")
    write("岳王社区动态", unit="C2", columns=[other])
    sign_in(client, users["leader"])
    url = reverse("publishing:list")

    def titles(**query):
        page = client.get(url, query).content.decode()
        return {title for title in ("东坡路新乡贤", "岳王社区动态") if title in page}

    assert titles() == {"东坡路新乡贤", "岳王社区动态"}
    assert titles(column=other.pk) == {"岳王社区动态"}
    assert titles(unit=tree["C1"].pk) == {"东坡路新乡贤"}
    assert titles(status="published") == {"东坡路新乡贤"}
    assert titles(author=users["c2_staff"].pk) == {"岳王社区动态"}
    assert titles(q="纠纷") == {"东坡路新乡贤"}
    assert titles(published_from="2020-01-01") == {"东坡路新乡贤"}
    bad = client.get(url, {"published_from": "2026-02-01", "published_until": "2026-01-01"}).content.decode()
    assert "早于" in bad or "之前" in bad
    export = client.get(reverse("publishing:export"), {"format": "csv", "status": "published"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "东坡路新乡贤" in text and "岳王社区动态" not in text
    xlsx = client.get(reverse("publishing:export"), {"format": "xlsx"})
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    assert xlsx.status_code == 200 and content[:2] == b"PK"


def test_the_item_page_offers_each_role_its_steps(client, users, write):
    item = write(state="submitted", body="<p>二十年<strong>守护</strong>邻里</p>")
    page = reverse("publishing:detail", args=[item.pk])
    sign_in(client, users["c1_admin"])
    admin = client.get(page).content.decode()
    assert "<strong>守护</strong>" in admin
    assert 'data-testid="item-publish"' in admin and 'data-testid="item-return"' in admin
    sign_in(client, users["c1_staff"])
    worker = client.get(page).content.decode()
    assert 'data-testid="item-publish"' not in worker and 'data-testid="item-edit"' not in worker
    refused = client.post(reverse("publishing:publish", args=[item.pk]), {"version": item.version}, follow=True)
    assert "管理员" in refused.content.decode()
    assert Item.objects.get(pk=item.pk).status == "submitted"
    sign_in(client, users["leader"])
    leader = client.get(page).content.decode()
    assert "二十年" in leader and 'data-testid="item-submit"' not in leader


def test_writing_an_item_in_the_form(client, users, tree, column):
    sign_in(client, users["c1_staff"])
    form = client.get(reverse("publishing:create")).content.decode()
    assert "data-richtext" in form and column.name in form and 'enctype="multipart/form-data"' in form
    missing = client.post(reverse("publishing:create"), {"org_unit": tree["C1"].pk, "title": "无栏目"})
    assert "请至少选择一个栏目" in missing.content.decode()
    cover = SimpleUploadedFile("cover.png", samples.png(40, 30), content_type="image/png")
    response = client.post(
        reverse("publishing:create"),
        {
            "org_unit": tree["C1"].pk,
            "title": "东坡路新乡贤",
            "columns": [column.pk],
            "body": "第一段\n\n第二段",
            "cover": cover,
        },
    )
    item = Item.objects.get(title="东坡路新乡贤")
    assert response.status_code == 302 and item.author == users["c1_staff"]
    assert item.body == "<p>第一段</p><p>第二段</p>" and item.status == "draft"
    assert item.cover_type == "image/png"
    stored_cover = item.cover.name
    client.post(
        reverse("publishing:edit", args=[item.pk]),
        {
            "version": item.version,
            "org_unit": tree["C1"].pk,
            "title": "东坡路新乡贤",
            "columns": [column.pk],
            "body": item.body,
        },
    )
    item.refresh_from_db()
    assert (item.version, item.cover.name) == (1, stored_cover)  # a form sent without a file keeps the cover


def test_columns_are_kept_by_unit_administrators(client, users, tree):
    values = {"org_unit": tree["C1"].pk, "name": "东坡故事", "sort": 10, "is_public": "on", "is_active": "on"}
    sign_in(client, users["c1_staff"])
    assert client.post(reverse("publishing:column_create"), values).status_code == 403
    sign_in(client, users["c1_admin"])
    assert client.post(reverse("publishing:column_create"), values).status_code == 302
    column = Column.objects.get(name="东坡故事")
    sign_in(client, users["c1_staff"])  # reads it, and so do the units' writers below the subdistrict
    assert "东坡故事" in client.get(reverse("publishing:columns")).content.decode()
    sign_in(client, users["c2_staff"])
    assert client.get(reverse("publishing:column_detail", args=[column.pk])).status_code == 404


def test_the_api_writes_and_reviews_an_item(client, users, tree, column):
    sign_in(client, users["c1_staff"])
    created = client.post(
        "/api/v1/publishing/items/",
        {
            "org_unit": tree["C1"].pk,
            "title": "接口信息",
            "columns": [column.pk],
            "body": "<p>正文<script>x</script></p>",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["body"] == "<p>正文</p>" and body["published_at"] is None
    submitted = client.post(
        f"/api/v1/publishing/items/{body['id']}/submit/", {"version": body["version"]}, content_type="application/json"
    )
    assert submitted.json()["status"] == "submitted"
    refused = client.post(
        f"/api/v1/publishing/items/{body['id']}/publish/",
        {"version": submitted.json()["version"]},
        content_type="application/json",
    )
    assert refused.status_code == 403
    sign_in(client, users["c1_admin"])
    returned = client.post(
        f"/api/v1/publishing/items/{body['id']}/return/",
        {"version": submitted.json()["version"]},
        content_type="application/json",
    )
    assert returned.status_code == 400  # a comment is needed
    published = client.post(
        f"/api/v1/publishing/items/{body['id']}/publish/",
        {"version": submitted.json()["version"]},
        content_type="application/json",
    )
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert published.json()["published_at"]
