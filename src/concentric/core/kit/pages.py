"""The page patterns of the kit: list, detail, create, edit, delete, unmask, export, and a POST
action on one record. Each works from a ``Crud`` declaration (core.kit.crud) and checks, in this
order, for every request:

1. signed in (else the sign-in page);
2. a page without a record: some role of the user grants the page's action on the model (else
   403); a record's page: the record is visible to the user (else 404, as if it did not exist;
   a record that exists outside the user's units leaves a "denied" audit event), and the page's
   action is allowed on it (else 403).

Every view declares ``access`` (public, list, detail, write, export, aggregate), ``model`` and
``object_action``: the access matrix reads them.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from concentric.core import denials, registry
from concentric.core.errors import error_page
from concentric.core.export import FORMATS, export_response
from concentric.core.forms import ALL, bootstrap
from concentric.core.kit import display
from concentric.core.kit.filters import FiltersInvalid, bind_filters, filtered
from concentric.core.kit.forms import KitForm
from concentric.core.kit.tables import page_text
from concentric.core.markup import filter_fields_html, rows_html
from concentric.core.pagination import count_label, count_up_to, keyset_page
from concentric.core.scoping import Action, can
from concentric.core.services import StaleRecord
from concentric.core.working_unit import within_working_unit


def require_permission(user, action: Action, model) -> None:
    """403 unless some role of ``user`` grants ``action`` on ``model`` records somewhere."""
    if not can(user, action, model):
        raise PermissionDenied


def messages_of(error) -> list[str]:
    """What a refused write tells the user."""
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error) or _("You do not have permission to do this here.")]


def posted_version(request) -> int | None:
    """The version a change from a page is based on (its form's hidden field); None if missing."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


class Page(LoginRequiredMixin, View):
    """Base of every kit page: ``crud`` names the declaration, ``object_action`` what the page
    does to its records."""

    access = ""
    crud = None
    model = None  # set with crud (Crud.urls does), read by the access matrix
    object_action = Action.VIEW

    def dispatch(self, request, *args, **kwargs):
        denials.note_records(request, self.model)
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require_permission(request.user, self.object_action, self.model)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("crud", self.crud)
        return context

    def http_method_not_allowed(self, request, *args, **kwargs):
        """A delete or an action opened by its address: a page that says so (405, in Chinese)."""
        response = error_page(request, 405)
        response["Allow"] = ", ".join(method.upper() for method in self._allowed_methods())
        return response


class ObjectPage(Page):
    """A page about one record, ``self.object``: a record the user cannot see answers 404 whatever
    their roles (its existence is not given away), one they see but may not act on 403."""

    def dispatch(self, request, *args, **kwargs):
        denials.note_records(request, self.model)
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super(Page, self).dispatch(request, *args, **kwargs)

    def object_queryset(self):
        visible = self.model.objects.visible_to(self.request.user, Action.VIEW)
        return self.crud.object_queryset(self.request.user, visible) if self.model is self.crud.model else visible

    def get_object(self):
        pk = self.kwargs["pk"]
        found = self.object_queryset().filter(pk=pk).first()
        if found is None:
            raise Http404  # audited as denied when the record exists (core.denials)
        if self.object_action != Action.VIEW and not (
            self.model.objects.visible_to(self.request.user, self.object_action).filter(pk=pk).exists()
        ):
            raise PermissionDenied
        return found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


# --- list -------------------------------------------------------------------------------------


class ListPage(Page, TemplateView):
    """Filter form, toolbar (新增, 导出, the page's own buttons), the table, keyset paging; an htmx
    refresh answers the results alone. An invalid filter value shows its error beside the field
    and no rows. ``fast_rows``: the table body and filter fields written in Python (the member
    list, where the bench shows it matters: core.markup)."""

    access = "list"
    template_name = "core/list.html"
    toolbar_extra = ""  # a template with more toolbar buttons
    wide_search = False  # the first filter (a search box) takes half the row
    table_testid = "list-table"
    fast_rows = False

    def base_queryset(self):
        user = self.request.user
        return within_working_unit(
            self.request, self.crud.list_queryset(user, self.model.objects.visible_to(user, Action.VIEW))
        )

    def rows_queryset(self, queryset):
        """What the page's rows load: model instances, or named rows (``values_list(...,
        named=True)`` with ``pk``) that the columns read alike. Filters and the count run on the
        plain queryset."""
        return queryset

    def selectable(self) -> bool:
        """Whether rows carry a checkbox for bulk actions."""
        return False

    def row_url(self, row) -> str:
        """Where a row's first cell leads: its detail page (none when the declaration has none)."""
        return self._detail_url(row.pk) if self.crud.has_page("detail") else ""

    @cached_property
    def _detail_url(self):
        # One reverse() per page instead of one per row: the URL with a marker pk, split around it.
        marker = 987654321
        head, tail = self.crud.url("detail", marker).split(str(marker))
        return lambda pk: f"{head}{pk}{tail}"

    def cells(self, row) -> list:
        values = []
        for name, column in self.columns:
            own = getattr(self, f"cell_{name}", None)
            values.append(own(row) if own is not None else page_text(column.read(row)))
        return values

    @cached_property
    def columns(self):
        return self.crud.table.page_columns()

    def filtered(self, queryset):
        """(the FilterSet bound to the query, the rows it selects): none while a value is invalid."""
        if self.crud.filterset_class is None:
            return None, queryset
        filterset = bind_filters(self.crud.filterset_class, self.request.GET, queryset, self.request)
        bootstrap(filterset.form, empty_label=ALL, fast=self.fast_rows)  # a filter left empty: 全部
        return filterset, filterset.qs if filterset.is_valid() else queryset.none()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, queryset = self.filtered(self.base_queryset())
        matching = count_up_to(queryset)
        page = keyset_page(
            self.rows_queryset(queryset),
            ordering=self.crud.ordering,
            cursor=self.request.GET.get("cursor", ""),
            size=self.crud.page_size,
            matching=matching,
        )
        query = self.request.GET.copy()
        query.pop("cursor", None)
        # On a phone only the first filter shows until 更多筛选条件 opens the others (open already
        # when one of them is in use).
        first_filter = next(iter(filterset.form.fields), None) if filterset is not None else None
        expanded = any(value for key, value in query.items() if key != first_filter)
        context.update(
            title=self.crud.list_title(),
            list_note=self.crud.list_note,
            breadcrumbs=[*self.crud.parent_crumbs(), {"label": self.crud.list_title(), "url": ""}],
            filterset=filterset,
            filter_errors=bool(filterset is not None and filterset.errors),
            filter_fields_html=filter_fields_html(filterset.form, wide_first=self.wide_search, expanded=expanded)
            if self.fast_rows and filterset is not None and not self.results_only
            else "",
            wide_search=self.wide_search,
            filters_expanded=expanded,
            page=page,
            total=count_label(matching),
            query=query.urlencode(),
            results_only=self.results_only,
            **self.table_context(page.rows),
            **self.toolbar_context(),
        )
        return context

    def table_context(self, page_rows) -> dict:
        """The table: ``rows`` as (row, cells); the body written by the template, or in Python."""
        columns = [column for _name, column in self.columns]
        selectable = self.selectable()
        rows = [(row, self.cells(row)) for row in page_rows]
        context = {"rows": rows, "columns": columns, "selectable": selectable, "table_testid": self.table_testid}
        if self.fast_rows:
            context.update(
                rows_html=rows_html(rows, columns, url_for=self.row_url, selectable=selectable), table_rows=[]
            )
        else:
            shape = [(column.nowrap, column.label) for column in columns]
            context.update(
                rows_html="",
                table_rows=[
                    (row.pk, self.row_url(row), [(cell, *how) for cell, how in zip(cells, shape, strict=True)])
                    for row, cells in rows
                ],
            )
        return context

    def toolbar_context(self) -> dict:
        """新增 and 导出 for the users whose roles allow them, and the page's own buttons."""
        user, crud = self.request.user, self.crud
        return {
            "create_url": crud.url("create") if crud.has_page("create") and can(user, Action.ADD, self.model) else "",
            "export_url": crud.url("export")
            if crud.has_page("export") and can(user, Action.EXPORT, self.model)
            else "",
            "toolbar_extra": self.toolbar_extra,
            "toolbar_buttons": registry.list_buttons(self.model, user),
        }

    @property
    def results_only(self) -> bool:
        """An htmx refresh (search, filter, next page) answers the results partial alone; a page
        that htmx restores from history is a whole page."""
        htmx = getattr(self.request, "htmx", None)
        return bool(htmx) and not htmx.boosted and not htmx.history_restore_request

    def get_template_names(self):
        # Every list's results (count, table, paging) are the one partial of core/list.html.
        return ["core/list.html#results"] if self.results_only else super().get_template_names()


# --- one record -------------------------------------------------------------------------------


class DetailPage(ObjectPage, TemplateView):
    """The record, its masked sensitive values (unmask with a reason), and its actions."""

    access = "detail"

    def get_template_names(self):
        return [self.crud.detail_template or "core/detail.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, obj = self.request.user, self.object
        context.update(
            title=self.crud.object_label(obj),
            breadcrumbs=self.crud.object_crumbs(user, obj, link_last=False),
            fields=[(label, page_text(value)) for label, value in self.crud.detail_values(obj)],
            sensitive=display.sensitive_entries(obj, self.crud.sensitive_fields()),
            can_change=self.crud.has_page("edit") and self.crud.allows(user, Action.CHANGE, obj),
            can_delete=self.crud.has_page("delete") and self.crud.allows(user, Action.DELETE, obj),
            can_unmask=self.crud.has_page("unmask") and self.crud.allows(user, Action.UNMASK, obj),
            edit_url=self.crud.url("edit", obj.pk) if self.crud.has_page("edit") else "",
            delete_url=self.crud.url("delete", obj.pk) if self.crud.has_page("delete") else "",
            unmask_url=self.crud.url("unmask", obj.pk) if self.crud.has_page("unmask") else "",
            delete_confirm=self.crud.delete_confirmation(obj),
            sections=self.crud.sections(user, obj),
            panels=registry.detail_panels(user, obj),
        )
        return context


class FormPage(Page, FormView):
    """A form whose valid data goes to the declaration's service (``perform``). A refusal from the
    service is shown beside its fields (or above the form); the database is untouched."""

    access = "write"
    template_name = "core/form.html"

    def get_form_class(self):
        return self.crud.form_class

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), KitForm):
            kwargs.update(actor=self.request.user, instance=getattr(self, "object", None))
        return kwargs

    def perform(self, form):
        raise NotImplementedError  # abstract: CreatePage and EditPage name their service

    def success_url_for(self, result) -> str:
        return self.crud.after_save_url(result)

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, messages_of(error)[0])
            return self.form_invalid(form)
        message = self.success_message(result)
        if message:
            messages.success(self.request, message)
        return redirect(self.success_url_for(result))

    def success_message(self, result) -> str:
        return ""

    def heading(self) -> dict:
        """The page's title, breadcrumbs and where 取消 leads."""
        return {"title": "", "breadcrumbs": [], "cancel_url": ""}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.heading())
        return context


