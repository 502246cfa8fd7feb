"""The category dictionary (dictionary editors: unit and system administrators)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concentric.core.scoping import Action, can
from concentric.core.views_base import (
    Column,
    ScopedListView,
    ScopedObjectMixin,
    ServiceFormView,
    require_page_permission,
)
from concentric.people import services
from concentric.people.forms import CategoryForm
from concentric.people.models import Category
from concentric.people.views_common import list_crumb


def _crumbs() -> list[dict]:
    return [list_crumb(), {"label": gettext_lazy("Member categories"), "url": reverse("people:categories")}]


class CategoryListView(ScopedListView):
    model = Category
    ordering = ("sort", "code", "pk")
    page_size = 200
    title = gettext_lazy("Member categories")
    create_url_name = "people:category_create"
    columns = [
        Column(gettext_lazy("Name"), lambda c: str(c)),
        Column(gettext_lazy("Code"), lambda c: c.code),
        Column(gettext_lazy("Official category"), lambda c: _("Yes") if c.is_official else _("No")),
        Column(gettext_lazy("Order"), lambda c: c.sort),
        Column(gettext_lazy("Active"), lambda c: _("Yes") if c.is_active else _("No")),
    ]

    def base_queryset(self):
        return super().base_queryset().select_related("parent")

    def row_url(self, category):
        return reverse("people:category_edit", args=[category.pk]) if can(self.request.user, Action.ADD, Category) else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [list_crumb(), {"label": _("Member categories"), "url": ""}]
        return context


class CategoryCreateView(ServiceFormView):
    model = Category
    object_action = Action.ADD
    form_class = CategoryForm
    title = gettext_lazy("New category")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_page_permission(request.user, Action.ADD, Category)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(breadcrumbs=[*_crumbs(), {"label": self.title, "url": ""}], cancel_url=reverse("people:categories"))
        return context

    def perform(self, form):
        data = form.cleaned_data
        category = services.category_create(
            actor=self.request.user, code=data["code"], name=data["name"], parent=data["parent"], sort=data["sort"]
        )
        if not data["is_active"]:
            category = services.category_update(
                actor=self.request.user, category_id=category.pk, version=category.version, is_active=False
            )
        return category

    def success_url_for(self, category):
        return reverse("people:categories")

    def success_message(self, category):
        return _("Category “%(name)s” was saved.") % {"name": category.name}


class CategoryEditView(ScopedObjectMixin, ServiceFormView):
    model = Category
    object_action = Action.CHANGE
    form_class = CategoryForm

    def get_initial(self):
        c = self.object
        return {"code": c.code, "name": c.name, "parent": c.parent_id, "sort": c.sort, "is_active": c.is_active,
                "version": c.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Edit %(name)s") % {"name": self.object.name},
            breadcrumbs=[*_crumbs(), {"label": self.object.name, "url": ""}],
            cancel_url=reverse("people:categories"),
        )
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.category_update(
            actor=self.request.user, category_id=self.object.pk, version=data["version"] or self.object.version,
            code=data["code"], name=data["name"], parent=data["parent"], sort=data["sort"], is_active=data["is_active"],
        )

    def success_url_for(self, category):
        return reverse("people:categories")

    def success_message(self, category):
        return _("Category “%(name)s” was saved.") % {"name": category.name}
