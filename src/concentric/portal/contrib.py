"""What the public portal brings to the shell: its pages under /portal/, a public part of the site
(no sign-in, no session; the only part a portal host reaches: core.middleware)."""

from concentric.core import registry

registry.add_pages("portal/", "concentric.portal.urls", public=True)
