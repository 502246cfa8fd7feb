"""The user list's columns."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concentric.core.kit.tables import Column, Table


def _roles_text(user) -> str:
    """The roles the viewer may see (prefetched by UserCrud.list_queryset), with their units."""
    return _(", ").join(
        _("%(role)s (%(unit)s)") % {"role": a.get_role_display(), "unit": a.org_unit.name}
        for a in user.role_assignments.all()
    )


class UserTable(Table):
    username = Column(gettext_lazy("Username"), "username")
    full_name = Column(gettext_lazy("Full name"), "full_name")
    unit = Column(gettext_lazy("Unit"), "org_unit.name")
    roles = Column(gettext_lazy("Roles"), _roles_text)
    phone = Column(gettext_lazy("Mobile phone"), "phone", mask="phone", nowrap=True)
    status = Column(gettext_lazy("Status"), lambda u: _("Active") if u.is_active else _("Disabled"))
