"""The pages of a venue's photos (core.kit.files), beside the venue's own pages under venues/."""

from concentric.venues.files import VenuePhotos

app_name = "venue_files"
urlpatterns = VenuePhotos.urls()
