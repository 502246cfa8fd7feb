"""The member registry's declarations for the kit: members and what is kept on them, the
category dictionary and the suspected duplicates."""

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from concentric.core.kit.crud import Crud, Services
from concentric.core.kit.records import ChildRecords
from concentric.core.roles import Role
from concentric.core.scoping import Action, can, user_scope
from concentric.core.validation import clean_phone
from concentric.people import services
from concentric.people.filtersets import PersonFilterSet
from concentric.people.forms import CategoryForm, PersonForm
from concentric.people.models import (
    Arrangement,
    Category,
    ContactRecord,
    DuplicateCase,
    DuplicateStatus,
    FamilyMember,
    Honour,
    Person,
    Training,
)
from concentric.people.tables import CategoryTable, DuplicateTable, PersonTable
from concentric.people.views import (
    CategoryListPage,
    DuplicateDetailPage,
    PersonCreatePage,
    PersonDetailPage,
    PersonEditPage,
    PersonExportPage,
    PersonListPage,
)


class PersonCrud(Crud):
    model = Person
    namespace = "people"
    filterset_class = PersonFilterSet
    table = PersonTable
    ordering = ("-pk",)
    form_class = PersonForm
    services = Services(
        create=services.person_create,
        update=services.person_update,
        delete=services.person_delete,
        id_kwarg="person_id",
    )
    pages = ("list", "detail", "create", "edit", "delete", "unmask", "export")
    page_classes = {
        "list": PersonListPage,
        "detail": PersonDetailPage,
        "create": PersonCreatePage,
        "edit": PersonEditPage,
        "export": PersonExportPage,
    }
    detail_template = "people/detail.html"
    title = _("Members")
    create_label = _("New member")
    messages = {
        "created": _("Member “%(name)s” was saved."),
        "saved": _("Member “%(name)s” was saved."),
        "deleted": _("Member “%(name)s” was deleted."),
    }

    @classmethod
    def object_queryset(cls, user, queryset):
        return queryset.select_related("org_unit", "main_category")

    @classmethod
    def object_label(cls, person):
        return person.name

    @classmethod
    def delete_confirmation(cls, person):
        return gettext("Delete this member and every record kept on them?")

    @classmethod
    def sections(cls, user, person):
        return [records.section(person) for records in RECORDS]


class CategoryCrud(Crud):
    """The category dictionary: every business role reads it; its editors (unit and system
    administrators) add and change entries, from the list's rows."""

    model = Category
    namespace = "people"
    table = CategoryTable
    ordering = ("sort", "code", "pk")
    page_size = 200
    form_class = CategoryForm
    services = Services(create=services.category_create, update=services.category_update, id_kwarg="category_id")
    pages = ("list", "create", "edit")
    page_classes = {"list": CategoryListPage}
    names = {"list": "categories", "create": "category_create", "edit": "category_edit"}
    paths = {"list": "categories/", "create": "categories/new/", "edit": "categories/<int:pk>/edit/"}
    title = _("Member categories")
    create_label = _("New category")

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("parent")

    @classmethod
    def object_label(cls, category):
        return category.name

    @classmethod
    def parent_crumbs(cls):
        return [PersonCrud.list_crumb()]

    @classmethod
    def object_url(cls, category):
        return cls.url("list")

    @classmethod
    def create(cls, actor, values):
        """A category starts active; one created inactive is switched off in the same request."""
        active = values.pop("is_active", True)
        category = super().create(actor, values)
        if not active:
            category = super().update(actor, category, {"is_active": False}, category.version)
        return category

    @classmethod
    def row_editable(cls, user, category) -> bool:
        """A dictionary editor edits local categories; the official ones, the system administrator only."""
        if category.is_official:
            return Role.SYSTEM_ADMIN in user_scope(user).roles
        return can(user, Action.ADD, Category)


class DuplicateCrud(Crud):
    """The open suspected duplicates, each reviewed side by side (merged or dismissed)."""

    model = DuplicateCase
    namespace = "people"
    table = DuplicateTable
    pages = ("list", "detail")
    page_classes = {"detail": DuplicateDetailPage}
    names = {"list": "duplicates", "detail": "duplicate"}
    paths = {"list": "duplicates/", "detail": "duplicates/<int:pk>/"}
    detail_template = "people/duplicate.html"
    title = _("Suspected duplicates")

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.filter(status=DuplicateStatus.OPEN).select_related("person_a", "person_b")

    @classmethod
    def object_label(cls, case):
        """The two names under review (a merged-away record shows as —)."""
        return " / ".join(person.name if person else "—" for person in (case.person_a, case.person_b))

    @classmethod
    def parent_crumbs(cls):
        return [PersonCrud.list_crumb()]


# --- records kept on a member, in the order the member's page shows them (core.kit.records) ---


class PersonRecords(ChildRecords):
    parent_field = "person"
    parent_crud = PersonCrud


class Arrangements(PersonRecords):
    model = Arrangement
    slug = "arrangement"


class Honours(PersonRecords):
    model = Honour
    slug = "honour"


class Trainings(PersonRecords):
    model = Training
    slug = "training"


class Relatives(PersonRecords):
    model = FamilyMember
    slug = "relative"
    # A relative's "name" is a person's name (姓名), not a thing's (名称).
    labels = {"name": pgettext_lazy("person", "Name")}

    @classmethod
    def prepare(cls, record):
        record.phone = clean_phone(record.phone, field="phone")
        super().prepare(record)


class Contacts(PersonRecords):
    model = ContactRecord
    slug = "contact"


RECORDS = (Arrangements, Honours, Trainings, Relatives, Contacts)