class CreatePage(FormPage):
    object_action = Action.ADD

    def perform(self, form):
        return self.crud.create(self.request.user, form.service_values())

    def success_message(self, result):
        return self.crud.message("created", result)

    def heading(self):
        title = self.crud.create_title()
        return {
            "title": title,
            "breadcrumbs": [*self.crud.list_crumbs(), {"label": title, "url": ""}],
            "cancel_url": self.crud.url("list") if self.crud.has_page("list") else "",
        }


class EditPage(ObjectPage, FormPage):
    """The form shows the record (never a sensitive value: left empty, it keeps what is stored)
    and carries the version read; a missing or older version is refused as stale."""

    object_action = Action.CHANGE

    def get_form_class(self):
        return self.crud.edit_form_class or self.crud.form_class

    def get_initial(self):
        return {**self.get_form_class().initial_for(self.object), "version": self.object.version}

    def perform(self, form):
        version = form.cleaned_data.get("version")
        if version is None:
            raise StaleRecord()
        return self.update(form.service_values(), version)

    def update(self, values: dict, version: int):
        """The change, through the declaration's service, as of the ``version`` read."""
        return self.crud.update(self.request.user, self.object, values, version)

    def success_message(self, result):
        return self.crud.message("saved", result)

    def heading(self):
        return {
            "title": self.crud.edit_title(self.object),
            "breadcrumbs": [
                *self.crud.object_crumbs(self.request.user, self.object, link_last=True),
                {"label": _("Edit"), "url": ""},
            ],
            "cancel_url": self.crud.object_url(self.object),
        }


