"""The left menu marks exactly one entry: the page's own, or its app's first."""

from django.urls import reverse

from concentric.people.models import Category, Person


def _active(response) -> list[str]:
    return [item["url"] for group in response.context["menu"] for item in group["items"] if item["active"]]


def test_list_pages_mark_themselves(client_for):
    client = client_for("sub_admin")
    assert _active(client.get(reverse("people:board"))) == [reverse("people:board")]
    assert _active(client.get(reverse("people:categories"))) == [reverse("people:categories")]


def test_pages_under_an_entry_mark_that_entry_only(client_for, tree, users):
    client = client_for("sub_admin")
    person = Person.objects.create(name="测试", org_unit=tree["C1"], main_category_id=1)
    assert _active(client.get(reverse("people:detail", args=[person.pk]))) == [reverse("people:list")]
    assert _active(client.get(reverse("people:category_create"))) == [reverse("people:categories")]
    assert _active(client.get(reverse("home"))) == [reverse("home")]


def test_a_worker_sees_the_category_dictionary_read_only(client_for):
    # Every business role may read the dictionary; only its editors get 新增 and row links.
    response = client_for("c1_staff").get(reverse("people:categories"))
    urls = [item["url"] for group in response.context["menu"] for item in group["items"]]
    assert reverse("people:categories") in urls
    body = response.content.decode()
    first = Category.objects.order_by("sort", "code").first()
    assert first.name in body
    assert 'data-testid="toolbar-create"' not in body and reverse("people:category_create") not in body
    assert reverse("people:category_edit", args=[first.pk]) not in body


def test_a_record_page_marks_the_list_it_belongs_to_among_several_of_its_app(client_for, tree, users):
    from concentric.activities.tests.donation_helpers import money, project

    client = client_for("sub_admin")
    pairing = project(users["sub_admin"], tree["S"])
    donation = money(users["sub_admin"], tree["S"], "100")
    assert _active(client.get(reverse("donations:detail", args=[donation.pk]))) == [reverse("donations:list")]
    pairing_page = client.get(reverse("donations:pairing_detail", args=[pairing.pk]))
    assert _active(pairing_page) == [reverse("donations:pairing_list")]
