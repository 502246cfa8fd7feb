"""A deterministic synthetic registry: the same seed gives the same people, row for row.

Everything is drawn from one ``random.Random(seed)``; nothing reads the clock except through
the ``today`` argument, so a test can pin it. Rows are plain dataclasses (no Django models), so
the generator can be tested and reused (seeding, import files) without a database.
"""

import random
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate

from stdnum import numdb

from concentric.core.identity import check_digit, region_valid_between
from concentric.org.choices import UnitKind
from concentric.people.choices import (
    STAGE_EVENT_KINDS,
    STAGE_ORDER,
    Education,
    OverseasStatus,
    PoliticalAffiliation,
    Religion,
    Tier,
)
from concentric.people.synthetic import names

LOCAL_PROVINCE = "33"  # Zhejiang: most members of a Hangzhou district were registered there
LOCAL_SHARE = 0.7
BIRTH_YEARS = (1940, 2005)
MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "173",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
)

# Main categories in the article's proportions: 2692 = 253 new strata and non-public economy
# + 124 new gentry (新乡贤) + 2315 overseas-related (涉侨); within each group, codes by weight.
MAIN_CATEGORY_GROUPS = (
    (
        253,
        (
            ("new-strata-managers", 30),
            ("new-strata-intermediary", 15),
            ("new-strata-freelance", 15),
            ("new-strata-new-media", 15),
            ("non-public-economy", 25),
        ),
    ),
    (124, (("new-rural-worthies", 1),)),
    (2315, (("overseas-chinese", 80), ("hk-macao", 8), ("taiwan", 4), ("overseas-students", 8))),
)
OVERSEAS_FOR_CATEGORY = {
    "overseas-chinese": (OverseasStatus.RELATIVE, OverseasStatus.RETURNED, OverseasStatus.OVERSEAS_CHINESE),
    "hk-macao": (OverseasStatus.HK_MACAO,),
    "taiwan": (OverseasStatus.TAIWAN,),
    "overseas-students": (OverseasStatus.STUDENT_ABROAD,),
}
EXTRA_CATEGORIES = ("non-party-intellectual", "democratic-party", "young-entrepreneurs", "ethnic-minority")


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    holds_members: bool


@dataclass
class PathStep:
    stage: str
    kind: str
    occurred_on: date
    source: str


@dataclass
class PersonRow:
    unit: str  # UnitSpec.code
    name: str
    gender: str
    birth_date: date
    id_number: str
    phone: str
    main_category: str  # Category.code
    categories: tuple[str, ...]
    tier: str
    tags: tuple[str, ...]
    political_affiliation: str
    religion: str
    overseas_status: str
    overseas_country: str
    education: str
    occupation: str
    work_unit: str
    residence_address: str
    path: list[PathStep] = field(default_factory=list)

    @property
    def stage(self) -> str:
        return self.path[-1].stage if self.path else ""

    @property
    def stage_since(self) -> date | None:
        """Start of the uninterrupted run of steps in the current stage (as people.services.path)."""
        since = None
        for step in reversed(self.path):
            if step.stage != self.stage:
                break
            since = step.occurred_on
        return since


def org_tree(subdistricts: int = 6, communities: int = 8, business_districts: int = 2) -> list[UnitSpec]:
    """A district with subdistricts, each with communities and business districts (parents first)."""
    units = [UnitSpec("bench", "同心区", UnitKind.DISTRICT, None, False)]
    for s in range(1, subdistricts + 1):
        sub = f"bench-s{s}"
        units.append(UnitSpec(sub, f"第{s}街道", UnitKind.SUBDISTRICT, "bench", True))
        units.extend(
            UnitSpec(f"{sub}-c{c}", f"第{s}街道{names.STREETS[c % 10]}社区", UnitKind.COMMUNITY, sub, True)
            for c in range(1, communities + 1)
        )
        units.extend(
            UnitSpec(f"{sub}-b{b}", f"第{s}街道商圈{b}", UnitKind.BUSINESS_DISTRICT, sub, True)
            for b in range(1, business_districts + 1)
        )
    return units


@lru_cache(maxsize=1)
def division_codes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """County-level division codes of python-stdnum's cn/loc data: (Zhejiang, elsewhere)."""
    local, other = [], []
    for _len, province, _hi, _props, prefectures in numdb.get("cn/loc").prefixes:
        for _len2, rest, _hi2, props, _children in prefectures:
            county = props.get("county", "")
            if rest.endswith("00") or "市辖区" in county or county.endswith("]县") or county == "县":
                continue
            (local if province == LOCAL_PROVINCE else other).append(province + rest)
    return tuple(local), tuple(other)


class _Weighted:
    def __init__(self, pairs):
        self.values = [value for value, _weight in pairs]
        self.cumulative = list(accumulate(weight for _value, weight in pairs))

    def pick(self, rng: random.Random):
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


_SURNAMES = _Weighted(names.SURNAMES)
_GROUPS = _Weighted([(codes, weight) for weight, codes in MAIN_CATEGORY_GROUPS])
_GROUP_PICKERS = {codes: _Weighted(codes) for _weight, codes in MAIN_CATEGORY_GROUPS}
_AFFILIATIONS = _Weighted(
    [
        (PoliticalAffiliation.MASSES, 55),
        (PoliticalAffiliation.NON_PARTY, 15),
        (PoliticalAffiliation.CDL, 5),
        (PoliticalAffiliation.CNDCA, 5),
        (PoliticalAffiliation.CAPD, 4),
        (PoliticalAffiliation.ZGD, 4),
        (PoliticalAffiliation.JIUSAN, 3),
        (PoliticalAffiliation.RCCK, 2),
        (PoliticalAffiliation.CPWDP, 3),
        (PoliticalAffiliation.TDSL, 1),
        (PoliticalAffiliation.CPC, 3),
    ]
)


