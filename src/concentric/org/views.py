"""Organisation-tree pages: the tree list, a unit's page, its forms, deletion and export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from concentric.core import registry
from concentric.core.export import ExportColumn, ScopedExportView
from concentric.core.scoping import Action, can
from concentric.core.views_base import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    ServiceFormView,
    require_page_permission,
)
from concentric.org.filtersets import OrgUnitFilterSet
from concentric.org.forms import OrgUnitEditForm, OrgUnitForm
from concentric.org.models import OrgUnit
from concentric.org.services import org_unit_create, org_unit_delete, org_unit_update

INDENT = "\u3000"


def _list_crumb():
    return {"label": _("Organisation"), "url": reverse("org:list")}


def _unit_crumbs(user, unit: OrgUnit, *, link_last: bool) -> list[dict]:
    """Organisation > the unit's ancestors the user can see > the unit."""
    ancestor_ids = [int(part) for part in unit.path.strip("/").split("/")[:-1]]
    ancestors = OrgUnit.objects.visible_to(user, Action.VIEW).filter(pk__in=ancestor_ids).order_by("depth")
    crumbs = [_list_crumb()]
    crumbs += [{"label": ancestor.name, "url": reverse("org:detail", args=[ancestor.pk])} for ancestor in ancestors]
    crumbs.append({"label": unit.name, "url": reverse("org:detail", args=[unit.pk]) if link_last else ""})
    return crumbs


class OrgUnitListView(ScopedListView):
    model = OrgUnit
    filterset_class = OrgUnitFilterSet
    ordering = ("path", "pk")
    title = _("Organisation")
    create_url_name = "org:create"
    export_url_name = "org:export"
    page_size = 100

    def base_queryset(self):
        return super().base_queryset().select_related("parent")

    def get_context_data(self, **kwargs):
        filterset = OrgUnitFilterSet(self.request.GET or None, queryset=OrgUnit.objects.none())
        self.tree_mode = not filterset.is_filtered()
        self.top_depth = self.base_queryset().aggregate(top=Min("depth"))["top"] or 0
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [{"label": _("Organisation"), "url": ""}]
        return context

    def _name_cell(self, unit):
        if not self.tree_mode:
            return unit.name
        level = unit.depth - self.top_depth
        return format_html("{}{}{}", INDENT * level, "└ " if level else "", unit.name)

    @property
    def columns(self):
        return [
            Column(_("Name"), self._name_cell),
            Column(_("Code"), lambda unit: unit.code),
            Column(_("Kind"), lambda unit: unit.get_kind_display()),
            Column(_("Parent unit"), lambda unit: unit.parent.name if unit.parent else ""),
            Column(_("Active"), lambda unit: gettext("Yes") if unit.is_active else gettext("No")),
        ]


class OrgUnitDetailView(ScopedDetailView):
    model = OrgUnit
    template_name = "org/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, unit = self.request.user, self.object
        parent_visible = (
            unit.parent_id is not None
            and OrgUnit.objects.visible_to(user, Action.VIEW).filter(pk=unit.parent_id).exists()
        )
        figures = [(figure, figure.count(user, unit)) for figure in registry.unit_figures()]
        context.update(
            title=unit.name,
            breadcrumbs=_unit_crumbs(user, unit, link_last=False),
            parent_visible=parent_visible,
            children=OrgUnit.objects.visible_to(user, Action.VIEW).filter(parent=unit).order_by("path"),
            figures=[(figure, count) for figure, count in figures if count is not None],
            can_add=can(user, Action.ADD, OrgUnit, unit),
            can_change=can(user, Action.CHANGE, OrgUnit, unit),
            can_delete=can(user, Action.DELETE, OrgUnit, unit),
        )
        return context


