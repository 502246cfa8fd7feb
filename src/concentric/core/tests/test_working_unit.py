"""The unit switcher: choosing a working unit narrows lists to its subtree, never widens them."""

from django.urls import reverse

from concentric.accounts.models import RoleAssignment
from concentric.core.roles import Role
from conftest import make_user, sign_in


def listed_codes(response) -> list[str]:
    return sorted(row.code for row, _cells in response.context["rows"])


def test_choosing_a_working_unit_narrows_lists_and_all_restores_them(client, tree):
    user = make_user("two_hats", tree["C1"], Role.STAFF)
    RoleAssignment.objects.create(user=user, org_unit=tree["C2"], role=Role.LEADER)
    sign_in(client, user)
    assert listed_codes(client.get(reverse("org:list"))) == ["C1", "C2"]

    response = client.post(reverse("switch_unit"), {"unit": tree["C2"].pk, "next": reverse("org:list")})
    assert response.status_code == 302 and response["Location"] == reverse("org:list")
    page = client.get(reverse("org:list"))
    assert listed_codes(page) == ["C2"]
    assert page.context["shell_working_unit"].pk == tree["C2"].pk

    client.post(reverse("switch_unit"), {"unit": "", "next": reverse("org:list")})
    assert listed_codes(client.get(reverse("org:list"))) == ["C1", "C2"]


def test_a_unit_the_user_holds_no_role_on_cannot_be_chosen(client, users, tree):
    sign_in(client, users["c1_staff"])
    client.post(reverse("switch_unit"), {"unit": tree["C2"].pk, "next": "https://evil.example/"})
    page = client.get(reverse("org:list"))
    assert listed_codes(page) == ["C1"]
    assert not page.context["shell_working_unit"]  # a lazy None


def test_switching_never_redirects_off_site(client, users, tree):
    sign_in(client, users["c1_staff"])
    response = client.post(reverse("switch_unit"), {"unit": tree["C1"].pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")
