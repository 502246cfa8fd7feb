"""The portal's routes for the access matrix: public, each naming the publishing records its
``pk`` points at (publishing's factories make them: never published, so every answer is 404)."""

from concentric.publishing.models import Column, Item, ItemFile, ItemImage
from tests.routes import Spec

ROUTE_SPECS = {
    "portal:column": Spec(Column),
    "portal:item": Spec(Item),
    "portal:cover": Spec(Item, binary=True),
    "portal:image": Spec(ItemImage, binary=True),
    "portal:file": Spec(ItemFile, binary=True),
}
