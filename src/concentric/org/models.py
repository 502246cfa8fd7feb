"""The organisation tree. ``path`` materialises the ancestry ("/1/4/9/") so a subtree is one
indexed prefix match; services keep it right when units are created or moved."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concentric.core.models import VersionedModel
from concentric.core.roles import BUSINESS_ROLES, SEPARATED_ADMIN_ROLES, Role
from concentric.core.scoping import Action, ScopedManager, ScopePolicy
from concentric.org.choices import UnitKind

_MANAGERS = frozenset({Role.UNIT_ADMIN, Role.SYSTEM_ADMIN})
PATH_DIGITS = 10  # fixed-width ids keep siblings in creation order when paths sort as text


def tree_path(parent: "OrgUnit | None", pk: int) -> str:
    """The materialised path of unit ``pk`` under ``parent``: "/0000000001/0000000004/"."""
    return f"{parent.path if parent else '/'}{pk:0{PATH_DIGITS}d}/"


class OrgUnit(VersionedModel):
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=UnitKind.choices)
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_.-]+$", _("Use letters, digits, dot, dash or underscore only."))],
    )
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = ScopedManager()
    scope = ScopePolicy(
        unit_field="self",
        grants={
            Action.VIEW: BUSINESS_ROLES | SEPARATED_ADMIN_ROLES,
            Action.EXPORT: BUSINESS_ROLES | {Role.SYSTEM_ADMIN},
            Action.ADD: _MANAGERS,
            Action.CHANGE: _MANAGERS,
            Action.DELETE: _MANAGERS,
        },
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:detail", args=[self.pk])

    def is_descendant_of(self, other: "OrgUnit") -> bool:
        return self.path.startswith(other.path)

    def set_path(self) -> None:
        """Derive ``path`` and ``depth`` from the parent (the unit must have its pk)."""
        self.path = tree_path(self.parent, self.pk)
        self.depth = self.parent.depth + 1 if self.parent else 0
