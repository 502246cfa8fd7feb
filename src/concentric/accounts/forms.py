"""Forms for signing in and for managing accounts. Every choice comes from the scoping primitive."""

from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.validators import RegexValidator
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from concentric.accounts.models import RoleAssignment, User
from concentric.accounts.services import USERNAME_TAKEN, grantable_roles, username_taken
from concentric.core.forms import CHOOSE, BootstrapForm, UnitChoiceField
from concentric.core.identity import validate_id_number
from concentric.core.kit.forms import KitForm, model_field
from concentric.core.masking import mask
from concentric.core.roles import BUSINESS_ROLES, Role
from concentric.core.scoping import Action
from concentric.org.selectors import units_where

mobile_validator = RegexValidator(r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland mobile number."))


def policy_help_texts() -> list[str]:
    return [text for text in password_validators_help_texts() if text]


def policy_help_text(*extra) -> str:
    """The active password policy as one line of escaped text (form help texts render as HTML)."""
    return escape(" ".join([*policy_help_texts(), *map(str, extra)]))


def _model_field(name: str):
    return model_field(User, name)


def _clean_id_number(value: str) -> str:
    """The same GB 11643 rules as everywhere (core.identity), with their specific messages."""
    return validate_id_number(value) if value else ""


# --- signing in -------------------------------------------------------------------------------


class LoginForm(BootstrapForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class TokenForm(BootstrapForm):
    token = forms.CharField(
        label=_("Verification code"),
        validators=[RegexValidator(r"^\d{6}$", _("Enter the 6-digit code shown in your authenticator app."))],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6", "autofocus": True}
        ),
    )


class NewPasswordMixin(forms.Form):
    """A new password typed twice; the policy itself is checked by the service."""

    new_password = forms.CharField(
        label=_("New password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label=_("Repeat the new password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("The two passwords do not match."))
        return cleaned


class PasswordChangeForm(NewPasswordMixin, BootstrapForm):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["old_password", "new_password", "new_password2"]


class PasswordResetForm(NewPasswordMixin, BootstrapForm):
    """An administrator sets a temporary password; the user must replace it at next sign-in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password"].help_text = policy_help_text(_("The user must replace it at the next sign-in."))


# --- user management --------------------------------------------------------------------------


class UserCreateForm(KitForm):
    username = _model_field("username")
    full_name = _model_field("full_name")
    org_unit = UnitChoiceField(label=_("Unit"))
    title = _model_field("title")
    phone = forms.CharField(label=_("Mobile phone"), required=False, validators=[mobile_validator])
    id_number = forms.CharField(label=_("ID number"), required=False, max_length=18)
    email = _model_field("email")
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Repeat the initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    initial_role = forms.ChoiceField(
        label=_("Initial role"),
        required=False,
        help_text=_("Granted on the user's unit at once."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_where(self.actor, Action.ADD, User)
        self.fields["password"].help_text = policy_help_text(_("The user must replace it at the next sign-in."))
        roles = grantable_roles(self.actor) & BUSINESS_ROLES
        if roles:
            self.fields["initial_role"].choices = [("", _("None"))] + [
                (value, label) for value, label in Role.choices if value in roles
            ]
        else:
            del self.fields["initial_role"]

    def clean_id_number(self):
        return _clean_id_number(self.cleaned_data["id_number"])

    def clean_username(self):
        # Said beside the other problems of the form, not only once they are fixed.
        if username_taken(self.cleaned_data["username"]):
            raise forms.ValidationError(USERNAME_TAKEN)
        return self.cleaned_data["username"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password2") and cleaned["password"] != cleaned["password2"]:
            self.add_error("password2", _("The two passwords do not match."))
        if cleaned.get("password"):
            # The policy checked here too, so the form says every problem at once (the service decides).
            applicant = User(**{name: cleaned.get(name) or "" for name in ("username", "full_name", "email")})
            try:
                validate_password(cleaned["password"], applicant)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def service_values(self) -> dict:
        values = super().service_values()
        values.pop("password2", None)
        values["initial_role"] = values.get("initial_role") or ""
        return values


class UserEditForm(KitForm):
    """Sensitive values are never put back into the page: a blank field keeps the stored value."""

    full_name = _model_field("full_name")
    org_unit = UnitChoiceField(label=_("Unit"))
    title = _model_field("title")
    phone = forms.CharField(label=_("Mobile phone"), required=False, validators=[mobile_validator])
    id_number = forms.CharField(label=_("ID number"), required=False, max_length=18)
    email = _model_field("email")
    is_active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_where(self.actor, Action.CHANGE, User)
        keep = _("Leave blank to keep the current value (%(masked)s).")
        for name in ("phone", "id_number"):
            current = getattr(self.instance, name)
            if current:
                self.fields[name].help_text = keep % {"masked": mask(current, User._meta.get_field(name).mask)}

    def clean_id_number(self):
        return _clean_id_number(self.cleaned_data["id_number"])


class GrantRoleForm(BootstrapForm):
    role = forms.ChoiceField(label=_("Role"))
    org_unit = UnitChoiceField(label=_("On unit"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        roles = grantable_roles(actor)
        # No role chosen in advance: one click must not grant the most powerful one.
        self.fields["role"].choices = [("", CHOOSE)] + [
            (value, label) for value, label in Role.choices if value in roles
        ]
        self.fields["org_unit"].queryset = units_where(actor, Action.ADD, RoleAssignment)

    @property
    def usable(self) -> bool:
        return len(self.fields["role"].choices) > 1 and self.fields["org_unit"].queryset.exists()
