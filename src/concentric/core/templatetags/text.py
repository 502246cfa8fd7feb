"""Filters for running text: ``whole_figures`` keeps each date ("2026-12-07", with a time too) and
each number or masked number ("331127********5299") on one line. A browser breaks a line after a
hyphen, so a Chinese sentence on a phone otherwise splits a date in two ("2026-12-" / "07")."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

register = template.Library()

FIGURE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?|[\dXx*][\dXx*.,:-]{3,}[\dXx*]")


@register.filter
def whole_figures(value) -> SafeString:
    text, html, start = str(value), SafeString(""), 0
    for found in FIGURE.finditer(text):
        html += escape(text[start : found.start()]) + format_html('<span class="text-nowrap">{}</span>', found.group(0))
        start = found.end()
    return html + escape(text[start:])
