from django.utils.translation import gettext_lazy, pgettext_lazy

from concentric.core.kit.tables import Column, Table


def _categories(group) -> str:
    return "、".join(category.name for category in group.categories.all())


class GroupTable(Table):
    name = Column(pgettext_lazy("year-end review", "Name"), "name")
    categories = Column(gettext_lazy("Main categories"), _categories)
    sort = Column(gettext_lazy("Order"), "sort")


class WordingTable(Table):
    name = Column(pgettext_lazy("year-end review", "Name"), "name")
    text = Column(gettext_lazy("Wording"), "text")
