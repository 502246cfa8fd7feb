"""The API routes of an item's attachments (no app_name: the API's namespace)."""

from concentric.publishing.files import ItemFiles

urlpatterns = ItemFiles.api_urls()
