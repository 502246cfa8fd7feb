"""Binding a FilterSet the same way on the list page, its export, the API and the command line:
an invalid or out-of-scope value is an error everywhere, never silently dropped."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

YES = ("true", "True", "1", True)
NO = ("false", "False", "0", False)


class YesNoField(forms.NullBooleanField):
    """Yes, no, or left empty (all); any other value is refused. Django's NullBooleanField reads
    an unknown value as "empty", which would drop the filter silently."""

    default_error_messages = {"invalid_choice": forms.ChoiceField.default_error_messages["invalid_choice"]}

    def to_python(self, value):
        if value in YES:
            return True
        if value in NO:
            return False
        if value in (None, ""):
            return None
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class BooleanFilter(django_filters.BooleanFilter):
    """A yes/no filter (全部 / 是 / 否) that refuses any other value, on every channel."""

    field_class = YesNoField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]))
        super().__init__(*args, **kwargs)


class FiltersInvalid(Exception):
    """A filter value is invalid or outside the user's scope: ``errors`` maps field names to
    messages (the API's error body), ``labelled`` labels to messages (pages, the command line)."""

    def __init__(self, filterset):
        form = filterset.form
        self.errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        self.labelled = {
            (str(form.fields[name].label) if name in form.fields else ""): messages
            for name, messages in self.errors.items()
        }
        super().__init__(self.errors)


def bind_filters(filterset_class, data, queryset, request):
    """The FilterSet bound to ``data`` (a QueryDict or a dict; empty values ignored)."""
    if not isinstance(data, QueryDict):
        query = QueryDict(mutable=True)
        for key, value in data.items():
            if isinstance(value, (list, tuple)):
                query.setlist(key, [str(item) for item in value])
            elif value is not None:
                query[key] = str(value)
        data = query
    return filterset_class(data, queryset=queryset, request=request)


def describe_filters(filterset) -> str:
    """The filters in use, for the audit event of an export: "filter: q=社区; kind=community"."""
    used = [
        f"{name}={','.join(filterset.data.getlist(name))}"
        for name in filterset.form.fields
        if filterset.form.cleaned_data.get(name) not in (None, "", [])
    ]
    return "filter: " + ("; ".join(used) if used else "none")


def filtered(filterset_class, data, queryset, request):
    """(the filtered queryset, the audit description of the filters) or FiltersInvalid."""
    filterset = bind_filters(filterset_class, data, queryset, request)
    if not filterset.is_valid():
        raise FiltersInvalid(filterset)
    return filterset.qs, describe_filters(filterset)
