"""User management pages: list, detail, create, edit, roles, unmasking, resets.

The system administrator manages accounts everywhere, a unit administrator within their subtree;
the security administrator views accounts and grants roles; the audit administrator has no
access. All of it follows from the scope policies on User and RoleAssignment.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

from concentric.accounts import services
from concentric.core.roles import Role
from concentric.accounts.filtersets import UserFilterSet
from concentric.accounts.forms import (
    GrantRoleForm,
    PasswordResetForm,
    UnmaskForm,
    UserCreateForm,
    UserEditForm,
)
from concentric.accounts.models import RoleAssignment, User
from concentric.accounts.views import add_password_errors
from concentric.core.masking import mask
from concentric.core.scoping import Action, can, user_scope
from concentric.core.views_base import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    ServiceFormView,
    require_page_permission,
)


def _users_crumb():
    return {"label": _("Users"), "url": reverse("users:list")}


def _roles_text(user) -> str:
    return _(", ").join(
        _("%(role)s (%(unit)s)") % {"role": a.get_role_display(), "unit": a.org_unit.name}
        for a in user.role_assignments.all()
    )


def _visible_assignments(actor):
    return RoleAssignment.objects.visible_to(actor, Action.VIEW).select_related("org_unit")


class UserListView(ScopedListView):
    model = User
    filterset_class = UserFilterSet
    ordering = ("username", "pk")
    title = gettext_lazy("Users")
    create_url_name = "users:create"
    columns = [
        Column(gettext_lazy("Username"), lambda u: u.username),
        Column(gettext_lazy("Full name"), lambda u: u.full_name),
        Column(gettext_lazy("Unit"), lambda u: u.org_unit.name),
        Column(gettext_lazy("Roles"), _roles_text),
        Column(gettext_lazy("Mobile phone"), lambda u: mask(u.phone, "phone"), nowrap=True),
        Column(gettext_lazy("Status"), lambda u: _("Active") if u.is_active else _("Disabled")),
    ]

    def base_queryset(self):
        actor = self.request.user
        return (
            super()
            .base_queryset()
            .select_related("org_unit")
            .prefetch_related(Prefetch("role_assignments", queryset=_visible_assignments(actor)))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [{"label": _("Users"), "url": ""}]
        return context


class UserDetailView(ScopedDetailView):
    model = User
    template_name = "accounts/user_detail.html"

    def get_object(self):
        try:
            return (
                User.objects.visible_to(self.request.user, Action.VIEW)
                .select_related("org_unit")
                .get(pk=self.kwargs["pk"])
            )
        except User.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor, user = self.request.user, self.object
        is_self = actor.pk == user.pk
        grantable = services.grantable_roles(actor)
        assignments = list(_visible_assignments(actor).filter(user=user).order_by("org_unit__path", "role"))
        revocable = set()
        if not is_self:
            revocable = set(
                RoleAssignment.objects.visible_to(actor, Action.DELETE)
                .filter(user=user, role__in=grantable)
                .values_list("pk", flat=True)
            )
        grant_form = None if is_self else GrantRoleForm(actor=actor, initial={"org_unit": user.org_unit_id})
        can_unmask = can(actor, Action.UNMASK, User, user.org_unit)
        context.update(
            title=str(user),
            breadcrumbs=[_users_crumb(), {"label": str(user), "url": ""}],
            sensitive=[
                {"field": name, "label": User._meta.get_field(name).verbose_name, "masked": mask(getattr(user, name), kind)}
                for name, kind in (("phone", "phone"), ("id_number", "id_number"))
            ],
            can_unmask=can_unmask,
            assignments=[(a, a.pk in revocable) for a in assignments],
            grant_form=grant_form if grant_form is not None and grant_form.usable else None,
            can_edit=can(actor, Action.CHANGE, User, user.org_unit),
            has_authenticator=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            can_reset_otp=Role.SECURITY_ADMIN in user_scope(actor).roles and not is_self,
        )
        return context


@method_decorator(never_cache, name="dispatch")
class UnmaskView(ScopedObjectMixin, View):
    """POST a reason; answers the clear value as an htmx partial (a small page without htmx)."""

    access = "write"
    model = User
    object_action = Action.UNMASK
    http_method_names = ["post"]

    def post(self, request, pk):
        form = UnmaskForm(request.POST)
        context = {"object": self.object, "form": form, "unmask_url": reverse("users:unmask", args=[self.object.pk])}
        if form.is_valid():
            field = form.cleaned_data["field"]
            context.update(
                field=field,
                revealed=True,
                label=User._meta.get_field(field).verbose_name,
                value=services.user_unmask(
                    actor=request.user, user_id=self.object.pk, field=field, reason=form.cleaned_data["reason"]
                ),
            )
        else:
            field = request.POST.get("field", "")
            if field not in User.SENSITIVE_FIELDS:
                raise Http404
            context.update(
                field=field,
                label=User._meta.get_field(field).verbose_name,
                masked=mask(getattr(self.object, field), User._meta.get_field(field).mask),
                can_unmask=True,
                error=_("Give the reason for viewing the unmasked value."),
            )
        if request.htmx:
            return render(request, "core/partials/sensitive_value.html", context)
        context.update(
            title=_("Unmasked value"),
            breadcrumbs=[
                _users_crumb(),
                {"label": str(self.object), "url": self.object.get_absolute_url()},
                {"label": _("Unmasked value"), "url": ""},
            ],
        )
        return render(request, "accounts/user_unmask.html", context)


class GrantRoleView(ScopedObjectMixin, View):
    access = "write"
    model = User
    http_method_names = ["post"]

    def post(self, request, pk):
        form = GrantRoleForm(request.POST, actor=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.object.get_absolute_url())
        try:
            assignment = services.role_grant(
                actor=request.user, user=self.object, org_unit=form.cleaned_data["org_unit"], role=form.cleaned_data["role"]
            )
        except (ValidationError, PermissionDenied) as error:
            for message in _messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Granted: %(assignment)s.") % {"assignment": assignment})
        return redirect(self.object.get_absolute_url())


class RevokeRoleView(ScopedObjectMixin, View):
    access = "write"
    model = RoleAssignment
    http_method_names = ["post"]

    def post(self, request, pk):
        assignment = self.object
        label = str(assignment)
        try:
            services.role_revoke(actor=request.user, assignment_id=assignment.pk)
        except (ValidationError, PermissionDenied) as error:
            for message in _messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Revoked: %(assignment)s.") % {"assignment": label})
        if User.objects.visible_to(request.user, Action.VIEW).filter(pk=assignment.user_id).exists():
            return redirect("users:detail", pk=assignment.user_id)
        return redirect("users:list")


def _messages_of(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error) or _("You do not have permission to do this here.")]


class ResetOTPView(ScopedObjectMixin, View):
    access = "write"
    model = User
    http_method_names = ["post"]

    def post(self, request, pk):
        services.totp_reset(actor=request.user, user_id=self.object.pk)  # PermissionDenied -> 403
        messages.success(request, _("The authenticator was removed. The user binds a new one at the next sign-in."))
        return redirect(self.object.get_absolute_url())


# --- forms ------------------------------------------------------------------------------------


class UserCreateView(ServiceFormView):
    form_class = UserCreateForm
    title = gettext_lazy("New user")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_page_permission(request.user, Action.ADD, User)
        return super().dispatch(request, *args, **kwargs)

    @method_decorator(sensitive_post_parameters("password", "password2"))
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            breadcrumbs=[_users_crumb(), {"label": _("New user"), "url": ""}],
            cancel_url=reverse("users:list"),
        )
        return context

    def perform(self, form):
        data = form.cleaned_data
        try:
            return services.user_create(
                actor=self.request.user,
                username=data["username"],
                full_name=data["full_name"],
                org_unit=data["org_unit"],
                password=data["password"],
                initial_role=data.get("initial_role") or "",
                title=data["title"],
                email=data["email"],
                phone=data["phone"],
                id_number=data["id_number"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise ValidationError({"password": error.messages}) from error
            raise

    def success_message(self, result):
        return _("User %(user)s was created.") % {"user": result}


class UserEditView(ScopedObjectMixin, ServiceFormView):
    model = User
    object_action = Action.CHANGE
    form_class = UserEditForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user, "user": self.object}

    def get_initial(self):
        user = self.object
        return {
            "version": user.version,
            "full_name": user.full_name,
            "org_unit": user.org_unit_id,
            "title": user.title,
            "email": user.email,
            "is_active": user.is_active,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Edit user %(user)s") % {"user": self.object},
            breadcrumbs=[
                _users_crumb(),
                {"label": str(self.object), "url": self.object.get_absolute_url()},
                {"label": _("Edit"), "url": ""},
            ],
            cancel_url=self.object.get_absolute_url(),
        )
        return context

    def perform(self, form):
        return services.user_update(
            actor=self.request.user,
            user_id=self.object.pk,
            version=form.cleaned_data["version"],
            **form.changes(),
        )

    def success_message(self, result):
        return _("User %(user)s was saved.") % {"user": result}


class ResetPasswordView(ScopedObjectMixin, ServiceFormView):
    model = User
    object_action = Action.CHANGE
    form_class = PasswordResetForm

    @method_decorator(sensitive_post_parameters("new_password", "new_password2"))
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Reset the password of %(user)s") % {"user": self.object},
            breadcrumbs=[
                _users_crumb(),
                {"label": str(self.object), "url": self.object.get_absolute_url()},
                {"label": _("Reset password"), "url": ""},
            ],
            cancel_url=self.object.get_absolute_url(),
        )
        return context

    def form_valid(self, form):
        try:
            services.user_set_password(
                actor=self.request.user, user_id=self.object.pk, password=form.cleaned_data["new_password"]
            )
        except ValidationError as error:
            add_password_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The password was reset. The user must change it at the next sign-in."))
        return redirect(self.object.get_absolute_url())
