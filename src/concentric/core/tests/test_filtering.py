"""FilterSets copied per request shallowly stay as independent as django-filter's deep copies."""

import pytest
from django.test import RequestFactory

from concentric.people.filtersets import PersonFilterSet

pytestmark = pytest.mark.django_db


def _filterset(user, data=None):
    request = RequestFactory().get("/people/")
    request.user = user
    return PersonFilterSet(data, request=request)


def test_each_request_gets_its_own_filters_fields_and_querysets(users, tree):
    c1, c2 = _filterset(users["c1_staff"]), _filterset(users["c2_staff"])
    c1_units = {unit.code for unit in c1.form.fields["unit"].queryset}
    c2_units = {unit.code for unit in c2.form.fields["unit"].queryset}
    assert c1_units == {"C1"} and c2_units == {"C2"}
    assert callable(PersonFilterSet.base_filters["unit"].extra["queryset"])  # the request's queryset stays on its copy
    assert c1.filters["unit"] is not c2.filters["unit"] is not PersonFilterSet.base_filters["unit"]
    assert c1.form.fields["unit"] is not c2.form.fields["unit"]


def test_filter_methods_run_on_their_own_filterset(users, tree):
    filterset = _filterset(users["c1_staff"], {"stage": "none"})
    stage = filterset.filters["stage"]
    assert stage.filter.f is stage and stage.parent is filterset
    assert filterset.is_valid() and "stage" in str(filterset.qs.query)


def test_the_form_keeps_its_filters_fields_and_a_second_filterset_renders_unchanged(users, tree):
    first = _filterset(users["c1_staff"], {"tier": "none"})
    assert first.form.fields["tier"] is first.filters["tier"].field
    first.form.fields["tier"].widget.attrs["data-mine"] = "1"
    assert "data-mine" not in str(_filterset(users["c1_staff"]).form["tier"])
