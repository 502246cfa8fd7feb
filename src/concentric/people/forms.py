"""Forms of the member pages. They only collect and shape input; the services validate and save."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.forms import (
    CHOOSE,
    BootstrapForm,
    CheckedIds,
    ModelIdsChoiceField,
    RowChoiceMixin,
    UnitChoiceField,
    bootstrap,
)
from concentric.core.kit.display import masked_text
from concentric.core.kit.forms import KitForm, model_field, taken
from concentric.core.scoping import Action
from concentric.org.selectors import units_where, visible_units
from concentric.people import choices
from concentric.people.models import Category, PathEvent, Person

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
# The person's fields on the form, in the order shown (the photo follows them, see PersonForm).
FORM_FIELDS = (
    "name",
    "former_names",
    "gender",
    "ethnicity",
    "birth_date",
    "id_type",
    "id_number",
    "phone",
    "phone2",
    "political_affiliation",
    "party_joined_on",
    "second_party",
    "second_party_joined_on",
    "religion",
    "education",
    "occupation",
    "work_unit",
    "post",
    "title",
    "household_address",
    "residence_address",
    "work_address",
    "overseas_status",
    "overseas_country",
    "tier",
    "remarks",
)
DATE_FIELDS = {"birth_date", "party_joined_on", "second_party_joined_on"}


def active_categories():
    return Category.objects.filter(is_active=True).select_related("parent")


class CategoryLabels(RowChoiceMixin):
    """Categories labelled as str(category) does: a sub-group after its parent."""

    label_fields = ("parent__name", "name")

    def label_from_row(self, parent_name, name):
        return f"{parent_name} / {name}" if parent_name else name


class CategoryChoiceField(CategoryLabels, forms.ModelChoiceField):
    pass


class CategoryMultipleChoiceField(CategoryLabels, ModelIdsChoiceField):
    pass


class TagMultipleChoiceField(RowChoiceMixin, ModelIdsChoiceField):
    pass


class PersonForm(KitForm):
    """Create (with the unit) and edit (with the version) a person."""

    org_unit = UnitChoiceField(label=_("Unit"))
    main_category = CategoryChoiceField(label=_("Main category"), queryset=Category.objects.none())
    categories = CategoryMultipleChoiceField(
        label=_("Other categories"),
        queryset=Category.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance
        for name in FORM_FIELDS:
            self.fields[name] = model_field(Person, name)
        self.fields["name"].label = pgettext_lazy("person", "Name")
        if person is None:
            self.fields["org_unit"].queryset = units = units_where(self.actor, Action.ADD, Person)
            if len(units) == 1:
                self.fields["org_unit"].initial = units[0].pk
        else:
            del self.fields["org_unit"]
            # Clear sensitive values are never put into the page: empty keeps what is stored.
            for name in Person.SENSITIVE_FIELDS:
                current = masked_text(person, name)
                if current:
                    self.fields[name].help_text = _("Leave empty to keep the current value (%(masked)s).") % {
                        "masked": current
                    }
        self.fields["photo"] = forms.FileField(
            label=_("Photo"),
            required=False,
            help_text=_("JPEG or PNG, at most 2 MB."),
            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}),
        )
        if person is not None and person.photo:
            self.fields["photo_clear"] = forms.BooleanField(label=_("Remove the current photo"), required=False)
        self.fields["main_category"].queryset = active_categories()
        self.fields["categories"].queryset = active_categories()
        self.order_fields(["org_unit", "name", "main_category", "categories"])
        bootstrap(self)

    @classmethod
    def initial_for(cls, person) -> dict:
        initial = {name: getattr(person, name) for name in FORM_FIELDS if name not in Person.SENSITIVE_FIELDS}
        initial.update(
            main_category=person.main_category_id,
            # "Other categories": the main one is always among them and is not ticked here, so
            # that changing the main category does not keep the old one on as another.
            categories=list(person.categories.exclude(pk=person.main_category_id).values_list("pk", flat=True)),
        )
        return initial

    def service_values(self) -> dict:
        """The values for person_create / person_update (the unit only on create)."""
        data = super().service_values()
        photo, clear = data.pop("photo", None), data.pop("photo_clear", False)
        if photo:
            data["photo"] = photo
        elif clear:
            data["photo"] = ""
        for name in DATE_FIELDS:
            data[name] = data.get(name) or None
        if self.instance is not None:
            for name in Person.SENSITIVE_FIELDS:
                if not data.get(name):
                    data.pop(name, None)
        return data


class PathEventForm(BootstrapForm):
    stage = forms.ChoiceField(label=_("Stage"), choices=choices.Stage.choices[1:])
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.PathEventKind.choices)
    occurred_on = forms.DateField(label=_("Date"), **DATE)
    source = forms.CharField(label=PathEvent._meta.get_field("source").verbose_name, max_length=100, required=False)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TagForm(BootstrapForm):
    name = forms.CharField(label=_("Tag"), max_length=30)


class BulkForm(BootstrapForm):
    """The list page's bulk actions; ``ids`` are the checked rows."""

    ACTIONS = [("tag", _("Add a tag")), ("move", _("Move to unit")), ("stage", _("Record a path step"))]
    ids = CheckedIds()
    action = forms.ChoiceField(label=_("Bulk action"), choices=ACTIONS)
    tag = forms.CharField(label=_("Tag"), max_length=30, required=False)
    org_unit = UnitChoiceField(label=_("Move to unit"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", CHOOSE), *choices.Stage.choices[1:]], required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", CHOOSE), *choices.PathEventKind.choices], required=False)
    occurred_on = forms.DateField(label=_("Date"), required=False, **DATE)
    evidence = forms.CharField(label=_("Evidence"), max_length=500, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_where(actor, Action.CHANGE, Person)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        required = {"tag": ["tag"], "move": ["org_unit"], "stage": ["stage", "kind", "occurred_on"]}.get(action, [])
        for name in required:
            if not data.get(name):
                self.add_error(name, forms.Field.default_error_messages["required"])
        return data


class StuckForm(BootstrapForm):
    unit = UnitChoiceField(label=_("Unit (with subunits)"), required=False, empty_label=_("All"))
    days = forms.IntegerField(
        label=_("Stuck longer than (days)"), min_value=1, max_value=3650, initial=180, required=False
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(actor)


class CategoryForm(KitForm):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        error_messages={"invalid": _("Use lowercase letters, digits, hyphens or underscores only.")},
    )
    name = forms.CharField(label=_("Name"), max_length=60)
    parent = forms.ModelChoiceField(
        label=_("Parent category"),
        queryset=Category.objects.filter(parent__isnull=True),
        required=False,
        empty_label=CHOOSE,
    )
    sort = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=100)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def clean_code(self):
        if taken(Category, "code", self.cleaned_data["code"], self.instance):
            raise forms.ValidationError(_("Another category already has this code."))
        return self.cleaned_data["code"]

    def clean_name(self):
        if taken(Category, "name", self.cleaned_data["name"].strip(), self.instance):
            raise forms.ValidationError(_("Another category already has this name."))
        return self.cleaned_data["name"]
