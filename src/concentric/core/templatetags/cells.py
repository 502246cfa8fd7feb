"""``{% field_cell form.field "col-…" %}``: a form field with its label and errors in a grid cell
(core.markup writes it)."""

from django import template

from concentric.core.markup import field_cell_html

register = template.Library()


@register.simple_tag
def field_cell(field, css):
    return field_cell_html(field, css)
