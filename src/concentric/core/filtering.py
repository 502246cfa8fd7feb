"""The FilterSet every list page, export and API filter derives from.

django-filter deep-copies every declared filter for each request (their choices, lazy labels and
widgets included), then the form it builds deep-copies the fields it has just made from them:
about a millisecond of a list page, more than its queries. A filter's state is its settings and
``extra`` (the field's arguments, into which ModelChoiceFilter writes the request's queryset), so
a shallow copy with its own ``extra`` is as independent; and a form class made for one filterset
instance owns its fields, so its form may use them without copying.
"""

import copy

import django_filters

from concentric.core.forms import ALL, relabel_empty_choice


def _fresh(filter_):
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    copied.__dict__.pop("_field", None)  # the field is built per request, from the copy
    if filter_.method is not None:
        copied.method = filter_.method  # binds the filter method to the copy, not the original
    return copied


class _CopiedPerRequest(dict):
    """``base_filters``: deep-copied by django-filter per request, copied shallowly here."""

    def __deepcopy__(self, memo):
        return {name: _fresh(filter_) for name, filter_ in self.items()}


class _OwnedFields(dict):
    """``base_fields`` of a form class made for one filterset instance: the form takes them as
    they are (Django's forms deep-copy their class's fields)."""

    def __deepcopy__(self, memo):
        return dict(self)


class FilterSet(django_filters.FilterSet):
    @classmethod
    def get_filters(cls):
        return _CopiedPerRequest(super().get_filters())

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = _OwnedFields(form_class.base_fields)
        for field in form_class.base_fields.values():
            relabel_empty_choice(field, ALL)  # a filter left empty filters nothing: 全部
        return form_class