class OrgUnitCreateView(ServiceFormView):
    form_class = OrgUnitForm
    title = _("New org unit")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_page_permission(request.user, Action.ADD, OrgUnit)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        parent_id = self.request.GET.get("parent", "")
        if parent_id.isdigit():
            parent = OrgUnit.objects.visible_to(self.request.user, Action.ADD).filter(pk=int(parent_id)).first()
            if parent is not None:
                initial["parent"] = parent
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [_list_crumb(), {"label": self.title, "url": ""}]
        context["cancel_url"] = reverse("org:list")
        return context

    def perform(self, form):
        data = form.cleaned_data
        return org_unit_create(
            actor=self.request.user,
            parent=data["parent"],
            kind=data["kind"],
            code=data["code"],
            name=data["name"],
            address=data["address"],
        )

    def success_url_for(self, unit):
        return reverse("org:detail", args=[unit.pk])

    def success_message(self, unit):
        return gettext("Unit “%(name)s” was created.") % {"name": unit.name}


class OrgUnitEditView(ScopedObjectMixin, ServiceFormView):
    """Edit a unit the user can see; a unit seen but not manageable answers 403."""

    model = OrgUnit
    form_class = OrgUnitEditForm

    def get_object(self):
        unit = super().get_object()
        require_page_permission(self.request.user, Action.CHANGE, OrgUnit, unit)
        return unit

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, current_parent=self.object.parent)
        return kwargs

    def get_initial(self):
        unit = self.object
        return {
            "parent": unit.parent,
            "kind": unit.kind,
            "code": unit.code,
            "name": unit.name,
            "address": unit.address,
            "is_active": unit.is_active,
            "version": unit.version,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        crumbs = _unit_crumbs(self.request.user, self.object, link_last=True)
        context.update(
            title=gettext("Edit %(name)s") % {"name": self.object.name},
            breadcrumbs=[*crumbs, {"label": _("Edit"), "url": ""}],
            cancel_url=reverse("org:detail", args=[self.object.pk]),
        )
        return context

    def perform(self, form):
        data = form.cleaned_data
        return org_unit_update(
            actor=self.request.user,
            unit_id=self.object.pk,
            version=data["version"],
            parent=data["parent"],
            kind=data["kind"],
            code=data["code"],
            name=data["name"],
            address=data["address"],
            is_active=data["is_active"],
        )

    def success_url_for(self, unit):
        return reverse("org:detail", args=[unit.pk])

    def success_message(self, unit):
        return gettext("Unit “%(name)s” was saved.") % {"name": unit.name}


class OrgUnitDeleteView(ScopedObjectMixin, View):
    """POST only (the detail page's delete button asks for confirmation first)."""

    access = "write"
    model = OrgUnit
    http_method_names = ["post"]

    def post(self, request, pk):
        unit = self.object
        require_page_permission(request.user, Action.DELETE, OrgUnit, unit)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = unit.version
        try:
            org_unit_delete(actor=request.user, unit_id=unit.pk, version=version)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("org:detail", pk=unit.pk)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("org:detail", pk=unit.pk)
        messages.success(request, gettext("Unit “%(name)s” was deleted.") % {"name": unit.name})
        parent_visible = OrgUnit.objects.visible_to(request.user, Action.VIEW).filter(pk=unit.parent_id).exists()
        return redirect("org:detail", pk=unit.parent_id) if parent_visible else redirect("org:list")


class OrgUnitExportView(ScopedExportView):
    model = OrgUnit
    filterset_class = OrgUnitFilterSet
    ordering = ("path", "pk")
    basename = "org-units"
    title = _("Organisation")

    def get_queryset(self):
        return super().get_queryset().select_related("parent")

    columns = [
        ExportColumn(_("Code"), lambda unit: unit.code, 14),
        ExportColumn(_("Name"), lambda unit: unit.name, 28),
        ExportColumn(_("Kind"), lambda unit: unit.get_kind_display(), 12),
        ExportColumn(_("Parent code"), lambda unit: unit.parent.code if unit.parent else "", 14),
        ExportColumn(_("Parent unit"), lambda unit: unit.parent.name if unit.parent else "", 28),
        ExportColumn(_("Address"), lambda unit: unit.address, 30),
        ExportColumn(_("Active"), lambda unit: unit.is_active, 8),
        ExportColumn(_("Level"), lambda unit: unit.depth, 6),
    ]
