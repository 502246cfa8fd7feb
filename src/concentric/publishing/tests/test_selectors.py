"""``items_published``: what the quota engine counts (每日有信息): each published item once, for
its own unit and its local publish date; a withdrawn or unpublished item does not count."""

from datetime import timedelta

from django.utils import timezone

from concentric.publishing.selectors import items_published, items_published_this_month
from concentric.publishing.services.workflow import item_withdraw


def test_items_count_for_their_unit_and_publish_date(users, tree, write):
    c1 = write("东坡一", state="published")
    write("东坡二", state="submitted")
    write("东坡三")
    c2 = write("岳王一", unit="C2", state="published")
    withdrawn = write("岳王二", unit="C2", state="published")
    item_withdraw(actor=users["sub_admin"], item_id=withdrawn.pk, version=withdrawn.version, comment="有误")
    today = timezone.localdate()
    admin = users["sub_admin"]
    assert set(items_published(user=admin, unit=tree["C1"], date_from=today, date_to=today)) == {c1}
    assert set(items_published(user=admin, unit=tree["C2"], date_from=today, date_to=today)) == {c2}
    assert set(items_published(user=admin, unit=tree["S"], include_subunits=True)) == {c1, c2}
    assert not items_published(user=admin, unit=tree["S"]).exists()  # the subdistrict's own: none
    yesterday = today - timedelta(days=1)
    assert not items_published(user=admin, unit=tree["C1"], date_from=yesterday, date_to=yesterday).exists()
    assert set(items_published(user=users["c2_staff"])) == {c2}  # in the user's scope only
    assert set(items_published_this_month(users["leader"])) == {c1, c2}
