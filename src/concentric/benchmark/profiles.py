"""Bench profiles: how many members, the size the scaling figures compare against, samples."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    members: int
    baseline: int  # 0: no scaling figures (the registry is measured at one size only)
    samples: int
    io_rows: int
    participation: int = 0  # attendance rows seeded for the dashboard figures (at most 10 per member)


PROFILES = {
    "quick": Profile("quick", members=10_000, baseline=0, samples=30, io_rows=10_000, participation=20_000),
    "full": Profile("full", members=1_000_000, baseline=10_000, samples=60, io_rows=100_000, participation=10_000_000),
}
BASELINE_MEMBERS = 10_000


def resolve(name: str, members: int | None = None, baseline: int | None = None) -> Profile:
    """The named profile, with ``members`` overridden; a registry ten times the 10k baseline or
    more is compared with it unless ``baseline`` says otherwise (0: no comparison)."""
    profile = PROFILES[name]
    members = members if members is not None else profile.members
    if baseline is None:
        baseline = (
            profile.baseline
            if members == profile.members
            else (BASELINE_MEMBERS if members >= 10 * BASELINE_MEMBERS else 0)
        )
    if baseline and baseline >= members:
        raise ValueError("the baseline must be smaller than the registry")
    return Profile(
        profile.name,
        members,
        baseline,
        profile.samples,
        min(profile.io_rows, max(members, 1)),
        min(profile.participation, 10 * members),
    )
