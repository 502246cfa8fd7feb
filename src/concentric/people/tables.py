"""The columns of the member registry's lists. The member export has its own columns, the
import template's (people.exporting), so that an export can be edited and imported again."""

from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from concentric.core.kit.tables import Column, Table
from concentric.core.labels import label_of
from concentric.core.masking import mask
from concentric.people import choices


def age_of(person, today=None) -> int | None:
    if not person.birth_date:
        return None
    today = today or timezone.localdate()
    born = person.birth_date
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class PersonTable(Table):
    """Read from named rows (PersonListPage.rows_queryset), not model instances."""

    name = Column(pgettext_lazy("person", "Name"), lambda p: p.name)
    gender = Column(gettext_lazy("Gender"), lambda p: label_of(choices.Gender, p.gender))
    age = Column(gettext_lazy("Age"), age_of)
    main_category = Column(gettext_lazy("Main category"), lambda p: p.category_name)
    tier = Column(gettext_lazy("Tier"), lambda p: label_of(choices.Tier, p.tier))
    stage = Column(gettext_lazy("Stage"), lambda p: label_of(choices.Stage, p.stage))
    unit = Column(gettext_lazy("Unit"), lambda p: p.unit_name)
    phone = Column(gettext_lazy("Mobile phone"), lambda p: mask(p.phone, "phone"), nowrap=True)


class CategoryTable(Table):
    name = Column(gettext_lazy("Name"), lambda c: str(c))
    code = Column(gettext_lazy("Code"), "code")
    is_official = Column(gettext_lazy("Official category"), "is_official")
    sort = Column(gettext_lazy("Order"), "sort")
    is_active = Column(gettext_lazy("Active"), "is_active")


def _name(person):
    return person.name if person else "—"


class DuplicateTable(Table):
    person_a = Column(gettext_lazy("Record A"), lambda case: _name(case.person_a))
    person_b = Column(gettext_lazy("Record B"), lambda case: _name(case.person_b))
    reason = Column(gettext_lazy("Reason"), "get_reason_display")
    found_at = Column(gettext_lazy("Found at"), lambda case: timezone.localtime(case.found_at).strftime("%Y-%m-%d"))
