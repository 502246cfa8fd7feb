"""A venue's photos: images only, kept on the venue (core.kit.files), shown on its page."""

from concentric.core import filetypes
from concentric.core.kit.files import RecordFiles
from concentric.venues.models import VenuePhoto


class VenuePhotos(RecordFiles):
    model = VenuePhoto
    parent_field = "venue"
    slug = "photos"
    namespace = "venue_files"
    api_prefix = "venues"
    accepted = filetypes.IMAGES
