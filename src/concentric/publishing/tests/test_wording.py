"""The item's wording in Chinese: its own field names (contextual messages), never the words other
apps use for the same English (活动名称, 列)."""

from django.urls import reverse

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
