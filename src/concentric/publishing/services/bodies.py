"""An item's body as it is kept: HTML the sanitiser leaves (no script, handler, style or foreign
resource; images only our own uploads that the writer may see), and its words for search."""

import html as html_lib
import re

from django.urls import reverse

from concentric.core.richtext import html_to_text, is_blank, sanitise_html
from concentric.core.scoping import Action
from concentric.publishing.models import ItemImage

MARKER = 987654321


def image_url_pattern() -> re.Pattern:
    """The path of a body image (/publishing/images/<pk>/), with the pk as its group."""
    head, tail = reverse("publishing:image", args=[MARKER]).split(str(MARKER))
    return re.compile(rf"^{re.escape(head)}(\d+){re.escape(tail)}$")


def image_ids(body: str) -> set[int]:
    """The pks of our images a (sanitised) body shows."""
    pattern = image_url_pattern()
    found = set()
    for src in re.findall(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", body or "", flags=re.IGNORECASE):
        match = pattern.match(html_lib.unescape(src))
        if match:
            found.add(int(match.group(1)))
    return found


def image_allowed(actor):
    """The sanitiser's test of an image source: one of our body images the actor may see."""
    pattern = image_url_pattern()

    def allowed(src: str) -> bool:
        match = pattern.match(src or "")
        return bool(match) and ItemImage.objects.visible_to(actor, Action.VIEW).filter(pk=match.group(1)).exists()

    return allowed


def clean_body(actor, raw: str) -> tuple[str, str]:
    """(the body as kept, its plain text): an emptied editor's "<p><br></p>" is no body."""
    body = sanitise_html(raw or "", image_src_allowed=image_allowed(actor)).strip()
    if is_blank(body):
        body = ""
    return body, html_to_text(body)


def claim_images(item) -> None:
    """The images the saved body shows that no item holds yet become the item's (and its unit's)."""
    ids = image_ids(item.body)
    if ids:
        ItemImage.objects.filter(pk__in=ids, item__isnull=True).update(item=item, org_unit=item.org_unit_id)
