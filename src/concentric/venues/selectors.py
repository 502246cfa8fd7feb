"""Reads of venues and rooms for every app, always through ``visible_to`` (a venue is seen by its
unit and the units below it)."""

from django.shortcuts import get_object_or_404

from concentric.core.scoping import Action
from concentric.venues.models import Room, Venue


def venues_visible(user):
    """Venues in use that ``user`` may see, by name."""
    return Venue.objects.visible_to(user, Action.VIEW).filter(is_active=True).order_by("name", "pk")


def rooms_visible(user, venue=None):
    """Rooms in use that ``user`` may see (of ``venue`` when given), by venue and name."""
    rooms = Room.objects.visible_to(user, Action.VIEW).filter(is_active=True, venue__is_active=True)
    if venue is not None:
        rooms = rooms.filter(venue=venue)
    return rooms.select_related("venue").order_by("venue__name", "name", "pk")


def room_get(*, user, pk: int) -> Room:
    """One room the user may see; 404 for missing and out-of-scope alike."""
    return get_object_or_404(Room.objects.visible_to(user, Action.VIEW).select_related("venue"), pk=pk)
