from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concentric.core.fields import BlindIndexField, EncryptedTextField
from concentric.core.roles import SEPARATED_ADMIN_ROLES, Role
from concentric.core.scoping import Action, ScopedQuerySet, ScopePolicy

_ACCOUNT_MANAGERS = frozenset({Role.UNIT_ADMIN, Role.SYSTEM_ADMIN})
_ROLE_GRANTERS = frozenset({Role.UNIT_ADMIN, Role.SECURITY_ADMIN})


class UserManager(BaseUserManager.from_queryset(ScopedQuerySet)):
    use_in_migrations = True

    def create_user(self, username, password=None, **extra):
        user = self.model(username=self.model.normalize_username(username), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    username = models.CharField(
        _("username"),
        max_length=64,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_.@-]+$", _("Use letters, digits and . @ _ - only."))],
    )
    full_name = models.CharField(_("full name"), max_length=64)
    email = models.EmailField(_("email"), blank=True)
    org_unit = models.ForeignKey("org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="users")
    title = models.CharField(_("post"), max_length=64, blank=True)
    phone = EncryptedTextField(_("mobile phone"), mask="phone")
    phone_index = BlindIndexField(source="phone")
    id_number = EncryptedTextField(_("ID number"), mask="id_number")
    id_number_index = BlindIndexField(source="id_number")
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    must_change_password = models.BooleanField(_("must change password"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = UserManager()
    scope = ScopePolicy(
        unit_field="org_unit",
        grants={
            Action.VIEW: _ACCOUNT_MANAGERS | {Role.SECURITY_ADMIN},
            Action.EXPORT: _ACCOUNT_MANAGERS,
            Action.ADD: _ACCOUNT_MANAGERS,
            Action.CHANGE: _ACCOUNT_MANAGERS,
            Action.UNMASK: _ACCOUNT_MANAGERS,
        },
    )
    SENSITIVE_FIELDS = frozenset({"phone", "id_number"})

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["username"]
        indexes = [
            # Blind indexes: equality lookups only, partial on IS NOT NULL (see BlindIndexField).
            models.Index(fields=["phone_index"], condition=Q(phone_index__isnull=False), name="user_phone_index"),
            models.Index(
                fields=["id_number_index"], condition=Q(id_number_index__isnull=False), name="user_id_number_index"
            ),
        ]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return f"{self.full_name} ({self.username})" if self.full_name else self.username

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("users:detail", args=[self.pk])

    def role_set(self) -> frozenset[str]:
        from concentric.core.scoping import user_scope

        return user_scope(self).roles

    def holds_separated_admin_role(self) -> bool:
        return bool(self.role_set() & SEPARATED_ADMIN_ROLES)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments")
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    granted_by = models.ForeignKey(
        User, verbose_name=_("granted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope = ScopePolicy(
        unit_field="org_unit",
        grants={
            Action.VIEW: _ACCOUNT_MANAGERS | {Role.SECURITY_ADMIN},
            Action.ADD: _ROLE_GRANTERS,
            Action.DELETE: _ROLE_GRANTERS,
        },
    )

    class Meta:
        ordering = ["org_unit__path", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "org_unit", "role"], name="unique_role_assignment")]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self):
        return f"{self.get_role_display()} @ {self.org_unit}"


class ApiToken(models.Model):
    """A user's API token. Only its keyed SM3 digest is stored: the key is shown once, at issue."""

    user = models.OneToOneField(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_token")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"API token of {self.user}"
