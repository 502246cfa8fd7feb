"""Every field of the apps that takes record ids from a client checks them with the kit's guard
(core.ids): choices of several records on forms and filters are ModelIdsChoiceField, related
fields of the serializers that take input (ServiceSerializerMixin: the API's writes go through
services) are IdRelatedField. A field made straight from Django's or DRF's
class would let an out-of-range id reach an ``__in`` query (a 500 on SQLite)."""

import django_filters
from django import forms
from django.urls import get_resolver
from rest_framework import serializers

from concentric.core.api import IdRelatedField, ServiceSerializerMixin
from concentric.core.forms import ModelIdsChoiceField


def load_app_modules():
    """Every view the URLs reach, so their forms, filtersets and serializers are defined."""
    assert get_resolver().url_patterns  # reading them imports every URLconf and its views


def ours(base):
    found, todo = [], [base]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("concentric.") and ".tests." not in sub.__module__:
                found.append(sub)
    return sorted(set(found), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def label(cls, name):
    return f"{cls.__module__}.{cls.__qualname__}.{name}"


def test_form_and_filter_choices_of_several_records_check_their_ids():
    load_app_modules()
    checked, unchecked = [], []
    for form in ours(forms.BaseForm):
        for name, field in form.base_fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField):
                (checked if isinstance(field, ModelIdsChoiceField) else unchecked).append(label(form, name))
    for filterset in ours(django_filters.FilterSet):
        for name, filter_ in filterset.base_filters.items():
            if issubclass(filter_.field_class, forms.ModelMultipleChoiceField):
                (checked if issubclass(filter_.field_class, ModelIdsChoiceField) else unchecked).append(
                    label(filterset, name)
                )
    assert unchecked == []
    assert {
        "concentric.people.forms.PersonForm.categories",
        "concentric.people.filtersets.PersonFilterSet.tags",
    } <= set(checked)


def test_api_fields_that_take_related_ids_check_them():
    load_app_modules()
    checked, unchecked = [], []
    for serializer in ours(serializers.Serializer):
        if not issubclass(serializer, ServiceSerializerMixin):
            continue  # presents only
        for name, field in serializer().fields.items():
            if field.read_only:
                continue
            related = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
            if isinstance(related, serializers.PrimaryKeyRelatedField):
                (checked if isinstance(related, IdRelatedField) else unchecked).append(label(serializer, name))
    assert unchecked == []
    assert {
        "concentric.people.api.serializers.PersonSerializer.categories",
        "concentric.people.api.serializers.PersonCreateSerializer.org_unit",
        "concentric.accounts.api.serializers.RoleAssignmentSerializer.user",
        "concentric.org.api.serializers.OrgUnitSerializer.parent",
    } <= set(checked)
