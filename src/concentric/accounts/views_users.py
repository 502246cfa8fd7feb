"""The user-management pages that differ from the kit's standard ones (accounts.crud declares the
standard ones): the account's page with its roles, granting and revoking roles, resetting a
password or an authenticator.

The system administrator manages accounts everywhere, a unit administrator within their subtree;
the security administrator views accounts and grants roles; the audit administrator has no
access. All of it follows from the scope policies on User and RoleAssignment.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

from concentric.accounts import services
from concentric.accounts.forms import GrantRoleForm, PasswordResetForm
from concentric.accounts.models import RoleAssignment, User
from concentric.accounts.views import add_password_errors
from concentric.core.kit import pages
from concentric.core.roles import Role
from concentric.core.scoping import Action, user_scope


def visible_assignments(actor):
    return RoleAssignment.objects.visible_to(actor, Action.VIEW).select_related("org_unit")


class UserDetailPage(pages.DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor, user = self.request.user, self.object
        is_self = actor.pk == user.pk
        grantable = services.grantable_roles(actor)
        assignments = list(visible_assignments(actor).filter(user=user).order_by("org_unit__path", "role"))
        revocable = set()
        if not is_self:
            revocable = set(
                RoleAssignment.objects.visible_to(actor, Action.DELETE)
                .filter(user=user, role__in=grantable)
                .values_list("pk", flat=True)
            )
        grant_form = None if is_self else GrantRoleForm(actor=actor, initial={"org_unit": user.org_unit_id})
        context.update(
            assignments=[(a, a.pk in revocable) for a in assignments],
            grant_form=grant_form if grant_form is not None and grant_form.usable else None,
            has_authenticator=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            can_reset_otp=Role.SECURITY_ADMIN in user_scope(actor).roles and not is_self,
        )
        return context


@method_decorator(sensitive_post_parameters("password", "password2"), name="post")
class UserCreatePage(pages.CreatePage):
    pass


class GrantRolePage(pages.ObjectActionPage):
    """The account's page loads the account with VIEW; which role may be granted where is
    role_grant's rule."""

    object_action = Action.VIEW

    def act(self):
        form = GrantRoleForm(self.request.POST, actor=self.request.user)
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        self.assignment = services.role_grant(
            actor=self.request.user,
            user=self.object,
            org_unit=form.cleaned_data["org_unit"],
            role=form.cleaned_data["role"],
        )

    def done_message(self):
        return _("Granted: %(assignment)s.") % {"assignment": self.assignment}


class RevokeRolePage(pages.ObjectActionPage):
    object_action = Action.DELETE

    def act(self):
        self.label = str(self.object)
        services.role_revoke(actor=self.request.user, assignment_id=self.object.pk)

    def done_message(self):
        return _("Revoked: %(assignment)s.") % {"assignment": self.label}

    def return_url(self):
        holder = self.object.user_id
        if User.objects.visible_to(self.request.user, Action.VIEW).filter(pk=holder).exists():
            return self.crud.url("detail", holder)
        return self.crud.url("list")

    refused_url = return_url


class ResetOTPPage(pages.ObjectActionPage):
    """Only the security administrator passes totp_reset (others: 403)."""

    object_action = Action.VIEW

    def act(self):
        services.totp_reset(actor=self.request.user, user_id=self.object.pk)

    def post(self, request, *args, **kwargs):
        self.act()  # PermissionDenied -> 403
        messages.success(request, _("The authenticator was removed. The user binds a new one at the next sign-in."))
        return redirect(self.return_url())


@method_decorator(sensitive_post_parameters("new_password", "new_password2"), name="post")
class ResetPasswordPage(pages.ObjectPage, pages.FormPage):
    object_action = Action.CHANGE

    def get_form_class(self):
        return PasswordResetForm

    def heading(self):
        return {
            "title": _("Reset the password of %(user)s") % {"user": self.object},
            "breadcrumbs": [
                *self.crud.object_crumbs(self.request.user, self.object, link_last=True),
                {"label": _("Reset password"), "url": ""},
            ],
            "cancel_url": self.crud.object_url(self.object),
        }

    def form_valid(self, form):
        try:
            services.user_set_password(
                actor=self.request.user, user_id=self.object.pk, password=form.cleaned_data["new_password"]
            )
        except ValidationError as error:
            add_password_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The password was reset. The user must change it at the next sign-in."))
        return redirect(self.crud.object_url(self.object))
