"""The columns of the pairing project and donation lists and their exports."""

from django.utils.translation import gettext_lazy as _

from concentric.activities.display_donations import donor_text, goods_text, recipient_text
from concentric.core.kit.tables import Column, Table


class PairingTable(Table):
    name = Column(_("Name"), "name", width=28)
    partner = Column(_("Partner"), "partner", width=20)
    unit = Column(_("Unit"), "org_unit.name", width=20)
    start_on = Column(_("From"), "start_on", width=12, nowrap=True)
    end_on = Column(_("Until"), "end_on", width=12, nowrap=True)
    description = Column(_("Description"), "description", width=40)

    page = ("name", "partner", "unit", "start_on", "end_on")


class DonationTable(Table):
    donated_on = Column(_("Date"), "donated_on", width=12, nowrap=True)
    donor = Column(_("Donor"), donor_text, width=24)
    donor_kind = Column(_("Donor kind"), "get_donor_kind_display", width=10)
    recipient = Column(_("To"), recipient_text, width=28)
    kind = Column(_("Kind"), "get_kind_display", width=8)
    amount = Column(_("Amount (yuan)"), "amount", width=16, nowrap=True)
    goods = Column(_("Goods"), goods_text, width=24)
    item = Column(_("Item"), "item", width=16)
    quantity = Column(_("Quantity"), "quantity", width=12)
    quantity_unit = Column(_("Unit of measure"), "quantity_unit", width=10)
    unit = Column(_("Recording unit"), "org_unit.name", width=20)
    remarks = Column(_("Remarks"), "remarks", width=30)

    page = ("donated_on", "donor", "recipient", "kind", "amount", "goods", "unit")
    export = (
        "donated_on",
        "donor",
        "donor_kind",
        "recipient",
        "kind",
        "amount",
        "item",
        "quantity",
        "quantity_unit",
        "unit",
        "remarks",
    )
