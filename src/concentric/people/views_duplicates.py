"""Suspected duplicates: the open cases, a side-by-side review, merge or dismiss."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View

from concentric.core.scoping import Action
from concentric.core.views_base import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
)
from concentric.people import services
from concentric.people.forms import FORM_FIELDS
from concentric.people.models import DuplicateCase, DuplicateStatus, Person
from concentric.people.views import masked_value
from concentric.people.views_common import list_crumb, messages_of

# Fields offered for a choice on the review page (the rest of a record always moves whole).
MERGE_FIELDS = ("org_unit", "main_category") + FORM_FIELDS + ("photo",)


def _duplicates_crumb():
    return {"label": gettext_lazy("Suspected duplicates"), "url": reverse("people:duplicates")}


def _name(person):
    return person.name if person else "—"


class DuplicateListView(ScopedListView):
    model = DuplicateCase
    title = gettext_lazy("Suspected duplicates")
    columns = [
        Column(gettext_lazy("Record A"), lambda case: _name(case.person_a)),
        Column(gettext_lazy("Record B"), lambda case: _name(case.person_b)),
        Column(gettext_lazy("Reason"), lambda case: case.get_reason_display()),
        Column(gettext_lazy("Found at"), lambda case: case.found_at.strftime("%Y-%m-%d")),
    ]

    def base_queryset(self):
        return super().base_queryset().filter(status=DuplicateStatus.OPEN).select_related("person_a", "person_b")

    def row_url(self, case):
        return reverse("people:duplicate", args=[case.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [list_crumb(), {"label": _("Suspected duplicates"), "url": ""}]
        return context


def _display(person, name):
    if person is None:
        return ""
    if name in Person.SENSITIVE_FIELDS:
        return masked_value(person, name)
    if name == "photo":
        return _("Has a photo") if person.photo else ""
    field = Person._meta.get_field(name)
    if field.choices:
        return getattr(person, f"get_{name}_display")()
    value = getattr(person, name)
    return "" if value is None else str(value)


class DuplicateDetailView(ScopedDetailView):
    model = DuplicateCase
    template_name = "people/duplicate.html"

    def get_object(self):
        case = super().get_object()
        # The second record must be visible too, or the case is not this user's to review.
        if case.person_b_id and not Person.objects.visible_to(self.request.user).filter(pk=case.person_b_id).exists():
            raise Http404
        return case

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        a, b = case.person_a, case.person_b
        rows = []
        for name in MERGE_FIELDS:
            left, right = _display(a, name), _display(b, name)
            field = Person._meta.get_field(name)
            same = a is not None and b is not None and getattr(a, field.attname) == getattr(b, field.attname)
            label = pgettext("person", "Name") if name == "name" else field.verbose_name
            rows.append({"name": name, "label": label, "a": left, "b": right, "same": same})
        context.update(
            title=_("Review a suspected duplicate"),
            breadcrumbs=[list_crumb(), _duplicates_crumb(), {"label": str(case.pk), "url": ""}],
            a=a, b=b, rows=rows, is_open=case.status == DuplicateStatus.OPEN and a is not None and b is not None,
        )
        return context


class DuplicateMergeView(ScopedObjectMixin, View):
    """Keep record A with the field values chosen per field (``keep`` = A, ``remove`` = B)."""

    access = "write"
    model = DuplicateCase
    object_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        case = self.object
        if case.person_a_id is None or case.person_b_id is None:
            messages.error(request, _("This case has already been resolved."))
            return redirect("people:duplicates")
        choices = {}
        for name in MERGE_FIELDS:
            choice = request.POST.get(f"field_{name}", "keep")
            if choice in ("keep", "remove"):
                choices[name] = choice
        keep_id = case.person_a_id
        try:
            services.person_merge(actor=request.user, keep_id=keep_id, remove_id=case.person_b_id, field_choices=choices)
        except (ValidationError, PermissionDenied, Http404) as error:
            for message in messages_of(error) if not isinstance(error, Http404) else [_("Record not found.")]:
                messages.error(request, message)
            return redirect("people:duplicate", pk=case.pk)
        messages.success(request, _("The two records were merged."))
        return redirect("people:detail", pk=keep_id)


class DuplicateDismissView(ScopedObjectMixin, View):
    access = "write"
    model = DuplicateCase
    object_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            services.duplicate_dismiss(actor=request.user, case_id=self.object.pk, reason=request.POST.get("reason", ""))
        except (ValidationError, PermissionDenied, Http404) as error:
            for message in messages_of(error) if not isinstance(error, Http404) else [_("Record not found.")]:
                messages.error(request, message)
            return redirect("people:duplicate", pk=self.object.pk)
        messages.success(request, _("Marked as two different people."))
        return redirect("people:duplicates")
