"""The item's wording in Chinese: its own field names (contextual messages), never the words other
apps use for the same English (活动名称, 列)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from concentric.core.scoping import Action
from concentric.core.tests import samples
from concentric.publishing.crud import ColumnCrud
from concentric.publishing.models import Column
from concentric.publishing.services.workflow import item_return
from conftest import sign_in


def test_the_title_reads_biaoti_and_the_column_filter_zhuanti_lanmu(client, users, write):
    write("东坡路新乡贤", state="published")
    sign_in(client, users["c1_admin"])
    form = client.get(reverse("publishing:create")).content.decode()
    assert ">标题" in form and "活动名称" not in form
    listing = client.get(reverse("publishing:list")).content.decode()
    assert ">标题<" in listing and "活动名称" not in listing
    label = listing.split('for="id_column"', 1)[1].split("</label>", 1)[0]
    assert "专题栏目" in label and "列" not in label
    export = client.get(reverse("publishing:export"), {"format": "csv"})
    header = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:2] == ["标题", "专题栏目"] and "摘要" in header and "来源" in header


def _count(user, column) -> int:
    """The 信息数 of ``column`` on the column list of ``user``."""
    columns = ColumnCrud.list_queryset(user, Column.objects.visible_to(user, Action.VIEW))
    return columns.get(pk=column.pk).item_count


def test_the_column_list_counts_only_the_items_the_user_sees(client, users, write, column):
    write("东坡路新乡贤")
    write("岳王社区动态", unit="C2")
    write("岳王社区二", unit="C2")
    assert _count(users["c1_staff"], column) == 1
    assert _count(users["c2_staff"], column) == 2
    assert _count(users["sub_admin"], column) == 3
    sign_in(client, users["c1_staff"])
    page = client.get(reverse("publishing:columns")).content.decode()
    assert column.name in page and "信息数" in page


def test_the_form_of_a_returned_item_shows_the_comment_and_the_cover(client, users, write):
    cover = SimpleUploadedFile("cover.png", samples.png(40, 30), content_type="image/png")
    item = write(state="submitted", cover=cover)
    item = item_return(actor=users["sub_admin"], item_id=item.pk, version=item.version, comment="请补充时间地点")
    sign_in(client, users["c1_staff"])
    form = client.get(reverse("publishing:edit", args=[item.pk])).content.decode()
    assert 'data-testid="return-comment"' in form and "请补充时间地点" in form
    thumb = form.split('data-testid="current-cover"', 1)[0].rsplit("<img", 1)[1]
    assert f'src="{reverse("publishing:cover", args=[item.pk])}"' in thumb
    assert client.get(reverse("publishing:cover", args=[item.pk])).status_code == 200
    draft = write("没有退回")
    plain = client.get(reverse("publishing:edit", args=[draft.pk])).content.decode()
    assert 'data-testid="return-comment"' not in plain and 'data-testid="current-cover"' not in plain


def test_the_home_card_links_to_this_months_published_items(client, users, write):
    write("东坡路新乡贤", state="published")
    sign_in(client, users["c1_admin"])
    home = client.get(reverse("home")).content.decode()
    today = timezone.localdate()
    link = (
        f"{reverse('publishing:list')}?status=published&amp;published_from={today.replace(day=1).isoformat()}"
        f"&amp;published_until={today.isoformat()}"
    )
    assert link in home
    listing = client.get(link.replace("&amp;", "&")).content.decode()
    assert "东坡路新乡贤" in listing


def test_the_publish_time_is_exported_as_a_date_time(client, users, write):
    item = write("东坡路新乡贤", state="published")
    sign_in(client, users["c1_admin"])
    export = client.get(reverse("publishing:export"), {"format": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    at = rows[0].split(",").index("发布时间")
    assert rows[1].split(",")[at] == timezone.localtime(item.published_at).strftime("%Y-%m-%d %H:%M:%S")
    listing = client.get(reverse("publishing:list")).content.decode()
    assert timezone.localtime(item.published_at).strftime("%Y-%m-%d %H:%M") in listing
