"""Helpers shared by the people services: the editable fields, snapshots, derived values."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from concentric.core.auditing import changed_fields
from concentric.core.services import snapshot
from concentric.core.validation import clean_phone, has_control_characters
from concentric.people.models import Person
from concentric.people.search import pinyin_keys, rewrite_tokens
from concentric.people.services.validation import clean_identity, clean_name

PERSON_FIELDS = (
    "name",
    "former_names",
    "gender",
    "ethnicity",
    "birth_date",
    "id_type",
    "id_number",
    "phone",
    "phone2",
    "household_address",
    "residence_address",
    "work_address",
    "education",
    "occupation",
    "work_unit",
    "post",
    "title",
    "political_affiliation",
    "party_joined_on",
    "second_party",
    "second_party_joined_on",
    "religion",
    "overseas_status",
    "overseas_country",
    "photo",
    "remarks",
    "tier",
    "main_category",
)
AUDITED_FIELDS = (*PERSON_FIELDS, "org_unit")


def check_fields(values: dict, allowed=PERSON_FIELDS) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")


def apply_values(person: Person, values: dict) -> None:
    for name, value in values.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)


def prepare(person: Person) -> None:
    """Normalise and check what full_clean cannot, and set the derived pinyin."""
    person.name = clean_name(person.name)
    former = " ".join((person.former_names or "").split())
    if has_control_characters(person.former_names or ""):
        raise ValidationError({"former_names": _("The name contains invisible control characters.")})
    person.former_names = former
    person.phone = clean_phone(person.phone, field="phone")
    person.phone2 = clean_phone(person.phone2, field="phone2")
    clean_identity(person)
    person.name_pinyin = pinyin_keys(person)


def person_state(person: Person, *, categories: set[int] | None = None) -> dict:
    """Field values for audit diffs, with the category and tag sets as sorted ids; ``categories``
    (ids) stands for the set the person is about to get."""
    state = snapshot(person, AUDITED_FIELDS)
    state["photo"] = person.photo.name if person.photo else ""
    if person.pk:
        ids = set(person.categories.values_list("pk", flat=True)) if categories is None else categories
        state["categories"] = ",".join(str(pk) for pk in sorted(ids))
        state["tags"] = ",".join(sorted(person.tags.values_list("name", flat=True)))
    return state


def person_changes(before: dict, person: Person) -> dict:
    return changed_fields(before, person_state(person), sensitive=Person.SENSITIVE_FIELDS)


def category_ids(person: Person, categories) -> set[int]:
    """The ids of the person's categories: the given ones plus the main category, always."""
    return {category.pk for category in categories or ()} | {person.main_category_id}


def set_categories(person: Person, categories) -> None:
    person.categories.set(category_ids(person, categories))


def refresh_derived(person: Person) -> None:
    rewrite_tokens(person)
