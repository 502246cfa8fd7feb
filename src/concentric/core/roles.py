from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_ADMIN = "unit_admin", _("Unit administrator")
    STAFF = "staff", _("Staff")
    LEADER = "leader", _("Leader (read-only)")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


# 三员分立: the three separated administrator duties. One account may hold at most one of them.
SEPARATED_ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
# Roles that see and work on business records (members, activities, cases ...).
BUSINESS_ROLES = frozenset({Role.UNIT_ADMIN, Role.STAFF, Role.LEADER})
# Roles whose holders must sign in with a second factor.
SECOND_FACTOR_ROLES = SEPARATED_ADMIN_ROLES | {Role.UNIT_ADMIN}