class ObjectActionPage(ObjectPage):
    """A POST that changes one record and returns to a page with a message: delete, a tag, a
    role. ``act`` does the work; a refusal becomes an error message and writes nothing."""

    access = "write"
    http_method_names = ["post"]

    def act(self):
        raise NotImplementedError  # abstract: each action names its service

    def done_message(self) -> str:
        return ""

    def return_url(self) -> str:
        return self.crud.object_url(self.object)

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except (ValidationError, PermissionDenied) as error:
            for message in messages_of(error):
                messages.error(request, message)
            return redirect(self.refused_url())
        message = self.done_message()
        if message:
            messages.success(request, message)
        return redirect(self.return_url())

    def refused_url(self) -> str:
        return self.crud.object_url(self.object)


class DeletePage(ObjectActionPage):
    """POST with the version read (the detail page's delete button asks first)."""

    object_action = Action.DELETE

    def act(self):
        version = posted_version(self.request)
        if version is None:
            raise StaleRecord()
        self.remove(version)

    def remove(self, version: int) -> None:
        """The deletion, through the declaration's service, as of the ``version`` read."""
        self.crud.delete(self.request.user, self.object, version)

    def done_message(self):
        return self.crud.message("deleted", self.object)

    def return_url(self):
        return self.crud.after_delete_url(self.request.user, self.object)


