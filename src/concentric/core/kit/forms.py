"""The form base of the kit: every kit form page builds its form with the acting user and the
record (None on create), fills an edit form from the record, and hands the cleaned data to the
declaration's service."""

from django import forms
from django.core.validators import MaxLengthValidator, MinLengthValidator

from concentric.core.fields import EncryptedTextField
from concentric.core.forms import BootstrapForm


class KitForm(BootstrapForm):
    """``actor`` and ``instance`` are given to every form (choices follow the actor's scope).
    A hidden ``version`` carries the version the user read on an edit form."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, actor=None, instance=None, **kwargs):
        self.actor = actor
        self.instance = instance
        super().__init__(*args, **kwargs)
        if instance is None:
            del self.fields["version"]

    @classmethod
    def initial_for(cls, instance) -> dict:
        """The edit form's values: each form field the model has (foreign keys by id, many-to-many
        as ids); sensitive values are never put into the page."""
        hidden = getattr(type(instance), "SENSITIVE_FIELDS", frozenset())
        initial = {}
        names = {field.name: field for field in instance._meta.get_fields()}
        for name in cls.base_fields:
            field = names.get(name)
            if field is None or name in hidden or name == "version" or not getattr(field, "concrete", False):
                continue
            if field.many_to_many:
                initial[name] = list(getattr(instance, name).values_list("pk", flat=True))
            else:
                initial[name] = getattr(instance, field.attname)
        return initial

    def service_values(self) -> dict:
        """What the service is given: the cleaned data without the version; on an edit, a
        sensitive field left empty keeps the stored value (it is not given)."""
        values = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        if self.instance is not None:
            for name in getattr(type(self.instance), "SENSITIVE_FIELDS", ()):
                if values.get(name) in ("", None):
                    values.pop(name, None)
        return values


def model_field(model, name: str) -> forms.Field:
    """The form field of a model field as the kit's forms show it: dates with the browser's date
    picker, encrypted text (a phone, an address) on one line, long text in three rows."""
    field = model._meta.get_field(name)
    if field.get_internal_type() == "DateField":
        return field.formfield(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    formfield = field.formfield()
    # The model's own rules (a username's characters …), so the form says every problem at once.
    formfield.validators += [
        validator
        for validator in field.validators
        if not isinstance(validator, (MaxLengthValidator, MinLengthValidator)) and validator not in formfield.validators
    ]
    if isinstance(field, EncryptedTextField) and not field.choices:
        formfield.widget = forms.TextInput()
    elif isinstance(formfield.widget, forms.Textarea):
        formfield.widget.attrs["rows"] = 3
    return formfield


def taken(model, field: str, value, instance=None) -> bool:
    """Whether another ``model`` record already has ``value`` in its unique ``field`` (a form says
    so beside the field, with its other problems; the service and the database still decide)."""
    others = model._default_manager.filter(**{field: value})
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    return value not in (None, "") and others.exists()
