"""What a co-organising unit is shown of a shared activity: the participants' names, but a link
only to the members it may open, and on the certificate form only the members and hours its own
units recorded (谁记录谁证明), never the other units' members it merely sees at the activity."""

from django.urls import reverse

from concentric.activities.forms_volunteering import CertificateIssueForm
from concentric.activities.tests.volunteering_support import approved, make_activity, make_member, volunteer


def test_a_co_organiser_sees_other_units_participants_unlinked(tree, users, client_for):
    activity = make_activity(tree["S"], title="街道联合志愿服务")
    activity.co_units.add(tree["C1"])
    own, other = make_member(tree["C1"], "东坡成员"), make_member(tree["C2"], "岳王成员", phone="13900000000")
    volunteer(activity, own)
    volunteer(activity, other)
    page = client_for("c1_staff").get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "岳王成员" in page and reverse("people:detail", args=[other.pk]) not in page
    assert reverse("people:detail", args=[own.pk]) in page
    whole = client_for("sub_staff").get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert reverse("people:detail", args=[other.pk]) in whole


def test_the_certificate_form_offers_only_what_the_users_units_may_certify(tree, users):
    shared = make_activity(tree["S"], title="街道联合志愿服务")
    shared.co_units.add(tree["C1"])
    own_activity = make_activity(tree["C1"], title="社区志愿服务")
    own, other = make_member(tree["C1"], "东坡成员"), make_member(tree["C2"], "岳王成员", phone="13900000000")
    approved(volunteer(shared, other), 3)
    approved(volunteer(shared, own), 2)
    approved(volunteer(own_activity, own), 4)
    offered = dict(CertificateIssueForm(actor=users["c1_staff"], instance=None).fields["person"].choices)
    assert set(offered) == {"", own.pk}
    assert "4" in offered[own.pk] and "6" not in offered[own.pk]  # the subdistrict's 2 hours are its to certify
    offered = dict(CertificateIssueForm(actor=users["sub_staff"], instance=None).fields["person"].choices)
    assert set(offered) == {"", own.pk, other.pk}
