"""The venues' declarations for the route sweeps (tests/routes.py)."""

from concentric.core.scoping import Action
from concentric.core.tests.stored import stored_file
from concentric.venues.choices import VenueKind
from concentric.venues.models import Venue, VenuePhoto
from tests.routes import Spec


def _venue(unit, key):
    venue = Venue.objects.create(org_unit=unit, name=f"矩阵{key}阵地", kind=VenueKind.HOME, address="崔家巷4号")
    return venue, venue.name


def _venue_photo(unit, key):
    venue, _marker = _venue(unit, key)
    photo = stored_file(VenuePhoto, name=f"矩阵{key}照片.png", venue=venue)
    return photo, photo.name


FACTORIES = {Venue: _venue, VenuePhoto: _venue_photo}

ROUTE_SPECS = {
    # Answers the photo itself, not a page naming it.
    "venue_files:photos_file": Spec(VenuePhoto, Action.VIEW, binary=True),
    # Uploads are multipart forms.
    "api:venues-photos-list": Spec(Venue, None, api=True, multipart=True),
}
