"""Writes to the member registry. Every service is keyword-only, atomic, scope-checked and audited."""

from concentric.people.services.bulk import person_bulk_move, person_bulk_path_record, person_bulk_tag
from concentric.people.services.categories import category_create, category_update
from concentric.people.services.duplicates import duplicate_dismiss, queue_suspected_duplicates
from concentric.people.services.merge import person_merge
from concentric.people.services.path import person_path_delete, person_path_record, recompute_stage
from concentric.people.services.persons import (
    person_create,
    person_delete,
    person_move_unit,
    person_tag_add,
    person_tag_remove,
    person_unmask,
    person_update,
)

__all__ = [
    "category_create",
    "category_update",
    "duplicate_dismiss",
    "person_bulk_move",
    "person_bulk_path_record",
    "person_bulk_tag",
    "person_create",
    "person_delete",
    "person_merge",
    "person_move_unit",
    "person_path_delete",
    "person_path_record",
    "person_tag_add",
    "person_tag_remove",
    "person_unmask",
    "person_update",
    "queue_suspected_duplicates",
    "recompute_stage",
]
