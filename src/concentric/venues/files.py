"""A venue's photos: images only, kept on the venue (core.kit.files), shown on its page."""

from concentric.core import filetypes
from concentric.core.kit.files import RecordFiles
from concentric.venues.models import Venue, VenuePhoto


class VenuePhotos(RecordFiles):
    model = VenuePhoto
    parent_field = "venue"
    slug = "photos"
    namespace = "venue_files"
    api_prefix = "venues"
    accepted = filetypes.IMAGES


def load_demo_photos(context: dict) -> int:
    """A picture of each demo venue (the 统战之家 …), uploaded by the subdistrict's administrator."""
    return VenuePhotos.load_demo_pictures(
        actor=context["users"]["hubin_admin"], parents=Venue.objects.order_by("id"), colour=(178, 34, 34)
    )
