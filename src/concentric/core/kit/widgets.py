"""Form widgets of the kit that need a script of their own."""

import re

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from concentric.core import images, richtext

TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


class RichTextWidget(forms.Textarea):
    """A rich-text body (core.richtext): the wangEditor editor (static/vendor/wangeditor) over a
    plain textarea, set up by static/concentric/richtext.js on page load and after htmx swaps.

    The script hides the textarea, shows the toolbar and the editor, and writes the editor's HTML
    into the textarea on every change, so the form posts the field like any other. Without
    JavaScript the textarea stays: what is typed there without any tag is taken as paragraphs
    (``richtext.plain_to_html``). Whatever arrives, the form or service must still pass it
    through ``richtext.sanitise_html``: the editor is a convenience, not a check. The toolbar
    offers only what the sanitiser keeps (headings, bold, italic, underline, strike, sub and
    superscript, lists, quotes, links, tables, code, a rule, image upload; no colours, fonts,
    video or network images).

    ``upload_url`` (a URL or a lazy ``reverse_lazy``): where the editor uploads the images put into
    the body; without it the toolbar has no image button. The contract of that endpoint, which the
    app that keeps the body provides:

    - request: ``POST``, ``multipart/form-data``, one image per request in the field ``image``,
      the CSRF token in the ``X-CSRFToken`` header (the session cookie goes along: same origin);
    - it checks the user's right to the body, passes the file through
      ``core.images.normalise_image`` and stores the result under a URL of its own (a path on this
      site that its ``image_src_allowed`` for ``sanitise_html`` accepts; e.g. "/publishing/images/42/");
    - success: HTTP 200, JSON ``{"errno": 0, "data": {"url": "<path>", "alt": "<text>"}}``;
    - refusal: JSON ``{"errno": 1, "message": "<the reason, in the user's language>"}`` (any HTTP
      status; 200 or 400), which the editor shows as an alert above its toolbar.
    """

    FIELD = "image"  # the multipart field of an upload

    def __init__(self, attrs=None, *, upload_url=None):
        super().__init__({"rows": 12, **(attrs or {})})
        self.upload_url = upload_url

    class Media:
        css = {"all": ["vendor/wangeditor/style.css", "concentric/richtext.css"]}
        js = ["vendor/wangeditor/index.js", "concentric/richtext.js"]

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value and not TAG.search(value):  # typed without the editor (no JavaScript): plain text
            return richtext.plain_to_html(value)
        return value

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="app-richtext" data-richtext data-upload-url="{}" data-upload-field="{}" data-max-bytes="{}" '
            'data-placeholder="{}" data-upload-failed="{}" data-link-refused="{}">'
            '<div class="alert alert-danger app-richtext-status" data-richtext-status role="alert" hidden></div>'
            '<div class="app-richtext-toolbar" data-richtext-toolbar hidden></div>'
            '<div class="app-richtext-editor" data-richtext-editor hidden></div>'
            "{}"
            "</div>",
            str(self.upload_url or ""),
            self.FIELD,
            images.MAX_BYTES,
            _("Write the text here…"),
            _("The image could not be uploaded."),
            _("Links may lead to http, https or mailto addresses or to a page of this site; images must be uploaded."),
            textarea,
        )
