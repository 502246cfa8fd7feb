"""A file record stored as an upload stores it, for the route sweeps' factories (tests/matrix.py)
of the apps that keep files: the bytes in the default storage, the record naming them."""

from django.core.files.base import ContentFile

from concentric.core.tests import samples


def stored_file(model, *, name: str, **parent):
    """A ``model`` (an AttachedFile) holding a small PNG image, on the record given as ``parent``."""
    content = samples.png()
    record = model(**parent, name=name, content_type="image/png", size=len(content))
    record.file.save("matrix.png", ContentFile(content), save=False)
    record.save()
    return record