@method_decorator(never_cache, name="dispatch")
class UnmaskPage(ObjectPage):
    """POST a field and a reason: answers the clear value as an htmx partial (a small page
    without htmx); the view is audited by the service."""

    access = "write"
    object_action = Action.UNMASK
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        field = request.POST.get("field", "")
        if field not in self.crud.sensitive_fields():
            return HttpResponseBadRequest()
        reason = request.POST.get("reason", "").strip()[:500]
        context = {
            "object": self.object,
            "field": field,
            "label": display.field_label(self.model, field),
            "unmask_url": self.crud.url("unmask", self.object.pk),
        }
        if reason:
            value = self.crud.unmask(request.user, self.object, field, reason)
            context.update(revealed=True, value=display.clear_text(self.model, field, value))
        else:
            context.update(
                masked=display.masked_text(self.object, field),
                can_unmask=True,
                error=_("Give the reason for viewing the unmasked value."),
            )
        if request.htmx:
            return render(request, "core/partials/sensitive_value.html", context)
        context.update(
            title=_("Unmasked value"),
            breadcrumbs=[
                *self.crud.object_crumbs(self.request.user, self.object, link_last=True),
                {"label": _("Unmasked value"), "url": ""},
            ],
        )
        return render(request, "core/unmask.html", context)


# --- export -----------------------------------------------------------------------------------


class ExportPage(Page):
    """``?format=csv|xlsx`` of the rows the user may export, through the list's FilterSet and
    the table's export columns; audited. An invalid filter value refuses the export (400, the
    errors named, no file, nothing audited)."""

    access = "export"
    object_action = Action.EXPORT

    def export_queryset(self):
        return self.crud.list_queryset(
            self.request.user, self.model.objects.visible_to(self.request.user, Action.EXPORT)
        )

    def back_url(self) -> str:
        """Where a refused export leads back: the list, when the declaration has one."""
        return self.crud.url("list") if self.crud.has_page("list") else ""

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format", "csv")
        if fmt not in FORMATS:
            return export_refused(request, {_("Format"): [_("Unknown export format.")]}, back=self.back_url())
        data = request.GET.copy()
        data.pop("format", None)
        queryset, reason = self.export_queryset(), ""
        if self.crud.filterset_class is not None:
            try:
                queryset, reason = filtered(self.crud.filterset_class, data, queryset, request)
            except FiltersInvalid as invalid:
                return export_refused(request, invalid.labelled, back=self.back_url())
        columns = [column for _name, column in self.crud.table.export_columns()]
        return export_response(
            actor=request.user,
            queryset=queryset.order_by(*self.crud.export_ordering()),
            columns=columns,
            fmt=fmt,
            title=str(self.crud.list_title()),
            reason=reason or "filter: none",
        )


def export_refused(request, errors: dict[str, list[str]], *, back: str = ""):
    """The 400 page of an export whose filters are invalid: what is wrong, and the way back."""
    return render(
        request,
        "core/export_refused.html",
        {"title": _("The export was refused"), "errors": errors, "back_url": back},
        status=400,
    )
