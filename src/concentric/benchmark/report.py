"""The report: each figure with the limit measured beside it, the ratio, the target and ``met``."""

import json
from dataclasses import asdict, dataclass, field

LOWER = "lower"  # met when value / limit <= target (times)
HIGHER = "higher"  # met when value / limit >= target (throughput, yes/no)


@dataclass
class Figure:
    name: str
    value: float
    limit: float
    target: float
    better: str = LOWER
    unit: str = "ms"
    detail: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        if self.limit == 0:
            return 0.0 if self.value == 0 else float("inf")
        return self.value / self.limit

    @property
    def met(self) -> bool:
        return self.ratio <= self.target if self.better == LOWER else self.ratio >= self.target

    def as_dict(self) -> dict:
        data = asdict(self)
        ratio = self.ratio
        data.update(
            value=round(self.value, 3),
            limit=round(self.limit, 3),
            ratio=round(ratio, 3) if ratio != float("inf") else None,
            met=self.met,
        )
        return {
            key: data[key] for key in ("name", "value", "limit", "ratio", "target", "met", "better", "unit", "detail")
        }


@dataclass
class Report:
    profile: str
    database: str
    members: int
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seeding: dict = field(default_factory=dict)
    incomplete: bool = False  # a figure could not be measured (a peer failed): the run does not pass

    @property
    def met(self) -> bool:
        return not self.incomplete and all(figure.met for figure in self.figures)

    @property
    def exit_code(self) -> int:
        """0 when every target is met; 1 when any is missed, one could not be measured, or there is
        nothing to judge."""
        return 0 if self.figures and self.met else 1

    def as_dict(self) -> dict:
        return {
            "profile": self.profile,
            "database": self.database,
            "members": self.members,
            "figures": [figure.as_dict() for figure in self.figures],
            "met": self.met,
            "seeding": self.seeding,
            "notes": self.notes,
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)