class RegistryGenerator:
    """``RegistryGenerator(seed).people(n)`` yields n PersonRow; the same seed, the same rows."""

    def __init__(self, seed: int = 20260101, *, today: date | None = None, units: list[UnitSpec] | None = None):
        self.rng = random.Random(seed)  # nosec B311  # synthetic demo and bench data, the same for a seed: nothing secret
        self.today = today or date(2026, 1, 1)
        self.units = units or org_tree()
        self.member_units = [unit.code for unit in self.units if unit.holds_members]
        self._issued: set[int] = set()

    # --- identity -------------------------------------------------------------------------
    def birth_date(self) -> date:
        first, last = date(BIRTH_YEARS[0], 1, 1), date(BIRTH_YEARS[1], 12, 31)
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    def region_code(self, birth_year: int) -> str:
        local, other = division_codes()
        while True:
            pool = local if self.rng.random() < LOCAL_SHARE else other
            code = pool[self.rng.randrange(len(pool))]
            if region_valid_between(code, birth_year, self.today.year):
                return code

    def id_number(self, born: date, male: bool) -> str:
        """A unique valid number: region in force since the birth year, the date, a sequence whose
        last digit's parity is the gender (odd: male), and the MOD 11-2 check digit."""
        while True:
            sequence = self.rng.randrange(0, 1000, 2) + (1 if male else 0)
            first17 = f"{self.region_code(born.year)}{born:%Y%m%d}{sequence:03d}"
            if int(first17) not in self._issued:
                self._issued.add(int(first17))
                return first17 + check_digit(first17)

    def name(self, male: bool) -> str:
        pool = names.MALE_GIVEN if male else names.FEMALE_GIVEN
        given = "".join(self.rng.choice(pool) for _ in range(1 if self.rng.random() < 0.3 else 2))
        return _SURNAMES.pick(self.rng) + given

    def phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    # --- registry facts ---------------------------------------------------------------------
    def path(self) -> list[PathStep]:
        """Steps up to a final stage (none for a fifth of the people), dated in order."""
        if self.rng.random() < 0.2:
            return []
        final = self.rng.randrange(len(STAGE_ORDER))
        day = date(2018, 1, 1) + timedelta(days=self.rng.randrange(900))
        steps = []
        for stage in STAGE_ORDER[: final + 1]:
            for _ in range(1 if stage != STAGE_ORDER[final] else self.rng.randint(1, 2)):
                kind = self.rng.choice(sorted(STAGE_EVENT_KINDS[stage]))
                steps.append(
                    PathStep(str(stage), str(kind), day, self.rng.choice(("社区走访", "商会推荐", "网格员发现", "")))
                )
                day += timedelta(days=self.rng.randint(20, 300))
        return [step for step in steps if step.occurred_on <= self.today]

    def tags(self, male: bool) -> tuple[str, ...]:
        """A few tags that fit the person: no man is tagged 女性. Drawn as before, then fitted,
        so the rest of the generated data stays the same."""
        drawn = set(self.rng.sample(names.TAGS, self.rng.choice((0, 0, 0, 0, 1, 1, 2))))
        if male:
            drawn -= set(names.FEMALE_ONLY_TAGS)
        return tuple(sorted(drawn))

    def person(self) -> PersonRow:
        rng = self.rng
        born = self.birth_date()
        male = rng.random() < 0.55
        group = _GROUPS.pick(rng)
        main = _GROUP_PICKERS[group].pick(rng)
        categories = {main}
        if main.startswith("new-strata-"):
            categories.add("new-social-strata")
        if rng.random() < 0.1:
            categories.add(rng.choice(EXTRA_CATEGORIES))
        overseas = rng.choice(OVERSEAS_FOR_CATEGORY[main]) if main in OVERSEAS_FOR_CATEGORY else ""
        return PersonRow(
            unit=rng.choice(self.member_units),
            name=self.name(male),
            gender="male" if male else "female",
            birth_date=born,
            id_number=self.id_number(born, male),
            phone=self.phone(),
            main_category=main,
            categories=tuple(sorted(categories)),
            tier=rng.choices((Tier.NONE, Tier.RESERVE, Tier.REPRESENTATIVE), (80, 14, 6))[0],
            tags=self.tags(male),
            political_affiliation=_AFFILIATIONS.pick(rng),
            religion=rng.choice(list(Religion.values)) if rng.random() < 0.05 else "",
            overseas_status=str(overseas),
            overseas_country=rng.choice(names.COUNTRIES) if overseas and overseas != OverseasStatus.HK_MACAO else "",
            education=rng.choice([value for value in Education.values if value]),
            occupation=rng.choice(names.OCCUPATIONS),
            work_unit=rng.choice(names.WORK_UNITS),
            residence_address=f"杭州市{rng.choice(names.STREETS)}{rng.randint(1, 300)}号",
            path=self.path(),
        )

    def people(self, count: int):
        for _ in range(count):
            yield self.person()
