"""The member registry's pages that differ from the kit's standard ones (people.crud declares them):
the fast member list with its bulk actions, a member's page, the member form, the export with
its audited unmasked variant, the category list, the duplicate review."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from concentric.core.forms import bootstrap
from concentric.core.kit import pages
from concentric.core.kit.display import masked_text
from concentric.core.kit.filters import FiltersInvalid
from concentric.core.scoping import Action, can
from concentric.people import services
from concentric.people.choices import STAGE_ORDER
from concentric.people.exporting import export_options, people_export
from concentric.people.forms import FORM_FIELDS, BulkForm, PathEventForm, TagForm
from concentric.people.models import DuplicateStatus, PathEvent, Person
from concentric.people.tables import age_of

_DETAIL_PATH = re.compile(r"(/people/\d+/)")


class PersonListPage(pages.ListPage):
    """The member list: its table and filters are written in Python (``fast_rows``: a registry
    of a million members, where the bench shows it matters), with bulk actions on checked rows."""

    template_name = "people/list.html"
    toolbar_extra = "people/partials/toolbar_unmasked_export.html"
    wide_search = True
    table_testid = "people-table"
    fast_rows = True

    def rows_queryset(self, queryset):
        # Named rows of what the columns show: model instances would each walk all 41 fields,
        # and every other encrypted field would be decrypted for nothing.
        return queryset.annotate(unit_name=F("org_unit__name"), category_name=F("main_category__name")).values_list(
            "pk", "name", "gender", "birth_date", "tier", "stage", "phone", "unit_name", "category_name", named=True
        )

    def selectable(self):
        return can(self.request.user, Action.CHANGE, Person)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The bulk panel is part of the member list: its fields are written in Python too.
        context["bulk_form"] = (
            bootstrap(BulkForm(actor=self.request.user), fast=True)
            if context["selectable"] and not self.results_only
            else None
        )
        return context

    def toolbar_context(self):
        context = super().toolbar_context()
        context.update(
            unmasked_export=bool(context["export_url"]) and can(self.request.user, Action.UNMASK, Person),
            query_items=[
                (name, value)
                for name, values in self.request.GET.lists()
                if name != "cursor"
                for value in values
                if value
            ],
        )
        return context


class PersonDetailPage(pages.DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person, can_change = self.object, context["can_change"]
        context.update(
            age=age_of(person),
            categories=person.categories.select_related("parent"),
            tags=person.tags.all(),
            stages=STAGE_ORDER,
            events=PathEvent.objects.filter(person=person)
            .select_related("recorded_by")
            .order_by("-occurred_on", "-id"),
            path_form=PathEventForm(initial={"occurred_on": timezone.localdate()}) if can_change else None,
            tag_form=TagForm() if can_change else None,
        )
        return context


class PersonFormMixin:
    """The member form's page: a hard duplicate names the existing record's page when the user
    may open it."""

    template_name = "people/person_form.html"

    def form_valid(self, form):
        self.duplicate_url = ""
        return super().form_valid(form)

    def perform(self, form):
        try:
            return super().perform(form)
        except ValidationError as error:
            messages = getattr(error, "message_dict", {}).get("id_number", [])
            found = next((match for match in map(_DETAIL_PATH.search, messages) if match), None)
            if found is None:
                raise
            # The page links the record below the message; the message keeps its words, not the path.
            self.duplicate_url = found.group(1)
            shown = [re.sub(r"[^。.]*" + re.escape(self.duplicate_url) + r"$", "", message) for message in messages]
            raise ValidationError({**error.message_dict, "id_number": shown}) from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["duplicate_url"] = getattr(self, "duplicate_url", "")
        context["wide_fields"] = ("categories", "remarks")  # long: they take the whole line
        return context


class PersonCreatePage(PersonFormMixin, pages.CreatePage):
    pass


class PersonEditPage(PersonFormMixin, pages.EditPage):
    pass


class PersonExportPage(pages.ExportPage):
    """The filtered member list as xlsx or csv: masked; unmasked only with the unmask permission
    and a reason (audited in the export's event)."""

    def get(self, request, *args, **kwargs):
        try:
            fmt, unmasked, reason, filters = export_options(request.user, request.GET)
            return people_export(
                actor=request.user, request=request, data=filters, fmt=fmt, unmasked=unmasked, reason=reason
            )
        except ValidationError as error:
            labels = {"format": _("Format"), "reason": _("Reason")}
            return pages.export_refused(
                request,
                {labels.get(name, name): messages for name, messages in error.message_dict.items()},
                back=self.crud.url("list"),
            )
        except FiltersInvalid as invalid:
            return pages.export_refused(request, invalid.labelled, back=self.crud.url("list"))


class PersonBulkPage(pages.Page):
    """The list page's bulk actions on the checked rows: one transaction, every row scope-checked."""

    access = "write"
    object_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request):
        form = BulkForm(request.POST, actor=request.user)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith("/"):
            back = self.crud.url("list")
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields and name != "ids" else ""
                for error in errors:
                    if name == "ids":
                        error = _("Choose at least one record.")
                    messages.error(
                        request, _("%(field)s: %(error)s") % {"field": label, "error": error} if label else error
                    )
            return redirect(back)
        try:
            count = self.perform(form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            for message in pages.messages_of(error):
                messages.error(request, message)
            return redirect(back)
        except Http404:
            messages.error(
                request, _("Some of the chosen records are outside your units or no longer exist; nothing was changed.")
            )
            return redirect(back)
        messages.success(request, _("Done for %(count)d records.") % {"count": count})
        return redirect(back)

    def perform(self, data) -> int:
        actor, ids = self.request.user, data["ids"]
        if data["action"] == "tag":
            return services.person_bulk_tag(actor=actor, person_ids=ids, name=data["tag"])
        if data["action"] == "move":
            return services.person_bulk_move(actor=actor, person_ids=ids, org_unit=data["org_unit"])
        return services.person_bulk_path_record(
            actor=actor,
            person_ids=ids,
            stage=data["stage"],
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            evidence=data["evidence"],
        )


class CategoryListPage(pages.ListPage):
    """Rows open the category's form for the dictionary's editors; others read the list only."""

    def row_url(self, category):
        return self.crud.url("edit", category.pk) if self.crud.row_editable(self.request.user, category) else ""


# --- suspected duplicates ---------------------------------------------------------------------

# Fields offered for a choice on the review page (the rest of a record always moves whole).
MERGE_FIELDS = ("org_unit", "main_category", *FORM_FIELDS, "photo")


def _compared(person, name):
    if person is None:
        return ""
    if name in Person.SENSITIVE_FIELDS:
        return masked_text(person, name)
    if name == "photo":
        return _("Has a photo") if person.photo else ""
    field = Person._meta.get_field(name)
    if field.choices:
        return getattr(person, f"get_{name}_display")()
    value = getattr(person, name)
    return "" if value is None else str(value)


class DuplicateDetailPage(pages.DetailPage):
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
            field = Person._meta.get_field(name)
            same = a is not None and b is not None and getattr(a, field.attname) == getattr(b, field.attname)
            label = pgettext("person", "Name") if name == "name" else field.verbose_name
            rows.append({"name": name, "label": label, "a": _compared(a, name), "b": _compared(b, name), "same": same})
        context.update(
            title=_("Review a suspected duplicate"),
            a=a,
            b=b,
            rows=rows,
            # The merge and dismiss forms: an open case, both records there, and the right to decide.
            is_open=case.status == DuplicateStatus.OPEN
            and a is not None
            and b is not None
            and self.crud.allows(self.request.user, Action.CHANGE, case),
        )
        return context


class DuplicateMergePage(pages.ObjectActionPage):
    """Keep record A with the field values chosen per field (``keep`` = A, ``remove`` = B)."""

    object_action = Action.CHANGE

    def act(self):
        case = self.object
        if case.person_a_id is None or case.person_b_id is None:
            raise ValidationError(_("This case has already been resolved."))
        choices = {}
        for name in MERGE_FIELDS:
            choice = self.request.POST.get(f"field_{name}", "keep")
            if choice in ("keep", "remove"):
                choices[name] = choice
        try:
            services.person_merge(
                actor=self.request.user,
                keep_id=case.person_a_id,
                remove_id=case.person_b_id,
                field_choices=choices,
                keep_version=_posted_int(self.request, "version_a"),
                remove_version=_posted_int(self.request, "version_b"),
            )
        except Http404:
            raise ValidationError(_("Record not found.")) from None

    def done_message(self):
        return _("The two records were merged.")

    def return_url(self):
        return reverse("people:detail", args=[self.object.person_a_id])

    def refused_url(self):
        resolved = self.object.person_a_id is None or self.object.person_b_id is None
        return self.crud.url("list") if resolved else self.crud.object_url(self.object)


def _posted_int(request, name: str) -> int | None:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return None


class DuplicateDismissPage(pages.ObjectActionPage):
    object_action = Action.CHANGE

    def act(self):
        try:
            services.duplicate_dismiss(
                actor=self.request.user, case_id=self.object.pk, reason=self.request.POST.get("reason", "")
            )
        except Http404:
            raise ValidationError(_("Record not found.")) from None

    def done_message(self):
        return _("Marked as two different people.")

    def return_url(self):
        return self.crud.url("list")
