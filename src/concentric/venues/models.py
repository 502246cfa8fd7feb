"""Venues (阵地: 统战之家, 同心书屋, 同心客厅, 工作站 …) of a unit, their rooms, and room bookings.

A venue belongs to a unit and is open to the units below it: a community sees and books the
rooms of its subdistrict's 统战之家. A booking belongs to the unit that booked; two bookings of
the same room may not overlap (touching end and start is fine), which the database enforces:
an exclusion constraint on PostgreSQL, a serialised check in the write transaction on SQLite
(venues.services).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.fields import EncryptedTextField
from concentric.core.models import AttachedFile, VersionedModel
from concentric.core.policies import dictionary, unit_records
from concentric.core.scoping import Action, ScopedManager, ScopePolicy
from concentric.venues.choices import BookingStatus, VenueKind


def venue_policy(unit_field: str) -> ScopePolicy:
    """Kept by the venue's unit; seen by the units below it too (they book its rooms)."""
    return unit_records(unit_field, upward_actions=frozenset({Action.VIEW}))


class RoomFunction(VersionedModel):
    """What a room serves for (接待, 展示, 议事, 演出 …): an editable dictionary, versioned like
    every record its editors change from a form."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30, unique=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedManager()
    scope = dictionary()

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = _("room function")
        verbose_name_plural = _("room functions")

    def __str__(self):
        return self.name


class Venue(VersionedModel):
    org_unit = models.ForeignKey("org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="venues")
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=16, choices=VenueKind.choices)
    address = models.CharField(_("address"), max_length=120)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    keeper = models.CharField(_("keeper"), max_length=50, blank=True)
    keeper_phone = EncryptedTextField(_("keeper's phone"), mask="phone")
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedManager()
    scope = venue_policy("org_unit")
    SENSITIVE_FIELDS = frozenset({"keeper_phone"})

    class Meta:
        ordering = ["org_unit", "name", "id"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [models.UniqueConstraint(fields=["org_unit", "name"], name="unique_venue_name_per_unit")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("venues:detail", args=[self.pk])


class VenuePhoto(AttachedFile):
    venue = models.ForeignKey(Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="photos")

    objects = ScopedManager()
    scope = venue_policy("venue__org_unit")

    class Meta(AttachedFile.Meta):
        verbose_name = _("venue photo")
        verbose_name_plural = _("venue photos")


class Room(VersionedModel):
    venue = models.ForeignKey(Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=60)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    functions = models.ManyToManyField(RoomFunction, verbose_name=_("functions"), blank=True, related_name="rooms")
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedManager()
    scope = venue_policy("venue__org_unit")

    class Meta:
        ordering = ["venue", "name", "id"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [models.UniqueConstraint(fields=["venue", "name"], name="unique_room_name_per_venue")]

    def __str__(self):
        return f"{self.venue.name} · {self.name}"


class Booking(VersionedModel):
    """A room held from ``starts_at`` to ``ends_at`` (end exclusive) by a unit, for an activity
    (``source`` names it: "activity:12", kept by the activities app) or another use."""

    room = models.ForeignKey(Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="bookings")
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("booked by unit"), on_delete=models.PROTECT, related_name="room_bookings"
    )
    starts_at = models.DateTimeField(pgettext_lazy("date and time", "from"))
    ends_at = models.DateTimeField(pgettext_lazy("date and time", "until"))
    purpose = models.CharField(_("purpose"), max_length=120)
    contact = models.CharField(_("contact person"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    source = models.CharField(_("booked for"), max_length=60, blank=True, editable=False)
    booked_by = models.ForeignKey(
        "accounts.User", verbose_name=_("booked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager()
    scope = unit_records(overrides={Action.UNMASK: frozenset()})

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        indexes = [models.Index(fields=["room", "starts_at"], name="booking_room_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}"
