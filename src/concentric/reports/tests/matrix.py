"""The reports app's declarations for the route sweeps (tests/routes.py)."""

from django.utils import timezone

from concentric.core.scoping import Action
from concentric.people.models import Category
from concentric.reports.models import NarrativeTemplate, ReviewGroup, ReviewVersion, WordTemplate
from tests.routes import Spec


def _version(unit, key):
    marker = f"矩阵{key}盘点"
    version = ReviewVersion.objects.create(
        org_unit=unit,
        year=2020,
        number=ReviewVersion.objects.filter(org_unit=unit, year=2020).count() + 1,
        cutoff=timezone.now(),
        figures={"members_total": 1},
        narrative=marker,
    )
    return version, marker


def _group(unit, key):
    group = ReviewGroup.objects.create(name=f"矩阵{key}群体", sort=0)
    group.categories.set(Category.objects.filter(code="new-rural-worthies"))
    return group, group.name


def _wording(unit, key):
    wording = NarrativeTemplate.objects.create(name=f"矩阵{key}措辞", text="{year}")
    return wording, wording.name


def _word_template(unit, key):
    from concentric.reports.documents.word import default_template

    template = WordTemplate.objects.create(name=f"矩阵{key}.docx", content=default_template())
    return template, template.name


FACTORIES = {
    ReviewVersion: _version,
    ReviewGroup: _group,
    NarrativeTemplate: _wording,
    WordTemplate: _word_template,
}
# The downloads answer files, not pages naming the record.
ROUTE_SPECS = {
    "reports:version_download": Spec(ReviewVersion, Action.EXPORT, binary=True),
    "reports:word_template_download": Spec(WordTemplate, Action.VIEW, binary=True),
}
