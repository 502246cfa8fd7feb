"""Member list and detail pages: search and filters, bulk actions, unmasking, deletion."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from concentric.core.labels import label_of
from concentric.core.masking import mask
from concentric.core.scoping import Action, can
from concentric.core.views_base import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    require_page_permission,
)
from concentric.people import choices, services
from concentric.people.choices import STAGE_ORDER
from concentric.people.filtersets import PersonFilterSet
from concentric.people.forms import (
    RECORD_FORMS,
    BulkForm,
    PathEventForm,
    TagForm,
    UnmaskForm,
    masked_display,
)
from concentric.people.models import FamilyMember, PathEvent, Person
from concentric.people.views_common import (
    RECORD_KINDS,
    list_crumb,
    messages_of,
    person_crumbs,
)


def age_of(person, today=None) -> int | None:
    if not person.birth_date:
        return None
    today = today or timezone.localdate()
    born = person.birth_date
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


masked_value = masked_display


def shown_value(person, name: str) -> str:
    """The clear value as a person reads it (choice labels instead of codes)."""
    field = Person._meta.get_field(name)
    value = getattr(person, name)
    return str(dict(field.flatchoices).get(value, value)) if field.choices else value


class PersonListView(ScopedListView):
    model = Person
    filterset_class = PersonFilterSet
    ordering = ("-pk",)
    title = gettext_lazy("Members")
    template_name = "people/list.html"
    create_url_name = "people:create"
    export_url_name = "people:export"
    toolbar_extra = "people/partials/toolbar_transfer.html"
    wide_search = True
    table_testid = "people-table"
    detail_url_name = "people:detail"
    columns = [
        Column(pgettext_lazy("person", "Name"), lambda p: p.name),
        Column(gettext_lazy("Gender"), lambda p: label_of(choices.Gender, p.gender)),
        Column(gettext_lazy("Age"), age_of),
        Column(gettext_lazy("Main category"), lambda p: p.category_name),
        Column(gettext_lazy("Tier"), lambda p: label_of(choices.Tier, p.tier)),
        Column(gettext_lazy("Stage"), lambda p: label_of(choices.Stage, p.stage)),
        Column(gettext_lazy("Unit"), lambda p: p.unit_name),
        Column(gettext_lazy("Mobile phone"), lambda p: mask(p.phone, "phone"), nowrap=True),
    ]

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
        user = self.request.user
        context.update(
            breadcrumbs=[{"label": _("Members"), "url": ""}],
            bulk_form=BulkForm(actor=user) if context["selectable"] and not self.results_only else None,
        )
        return context


class PersonDetailView(ScopedDetailView):
    model = Person
    template_name = "people/detail.html"

    def get_object(self):
        try:
            return (
                Person.objects.visible_to(self.request.user, Action.VIEW)
                .select_related("org_unit", "main_category")
                .get(pk=self.kwargs["pk"])
            )
        except (Person.DoesNotExist, ValueError):
            raise Http404 from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, person = self.request.user, self.object
        unit = person.org_unit
        can_change = can(user, Action.CHANGE, Person, unit)
        context.update(
            title=person.name,
            breadcrumbs=[list_crumb(), {"label": person.name, "url": ""}],
            age=age_of(person),
            sensitive=[
                {"field": name, "label": Person._meta.get_field(name).verbose_name, "masked": masked_value(person, name)}
                for name in ("id_number", "birth_date", "phone", "phone2", "political_affiliation", "second_party", "religion",
                             "household_address", "residence_address", "work_address")
            ],
            can_unmask=can(user, Action.UNMASK, Person, unit),
            can_change=can_change,
            can_delete=can(user, Action.DELETE, Person, unit),
            categories=person.categories.select_related("parent"),
            tags=person.tags.all(),
            stages=STAGE_ORDER,
            events=PathEvent.objects.filter(person=person).select_related("recorded_by").order_by("-occurred_on", "-id"),
            path_form=PathEventForm(initial={"occurred_on": timezone.localdate()}) if can_change else None,
            tag_form=TagForm() if can_change else None,
            sections=[_section(slug, model, person) for slug, model in RECORD_KINDS.items()],
        )
        return context


def _section(slug, model, person) -> dict:
    form_class = RECORD_FORMS[model]
    names = form_class.record_fields
    records = model.objects.filter(person=person)
    rows = []
    for record in records:
        cells = []
        for name in names:
            field = model._meta.get_field(name)
            if name in getattr(model, "SENSITIVE_FIELDS", ()):
                value = mask(getattr(record, name), field.mask)
            elif field.choices:
                value = getattr(record, f"get_{name}_display")()
            elif field.get_internal_type() == "BooleanField":
                value = _("Yes") if getattr(record, name) else _("No")
            else:
                value = getattr(record, name)
            cells.append(value)
        rows.append((record, cells))
    return {
        "slug": slug,
        "title": model._meta.verbose_name_plural,
        # A relative's "name" is a person's name (姓名), not a thing's (名称).
        "headers": [
            pgettext("person", "Name") if name == "name" and model is FamilyMember else model._meta.get_field(name).verbose_name
            for name in names
        ],
        "rows": rows,
        "create_url": reverse(f"people:{slug}_create", args=[person.pk]),
        "edit_name": f"people:{slug}_edit",
        "delete_name": f"people:{slug}_delete",
    }


@method_decorator(never_cache, name="dispatch")
class PersonUnmaskView(ScopedObjectMixin, View):
    """POST a field and a reason; answers the clear value as an htmx partial (a page without htmx)."""

    access = "write"
    model = Person
    object_action = Action.UNMASK
    http_method_names = ["post"]

    def post(self, request, pk):
        form = UnmaskForm(request.POST)
        field = request.POST.get("field", "")
        if field not in Person.SENSITIVE_FIELDS:
            return HttpResponseBadRequest()
        context = {
            "object": self.object,
            "field": field,
            "label": Person._meta.get_field(field).verbose_name,
            "unmask_url": reverse("people:unmask", args=[self.object.pk]),
        }
        if form.is_valid():
            value = services.person_unmask(
                actor=request.user, person_id=self.object.pk, field=field, reason=form.cleaned_data["reason"]
            )
            self.object.__dict__[field] = value
            context.update(revealed=True, value=shown_value(self.object, field))
        else:
            context.update(
                masked=masked_value(self.object, field), can_unmask=True,
                error=_("Give the reason for viewing the unmasked value."),
            )
        if request.htmx:
            return render(request, "core/partials/sensitive_value.html", context)
        context.update(
            title=_("Unmasked value"),
            breadcrumbs=person_crumbs(self.object, {"label": _("Unmasked value"), "url": ""}),
        )
        return render(request, "people/unmask.html", context)


class PersonDeleteView(ScopedObjectMixin, View):
    access = "write"
    model = Person
    object_action = Action.DELETE
    http_method_names = ["post"]

    def post(self, request, pk):
        person = self.object
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = person.version
        try:
            services.person_delete(actor=request.user, person_id=person.pk, version=version)
        except (ValidationError, PermissionDenied) as error:
            for message in messages_of(error):
                messages.error(request, message)
            return redirect(person.get_absolute_url())
        messages.success(request, _("Member “%(name)s” was deleted.") % {"name": person.name})
        return redirect("people:list")


class PersonBulkView(View):
    """The list page's bulk actions on the checked rows: one transaction, every row scope-checked."""

    access = "write"
    model = Person
    object_action = Action.CHANGE
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        require_page_permission(request.user, Action.CHANGE, Person)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        form = BulkForm(request.POST, actor=request.user)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith("/"):
            back = reverse("people:list")
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields and name != "ids" else ""
                for error in errors:
                    messages.error(request, f"{label}: {error}" if label else (_("Choose at least one record.") if name == "ids" else error))
            return redirect(back)
        data = form.cleaned_data
        try:
            count = self.perform(data)
        except (ValidationError, PermissionDenied) as error:
            for message in messages_of(error):
                messages.error(request, message)
            return redirect(back)
        except Http404:
            messages.error(request, _("Some of the chosen records are outside your units or no longer exist; nothing was changed."))
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
            actor=actor, person_ids=ids, stage=data["stage"], kind=data["kind"], occurred_on=data["occurred_on"],
            evidence=data["evidence"],
        )
