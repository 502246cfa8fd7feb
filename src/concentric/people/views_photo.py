"""A member's photo, served only to users who may see the member (never from a public URL)."""

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from concentric.core import filetypes
from concentric.core.kit import pages

# Shown when a member has no photo (or its file is gone): a neutral silhouette.
PLACEHOLDER = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 160" width="120" height="160">'
    '<rect width="120" height="160" fill="#e9ecef"/>'
    '<circle cx="60" cy="62" r="26" fill="#adb5bd"/>'
    '<path d="M16 160c0-30 20-50 44-50s44 20 44 50z" fill="#adb5bd"/></svg>'
)


@method_decorator(never_cache, name="dispatch")
class PersonPhotoPage(pages.ObjectPage):
    access = "detail"
    http_method_names = ["get"]

    def get(self, request, pk):
        name = self.object.photo.name
        if name and default_storage.exists(name):
            handle = default_storage.open(name, "rb")
            try:
                kind = filetypes.identify(handle, filetypes.PHOTOS)
            except filetypes.Refused:
                handle.close()
            else:
                response = FileResponse(handle, content_type=kind.content_type)
                response["Content-Disposition"] = f'inline; filename="photo.{kind.extension}"'
                return response
        return HttpResponse(PLACEHOLDER, content_type="image/svg+xml")
