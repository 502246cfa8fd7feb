"""User management's declaration for the kit: the account pages and their API."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concentric.accounts import services
from concentric.accounts.filtersets import UserFilterSet
from concentric.accounts.forms import UserCreateForm, UserEditForm
from concentric.accounts.models import User
from concentric.accounts.tables import UserTable
from concentric.accounts.views_users import UserCreatePage, UserDetailPage, visible_assignments
from concentric.core.kit.crud import Crud, Services


class UserCrud(Crud):
    model = User
    namespace = "users"
    filterset_class = UserFilterSet
    table = UserTable
    ordering = ("username", "pk")
    form_class = UserCreateForm
    edit_form_class = UserEditForm
    services = Services(create=services.user_create, update=services.user_update, id_kwarg="user_id")
    # Accounts are disabled (is_active), never deleted.
    pages = ("list", "detail", "create", "edit", "unmask")
    page_classes = {"detail": UserDetailPage, "create": UserCreatePage}
    detail_template = "accounts/user_detail.html"
    title = gettext_lazy("Users")
    create_label = gettext_lazy("New user")
    messages = {
        "created": gettext_lazy("User %(name)s was created."),
        "saved": gettext_lazy("User %(name)s was saved."),
    }

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("org_unit").prefetch_related(
            Prefetch("role_assignments", queryset=visible_assignments(user))
        )

    @classmethod
    def object_queryset(cls, user, queryset):
        return queryset.select_related("org_unit")

    @classmethod
    def edit_title(cls, user):
        return _("Edit user %(name)s") % {"name": user}

    @classmethod
    def create(cls, actor, values):
        try:
            return super().create(actor, values)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            # The one check that answers a bare list is the password policy.
            raise ValidationError({"password": error.messages}) from error
