"""Information publishing (信息发布): columns (专题栏目) kept by unit administrators, and the items
(信息) written in them, reviewed and published.

A column belongs to its unit; the units below see it (``upward_actions``) and write items in it.
An item belongs to the unit it is written for; its body is HTML kept only as the sanitiser leaves
it (services.bodies), its images are our own uploads (``ItemImage``), its publish time is set by
the publishing itself and never entered. The members an item features (``ItemFeature``) carry the
publicity step on their path while the item is published.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.models import AttachedFile, VersionedModel
from concentric.core.policies import UNIT_ADMINS, unit_records
from concentric.core.scoping import Action, ScopedManager
from concentric.publishing import choices

NOBODY = frozenset()


class Column(VersionedModel):
    """专题栏目: public columns show on the portal, internal ones only inside the platform."""

    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("owning unit"), on_delete=models.PROTECT, related_name="publishing_columns"
    )
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=100)
    active_from = models.DateField(_("open from"), null=True, blank=True)
    active_until = models.DateField(_("open until"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedManager()
    # Kept by unit administrators; every business role of the unit and of the units below reads it.
    scope = unit_records(
        upward_actions=frozenset({Action.VIEW}),
        overrides={
            Action.ADD: UNIT_ADMINS,
            Action.CHANGE: UNIT_ADMINS,
            Action.DELETE: UNIT_ADMINS,
            Action.UNMASK: NOBODY,
        },
    )

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = pgettext_lazy("information item", "column")
        verbose_name_plural = pgettext_lazy("information item", "columns")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "name"], name="publishing_column_unique_name"),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="publishing_column_period",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publishing:column_detail", args=[self.pk])

    def is_open_on(self, day) -> bool:
        """Whether items may be published in the column on ``day``."""
        return (
            self.is_active
            and (self.active_from is None or self.active_from <= day)
            and (self.active_until is None or day <= self.active_until)
        )


class Item(VersionedModel):
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=pgettext_lazy("information item", "unit"),
        on_delete=models.PROTECT,
        related_name="publishing_items",
    )
    columns = models.ManyToManyField(
        Column, verbose_name=pgettext_lazy("information item", "columns"), related_name="items"
    )
    title = models.CharField(pgettext_lazy("information item", "title"), max_length=120)
    author = models.ForeignKey(  # empty once the account is gone
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(pgettext_lazy("information item", "summary"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)  # sanitised HTML (services.bodies), nothing else
    body_text = models.TextField(_("body text"), blank=True, editable=False)  # the body's words, for search
    source = models.CharField(pgettext_lazy("information item", "source"), max_length=100, blank=True)
    cover = models.FileField(_("cover image"), upload_to="publishing/covers/%Y/%m/", max_length=200, blank=True)
    cover_type = models.CharField(_("cover image type"), max_length=40, blank=True, editable=False)
    status = models.CharField(
        pgettext_lazy("information item", "status"),
        max_length=10,
        choices=choices.ItemStatus.choices,
        default=choices.ItemStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ScopedManager()
    # Staff and unit administrators write (while the item is a draft or returned: the services say
    # so); publishing, returning and withdrawing take a unit administrator (services.workflow).
    scope = unit_records(overrides={Action.UNMASK: NOBODY})

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("information item")
        verbose_name_plural = _("information items")
        indexes = [
            models.Index(fields=["org_unit", "status", "published_at"], name="publishing_item_unit_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=choices.ItemStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="publishing_item_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publishing:detail", args=[self.pk])

    @property
    def published_on(self):
        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def featured_ids(self) -> list[int]:
        """The featured members' ids (the API's ``features``)."""
        return [feature.person_id for feature in self.features.all()]


class ItemFeature(models.Model):
    """A member the item features (代表人士): linked to the registry, shown on their page."""

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="features")
    person = models.ForeignKey("people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    # The member's name when featured, renewed when the item is published: what the public portal
    # shows of them (their name only), without reading the registry.
    person_name = models.CharField(_("member's name"), max_length=50, blank=True, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    objects = ScopedManager()
    scope = unit_records("item__org_unit", overrides={Action.UNMASK: NOBODY})

    class Meta:
        ordering = ["item", "id"]
        verbose_name = _("featured member")
        verbose_name_plural = _("featured members")
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="publishing_feature_once"),
        ]

    def __str__(self):
        return f"{self.item} · {self.person}"


class ItemEvent(models.Model):
    """One step of an item's timeline: who moved it, when, with what comment. Never edited."""

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(_("step"), max_length=10, choices=choices.Transition.choices)
    status = models.CharField(_("status after"), max_length=10, choices=choices.ItemStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    objects = ScopedManager()
    scope = unit_records(
        "item__org_unit",
        overrides={Action.ADD: NOBODY, Action.CHANGE: NOBODY, Action.DELETE: NOBODY, Action.UNMASK: NOBODY},
    )

    class Meta:
        ordering = ["item", "at", "id"]
        verbose_name = _("item event")
        verbose_name_plural = _("item events")

    def __str__(self):
        return f"{self.item} · {self.get_transition_display()}"


class ItemFile(AttachedFile):
    """An item's attachments (documents and pictures beside the body)."""

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="files")

    objects = ScopedManager()
    scope = unit_records("item__org_unit", overrides={Action.UNMASK: NOBODY})

    class Meta(AttachedFile.Meta):
        verbose_name = _("item attachment")
        verbose_name_plural = _("item attachments")


class ItemImage(models.Model):
    """An image in an item's body, stored as re-encoded on upload (no metadata kept). It belongs
    to the unit it was uploaded for (the units below see it, so a subdistrict's upload shows in a
    community's item) and, once a saved body names it, to that item and its unit."""

    org_unit = models.ForeignKey("org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        Item, verbose_name=_("item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="images"
    )
    file = models.FileField(_("file"), upload_to="publishing/images/%Y/%m/", max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = unit_records(
        upward_actions=frozenset({Action.VIEW}),
        overrides={Action.CHANGE: NOBODY, Action.DELETE: NOBODY, Action.UNMASK: NOBODY},
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("body image")
        verbose_name_plural = _("body images")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publishing:image", args=[self.pk])

    @property
    def name(self) -> str:
        """The name it is served under."""
        return f"image-{self.pk}.{self.content_type.rpartition('/')[2]}"
