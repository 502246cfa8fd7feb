"""What the imports app brings to the shell: the pages and API of every registered import kind
(/<kind>/import/…), 导入 on the list pages of their models, and the sweep of expired uploads the
task worker runs."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.core.scoping import Action, can
from concentric.imports.uploads import SWEEP_EVERY_SECONDS, sweep_uploads

registry.add_pages("", "concentric.imports.urls")
registry.add_api_urls("concentric.imports.api")
registry.add_periodic(registry.Periodic("import uploads sweep", sweep_uploads, SWEEP_EVERY_SECONDS))


def _import_buttons(model, user) -> list[registry.ListButton]:
    """导入 on a list whose records an import kind registers, for users who may add them."""
    return [
        registry.ListButton(_("Import"), reverse("imports:upload", kwargs={"kind": name}), "upload", "toolbar-import")
        for name, kind in sorted(registry.import_kinds().items())
        if kind.model is model and can(user, Action.ADD, model)
    ]


registry.add_list_buttons(_import_buttons)
