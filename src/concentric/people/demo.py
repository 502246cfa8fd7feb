"""Demo members for `make run`: 80 people in the demo communities and business district, drawn
from the bench's generator (realistic names, valid ID numbers, the article's category shares)
with a fixed seed, and registered through the services like any other record: path steps, tags,
and one suspected duplicate pair for the review page. Their registrations are spread over the
demo season (from 1 September to today), so the growth by month and the monthly quota have a
history to show."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from concentric.core.demo import season_start
from concentric.people import services
from concentric.people.models import Category, Person
from concentric.people.synthetic.generator import RegistryGenerator, UnitSpec
from concentric.rollups.services import tallies

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
    registered = []
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
        registered.append(person)
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
    _spread_over_the_season(registered)
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


@transaction.atomic
def _spread_over_the_season(people: list[Person]) -> None:
    """Date the registrations evenly from the season's first day to today, in the order of
    registration (a demo's history: the services date a record when it is written)."""
    today = timezone.localdate()
    first = season_start(today)
    days = (today - first).days
    with tallies(*people):
        for index, person in enumerate(people):
            day = first + timedelta(days=index * days // max(len(people), 1))
            moment = timezone.make_aware(datetime.combine(day, time(9 + index % 8)))
            Person.objects.filter(pk=person.pk).update(created_at=moment)
