"""The API routes of a venue's photos, under /api/v1/venues/ (no app_name: the API's namespace)."""

from concentric.venues.files import VenuePhotos

urlpatterns = VenuePhotos.api_urls()
