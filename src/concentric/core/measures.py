"""Measures: the figures of the work (members registered, activities held, items published, hours
served …) that quotas judge, the dashboard draws and the year-end review reports.

Each app declares its measures in its own ``contrib.py`` (``core.registry.add_measure``); the
rollups app keeps one table of daily figures per measure, unit and key, written in the same
transaction as the records (``concentric.rollups.services.tallies``) and rebuildable from them.
A measure is a sum of parts; a part says which records count, on which local day, for which unit,
under which key and with which value. The figure of a unit for a period is the sum of its days; a
``stock`` measure's figure at a date is the sum of every day up to it (members on the register).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

# Joins the values of a key made of several fields (a donated good's item and its unit of measure):
# a character nobody types.
KEY_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Part:
    """One source of a measure's figures.

    ``model`` is the label of the counted records ("people.Person"); ``day`` the path to the date
    (or date-time, taken in local time) they count on; ``unit`` the path to the owning org unit;
    ``key`` the paths whose values break the figure down (a category, a column; empty: no key);
    ``value`` the path summed (empty: each record counts one); ``where`` which records count;
    ``sign`` -1 for a part that takes away (a member leaving the register). ``moved_by`` names the
    other models whose changes move these records' day, unit, key or whether they count, each
    with the path to it ({"activities.Activity": "activity"}): a write tracked on such a record
    re-tallies the records that hang on it.
    """

    model: str
    day: str
    unit: str = "org_unit"
    key: tuple[str, ...] = ()
    value: str = ""
    where: Q = field(default_factory=Q)
    sign: int = 1
    moved_by: tuple[tuple[str, str], ...] = ()
    label: str = ""  # what its records are, where the model's name does not say it (pages listing them)

    def path_to(self, label: str) -> str | None:
        """The path from this part's records to records of ``label`` that move them ("" for its own)."""
        if label == self.model:
            return ""
        return dict(self.moved_by).get(label)


@dataclass(frozen=True)
class Measure:
    """A figure the platform keeps per unit, day and key.

    ``kind`` is "flow" (a period's figure is what happened in it) or "stock" (the figure at a date
    is everything up to it). ``key_names(keys)`` answers display names of key values for users,
    ``key_order(key)`` a sort key where key values have an order of their own (the stages of the
    path), ``unit_label`` what the figure counts in ("人", "小时", "元"), ``decimals`` how it is shown.
    """

    key: str
    label: str
    parts: tuple[Part, ...]
    kind: str = "flow"
    unit_label: str = ""
    decimals: int = 0
    key_label: str = ""
    key_names: Callable[[list[str]], dict[str, str]] | None = None
    key_order: Callable[[str], object] | None = None
    order: int = 100

    def __post_init__(self):
        if self.kind not in ("flow", "stock"):
            raise ValueError(f"measure {self.key!r}: kind is 'flow' or 'stock'")
        if not self.parts:
            raise ValueError(f"measure {self.key!r} has no parts")
        shapes = {len(part.key) for part in self.parts}
        if len(shapes) != 1:
            raise ValueError(f"measure {self.key!r}: its parts' keys differ in length")

    @property
    def has_key(self) -> bool:
        return bool(self.parts[0].key)

    def ordered(self, keys) -> list[str]:
        """Key values in the measure's own order, else as they sort."""
        return sorted(keys, key=self.key_order) if self.key_order else sorted(keys)

    def names_of(self, keys) -> dict[str, str]:
        """Display names of key values; a value the app cannot name shows as it is stored ("—" if empty)."""
        keys = list(dict.fromkeys(keys))
        named = self.key_names(keys) if self.key_names and keys else {}
        return {key: named.get(key) or key.replace(KEY_SEPARATOR, " ") or "—" for key in keys}


# Core's own writers (the import kit's default insert) cannot import the rollups app above them:
# it installs its counter here when Django starts, as the audit app installs its writer.
_count_inserted: Callable[[str, list], None] | None = None


def install_insert_counter(count: Callable[[str, list], None]) -> None:
    global _count_inserted
    _count_inserted = count


def count_inserted(label: str, pks: list) -> None:
    """Count records a core writer inserted in bulk (ids of the model ``label``) in the rollups."""
    if _count_inserted is not None:
        _count_inserted(label, pks)
