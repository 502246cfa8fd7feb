"""How audit codes read in the UI: action names and chain-check problems in the user's language."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    "login": pgettext_lazy("audit action", "Sign in"),
    "logout": pgettext_lazy("audit action", "Sign out"),
    "lockout": pgettext_lazy("audit action", "Lockout"),
    "create": pgettext_lazy("audit action", "Create"),
    "update": pgettext_lazy("audit action", "Update"),
    "delete": pgettext_lazy("audit action", "Delete"),
    "export": pgettext_lazy("audit action", "Export"),
    "import": pgettext_lazy("audit action", "Import"),
    "unmask": pgettext_lazy("audit action", "View in clear"),
    "role.grant": pgettext_lazy("audit action", "Grant role"),
    "role.revoke": pgettext_lazy("audit action", "Revoke role"),
    "password.change": pgettext_lazy("audit action", "Change password"),
    "password.reset": pgettext_lazy("audit action", "Reset password"),
    "otp.enrol": pgettext_lazy("audit action", "Enrol authenticator"),
    "otp.verify": pgettext_lazy("audit action", "Authenticator check"),
    "otp.reset": pgettext_lazy("audit action", "Reset authenticator"),
    "audit.purge": pgettext_lazy("audit action", "Purge audit log"),
    "api_token.issue": pgettext_lazy("audit action", "Issue API token"),
    "api_token.revoke": pgettext_lazy("audit action", "Revoke API token"),
    "access": pgettext_lazy("audit action", "Access"),
}

ACTION_CHOICES = list(ACTION_LABELS.items())

# Object types that are not models.
EXTRA_OBJECT_TYPES = {"audit.chain": _("audit chain")}

# The problems audit_verify reports (its text is fixed English for logs and the command).
CHAIN_PROBLEMS = {
    "prev_hash does not match the previous event": _(
        "its link to the previous event does not match (an event before it was deleted or inserted)"
    ),
    "first event does not start the chain": _("the oldest event does not start the chain (events were deleted)"),
    "hash does not match the event's contents": _("its contents no longer match its hash (the event was altered)"),
    "newest events are missing from the chain": _("the newest events are missing (events were deleted)"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def chain_problem_label(problem: str) -> str:
    return str(CHAIN_PROBLEMS.get(problem, problem))


def field_label(object_type: str, name: str) -> str:
    """The field's name as the model's form shows it (``people.person`` + ``phone`` → 手机号码);
    the code itself for a field the model no longer has or an object type that is not a model."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        return str(apps.get_model(object_type)._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        return name
