"""The shared page patterns: a scoped list (filter form, toolbar, table, keyset paging, htmx
partial refresh), a scoped detail page and a form page whose save goes through a service.

Every view declares ``access`` (public, list, detail, write, export, aggregate); the access
matrix test fails on any URL whose view does not.
"""

from dataclasses import dataclass
from typing import Any, Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from concentric.core.forms import bootstrap
from concentric.core.markup import filter_fields_html, rows_html
from concentric.core.pagination import count_label, count_up_to, keyset_page
from concentric.core.scoping import Action, can
from concentric.core.working_unit import within_working_unit


@dataclass(frozen=True)
class Column:
    """One table column: a header and how to get the cell from a row. The first column names
    the row and links to its detail page when the row has one."""

    label: str
    value: Callable[[Any], Any]
    nowrap: bool = False


class ScopedListView(LoginRequiredMixin, TemplateView):
    access = "list"
    model = None
    filterset_class = None
    columns: list[Column] = []
    ordering: tuple[str, ...] = ("-pk",)
    page_size = 50
    title = ""
    template_name = "core/list.html"
    create_url_name = ""  # shown as 新增 in the toolbar when the user may add
    export_url_name = ""
    toolbar_extra = ""  # a template with more toolbar buttons
    wide_search = False  # the first filter (a search box) takes half the row
    table_testid = "list-table"
    detail_url_name = ""  # rows link to this view by pk; empty: the record's get_absolute_url

    def selectable(self) -> bool:
        """Whether rows carry a checkbox for bulk actions."""
        return False

    def row_url(self, record) -> str:
        """Where a row's first cell leads: its detail page by default."""
        if self.detail_url_name:
            return self._detail_url(record.pk)
        return record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""

    @cached_property
    def _detail_url(self) -> Callable[[int], str]:
        # One reverse() per page instead of one per row: the URL with a marker pk, split around it.
        marker = 987654321
        head, tail = reverse(self.detail_url_name, args=[marker]).split(str(marker))
        return lambda pk: f"{head}{pk}{tail}"

    def dispatch(self, request, *args, **kwargs):
        # No VIEW grant on the model at all answers 403; a grant over other units shows fewer rows.
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require_page_permission(request.user, Action.VIEW, self.model)
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self):
        return within_working_unit(self.request, self.model.objects.visible_to(self.request.user, Action.VIEW))

    def rows_queryset(self, queryset):
        """What the page's rows load (the columns they show, joined names): model instances, or
        named rows (``values_list(..., named=True)`` with ``pk``) that the columns read alike.
        The filters and the count run on the plain queryset."""
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = self.base_queryset()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(self.request.GET or None, queryset=queryset, request=self.request)
            bootstrap(filterset.form)
            queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
        matching = count_up_to(queryset)
        page = keyset_page(
            self.rows_queryset(queryset), ordering=self.ordering, cursor=self.request.GET.get("cursor", ""),
            size=self.page_size, matching=matching,
        )
        query = self.request.GET.copy()
        query.pop("cursor", None)
        first_filter = next(iter(filterset.form.fields), None) if filterset is not None else None
        selectable = self.selectable()
        columns = self.columns
        rows = [(record, [column.value(record) for column in columns]) for record in page.rows]
        context.update(
            title=self.title,
            filterset=filterset,
            page=page,
            rows=rows,
            rows_html=rows_html(rows, columns, url_for=self.row_url, selectable=selectable),
            selectable=selectable,
            columns=columns,
            total=count_label(matching),
            query=query.urlencode(),
            can_add=bool(self.create_url_name) and can(self.request.user, Action.ADD, self.model),
            create_url_name=self.create_url_name,
            can_export=bool(self.export_url_name) and can(self.request.user, Action.EXPORT, self.model),
            export_url_name=self.export_url_name,
            toolbar_extra=self.toolbar_extra,
            filter_fields_html=filter_fields_html(
                filterset.form, wide_first=self.wide_search,
                expanded=any(value for key, value in query.items() if key != first_filter),
            ) if filterset is not None and not self.results_only else "",
            table_testid=self.table_testid,
            results_only=self.results_only,
        )
        return context

    @property
    def results_only(self) -> bool:
        """An htmx refresh (search, filter, next page) answers the results partial alone; a page
        that htmx restores from history is a whole page."""
        htmx = getattr(self.request, "htmx", None)
        return bool(htmx) and not htmx.boosted and not htmx.history_restore_request

    def get_template_names(self):
        # Every list's results (count, table, paging) are the one partial of core/list.html.
        return ["core/list.html#results"] if self.results_only else super().get_template_names()


class ScopedObjectMixin(LoginRequiredMixin):
    """Loads ``self.object`` through visible_to: out-of-scope and missing both answer 404."""

    model = None
    object_action = Action.VIEW

    def get_object(self):
        try:
            return self.model.objects.visible_to(self.request.user, self.object_action).get(pk=self.kwargs["pk"])
        except (self.model.DoesNotExist, ValueError):
            raise Http404 from None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)


class ScopedDetailView(ScopedObjectMixin, TemplateView):
    access = "detail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class ServiceFormView(LoginRequiredMixin, FormView):
    """A form whose valid data is handed to a service (``perform``). Validation errors raised by
    the service are shown beside their fields; the database is untouched on any error."""

    access = "write"
    template_name = "core/form.html"
    title = ""

    def perform(self, form):
        raise NotImplementedError  # abstract: each form page names its service

    def success_url_for(self, result) -> str:
        return result.get_absolute_url()

    def success_message(self, result) -> str:
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        return context

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
            form.add_error(None, str(error))
            return self.form_invalid(form)
        message = self.success_message(result)
        if message:
            messages.success(self.request, message)
        return redirect(self.success_url_for(result))


def require_page_permission(user, action: Action, model, unit=None) -> None:
    if not can(user, action, model, unit):
        raise PermissionDenied
