"""The pages of an item's attachments (core.kit.files), under publishing/."""

from concentric.publishing.files import ItemFiles

app_name = "publishing_files"
urlpatterns = ItemFiles.urls()
