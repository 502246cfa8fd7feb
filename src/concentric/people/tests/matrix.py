"""The member registry's declarations for the route sweeps (tests/routes.py)."""

from datetime import date

from concentric.core.scoping import Action
from concentric.people.filtersets import PersonFilterSet
from concentric.people.models import (
    Arrangement,
    Category,
    ContactRecord,
    DuplicateCase,
    FamilyMember,
    Honour,
    PathEvent,
    Person,
    Tag,
    Training,
)
from tests.routes import Spec


def _person(unit, key, suffix="成员"):
    """A member with a value in each kind of field (choices, dates, sensitive text, other
    categories, a tag), so that the version sweep posts every kind back."""
    category = Category.objects.get(code="non-party")
    person = Person.objects.create(
        org_unit=unit,
        name=f"矩阵{key}{suffix}",
        main_category=category,
        gender="female",
        ethnicity="汉族",
        education="bachelor",
        tier="reserve",
        party_joined_on=date(2001, 7, 1),
        political_affiliation="cdl",
        phone="13800000000",
        work_unit="矩阵单位",
        remarks="第一行\n第二行",
    )
    person.categories.add(category, Category.objects.get(code="non-party-intellectual"))
    person.tags.add(Tag.objects.get_or_create(name="矩阵标签")[0])
    return person, person.name


def _person_record(model, **values):
    def build(unit, key):
        person, marker = _person(unit, key)
        return model.objects.create(person=person, **values), marker

    return build


def _duplicate_case(unit, key):
    first, marker = _person(unit, key, "甲")
    second, _ = _person(unit, key, "乙")
    return DuplicateCase.objects.create(person_a=first, person_b=second, reason="name_birth"), marker


def _category(unit, key):
    category = Category.objects.create(code=f"mx-{key.lower()}", name=f"矩阵{key}类别", sort=0)
    return category, category.name


FACTORIES = {
    Person: _person,
    Category: _category,
    DuplicateCase: _duplicate_case,
    PathEvent: _person_record(PathEvent, stage="discover", kind="source", occurred_on=date(2024, 1, 1)),
    Arrangement: _person_record(Arrangement, kind="other"),
    Honour: _person_record(Honour, name="矩阵荣誉"),
    Training: _person_record(Training, name="矩阵培训"),
    FamilyMember: _person_record(FamilyMember, relation="配偶", name="矩阵亲属"),
    ContactRecord: _person_record(
        ContactRecord, contacted_on=date(2024, 1, 1), staff="矩阵", method="visit", summary="走访"
    ),
}

ROUTE_SPECS = {
    # Answers the photo (an image), not a page naming the member.
    "people:photo": Spec(Person, Action.VIEW, binary=True),
}

# The API export reads the member list's FilterSet (people.exporting).
FILTERSETS = {"api:people-export": PersonFilterSet}

# The merge keeps record A and removes record B, each as the reviewer saw it.
VERSIONED = {"people:duplicate_merge": lambda case: {"version_a": case.person_a, "version_b": case.person_b}}
