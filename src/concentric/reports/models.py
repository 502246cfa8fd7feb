"""The year-end review's settings (headline groups, the narrative's wording, the Word template)
and its frozen versions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.models import VersionedModel
from concentric.core.policies import UNIT_ADMINS, dictionary, unit_records
from concentric.core.scoping import Action, ScopedManager


class ReviewGroup(VersionedModel):
    """A headline group of main categories (新阶层及非公代表人士, 新乡贤, 涉侨): the review counts the
    members whose main category is one of its categories or one of their sub-groups."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    categories = models.ManyToManyField("people.Category", verbose_name=_("main categories"), related_name="+")
    sort = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedManager()
    scope = dictionary()

    class Meta:
        ordering = ["sort", "name"]
        verbose_name = _("headline group")
        verbose_name_plural = _("headline groups")

    def __str__(self):
        return self.name


class NarrativeTemplate(VersionedModel):
    """The wording of the review's narrative: text with named placeholders ({members_total},
    {groups} …), only those the review offers (reports.narrative.PLACEHOLDERS), nothing else."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    text = models.TextField(_("wording"))

    objects = ScopedManager()
    scope = dictionary()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("narrative wording")
        verbose_name_plural = _("narrative wordings")

    def __str__(self):
        return self.name

    def clean(self):
        from concentric.reports.narrative import template_problems  # the placeholders live there

        problems = template_problems(self.text)
        if problems:
            raise ValidationError({"text": problems})


class WordTemplate(models.Model):
    """A Word template an administrator uploaded in place of the built-in one (docxtpl tags
    rendered in a sandbox); the newest is used."""

    name = models.CharField(_("file name"), max_length=120)
    content = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = dictionary()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("Word template")
        verbose_name_plural = _("Word templates")

    def __str__(self):
        return self.name


class ReviewVersion(models.Model):
    """A frozen review: the figures, headline groups, children's figures, record ids and narrative
    as they were at ``cutoff``; its documents are made from these, so they stay the same after
    the records change. Freezing the same unit and year again makes the next version."""

    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=pgettext_lazy("year-end review", "unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("version"))
    cutoff = models.DateTimeField(_("cut-off"))
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    groups = models.JSONField(_("headline groups"), default=list, blank=True)
    children = models.JSONField(_("child units"), default=list, blank=True)
    records = models.JSONField(_("records"), default=dict, blank=True)
    labels = models.JSONField(_("labels"), default=dict, blank=True)
    narrative = models.TextField(_("narrative"))
    # The whole review as JSON text, in its order: PostgreSQL's jsonb keeps no key order, and the
    # documents list figures in the review's order.
    document = models.TextField(_("review as frozen"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("frozen by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    objects = ScopedManager()
    # Every business role reads and downloads; staff and unit administrators freeze; nobody
    # changes or deletes a frozen version.
    scope = unit_records(overrides={Action.CHANGE: frozenset(), Action.DELETE: frozenset(), Action.UNMASK: UNIT_ADMINS})

    class Meta:
        ordering = ["-year", "org_unit", "-number"]
        verbose_name = _("frozen review")
        verbose_name_plural = _("frozen reviews")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year", "number"], name="reports_version_unique"),
        ]

    def __str__(self):
        return f"{self.year} v{self.number}"
