"""Demo members for `make run`: 80 people in the demo communities and business district, drawn
from the bench's generator (realistic names, valid ID numbers, the article's category shares)
with a fixed seed, and registered through the services like any other record: path steps, tags,
and one suspected duplicate pair for the review page."""

from datetime import date

from concentric.people import services
from concentric.people.models import Category, Person
from concentric.people.synthetic.generator import RegistryGenerator, UnitSpec

DEMO_MEMBER_UNITS = ("hubin-dongpo", "hubin-yuewang", "hubin-qingnianlu", "hubin-buxingjie")
DEMO_MEMBERS = 80
DEMO_SEED = 7


def load_demo_members(*, actor, units: dict) -> int:
    """Register the demo members unless the registry already holds people; returns how many."""
    if Person.objects.exists():
        return 0
    specs = [
        UnitSpec(code, units[code].name, units[code].kind, units[code].parent.code, True) for code in DEMO_MEMBER_UNITS
    ]
    generator = RegistryGenerator(DEMO_SEED, today=date(2026, 1, 1), units=specs)
    categories = {category.code: category for category in Category.objects.all()}
    first = None
    for row in generator.people(DEMO_MEMBERS):
        person = services.person_create(
            actor=actor,
            org_unit=units[row.unit],
            name=row.name,
            main_category=categories[row.main_category],
            categories=[categories[code] for code in row.categories if code != row.main_category],
            gender=row.gender,
            birth_date=row.birth_date,
            id_number=row.id_number,
            phone=row.phone,
            tier=row.tier,
            political_affiliation=row.political_affiliation,
            religion=row.religion,
            overseas_status=row.overseas_status,
            overseas_country=row.overseas_country,
            education=row.education,
            occupation=row.occupation,
            work_unit=row.work_unit,
            residence_address=row.residence_address,
            ethnicity="汉族",
        )
        first = first or person
        for step in row.path:
            services.person_path_record(
                actor=actor,
                person_id=person.pk,
                stage=step.stage,
                kind=step.kind,
                occurred_on=step.occurred_on,
                source=step.source,
            )
        for tag in row.tags:
            services.person_tag_add(actor=actor, person_id=person.pk, name=tag)
    # Same name and birth date as the first member, another phone: queued for review, not refused.
    services.person_create(
        actor=actor,
        org_unit=first.org_unit,
        name=first.name,
        birth_date=first.birth_date,
        main_category=categories["non-party"],
        phone="13900001111",
        occupation="个体经营",
    )
    return DEMO_MEMBERS + 1
