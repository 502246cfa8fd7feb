"""What the rollups app brings to the shell (core.registry): the page of the records behind a figure."""

from concentric.core import registry

registry.add_pages("figures/", "concentric.rollups.urls")
