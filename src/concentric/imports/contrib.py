"""What the imports app brings to the shell: the pages and API of every registered import kind
(/<kind>/import/…), and the sweep of expired uploads the task worker runs."""

from concentric.core import registry
from concentric.imports.uploads import SWEEP_EVERY_SECONDS, sweep_uploads

registry.add_pages("", "concentric.imports.urls")
registry.add_api_urls("concentric.imports.api")
registry.add_periodic(registry.Periodic("import uploads sweep", sweep_uploads, SWEEP_EVERY_SECONDS))
