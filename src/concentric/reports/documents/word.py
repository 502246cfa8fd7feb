"""The review as an editable Word file, rendered by docxtpl from a template.

The built-in template is written with python-docx when it is needed (no generated file is kept
in the sources); an administrator may download it, change it in Word or WPS and upload it in its
place (reports.services.word_template_upload). Its tags are Jinja's, rendered in Jinja's sandbox
with autoescaping, so a template can read the review's values and nothing else:

``title``, ``subtitle``, ``unit_name``, ``year``, ``cutoff``, ``narrative``; ``figures``, ``groups``
(rows with ``label``, ``text``, ``unit``); ``breakdowns`` (``title``, ``header`` and ``rows``);
``children`` (``name``, ``rows``, ``groups``: the unit's own share, each child unit, then the total); ``charts`` (``title``, ``image``); ``f`` (every single-number
figure by its JSON name: ``{{ f.members_total }}``).
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from concentric.reports.documents import layout
from concentric.reports.documents.charts import review_charts

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def _east_asian(style, name: str) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _table(document, headers: list[str], loop: str, cells: list[str]) -> None:
    """A table whose body repeats a row per item of ``loop`` ("row in figures")."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def default_template() -> bytes:
    """The built-in template, in the active language."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Mm(22))
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    _east_asian(normal, BODY_FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        _east_asian(document.styles[name], HEADING_FONT)
    heading = document.add_paragraph("{{ title }}", style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("{{ subtitle }}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    word = layout.word
    document.add_heading(word("Summary"), level=1)
    document.add_paragraph("{{ narrative }}")
    document.add_heading(word("Main figures"), level=1)
    row_cells = ["{{ row.label }}", "{{ row.text }}", "{{ row.unit }}"]
    headers = layout.value_headers(word("Figure"))
    _table(document, headers, "row in figures", row_cells)
    document.add_heading(word("Headline groups"), level=1)
    _table(document, layout.value_headers(word("Group")), "row in groups", row_cells)
    document.add_heading(word("Breakdowns"), level=1)
    document.add_paragraph("{%p for section in breakdowns %}")
    document.add_heading("{{ section.title }}", level=2)
    _table(document, layout.value_headers("{{ section.header }}"), "row in section.rows", row_cells)
    document.add_paragraph("{%p endfor %}")
    document.add_heading(word("Charts"), level=1)
    document.add_paragraph("{%p for chart in charts %}")
    document.add_paragraph("{{ chart.image }}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if children %}")
    document.add_heading(word("Child units"), level=1)
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for child in children %}")
    document.add_heading("{{ child.name }}", level=2)
    _table(document, headers, "row in child.rows", row_cells)
    document.add_paragraph("{%p endfor %}")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def context(review: dict, template: DocxTemplate | None) -> dict:
    def row(item):
        return {"label": item.label, "text": item.text, "unit": item.unit}

    charts = []
    if template is not None:
        charts = [
            {"title": name, "image": InlineImage(template, BytesIO(png), width=Mm(160))}
            for name, png in review_charts(review)
        ]
    return {
        "title": layout.title(review),
        "subtitle": layout.subtitle(review),
        "unit_name": review["unit"]["name"],
        "year": review["year"],
        "cutoff": layout.cutoff_text(review),
        "narrative": review["narrative"],
        "figures": [row(item) for item in layout.figure_rows(review)],
        "groups": [row(item) for item in layout.group_rows(review)],
        "breakdowns": [
            {"title": title, "header": layout.breakdown_header(name), "rows": [row(item) for item in rows]}
            for name, title, rows in layout.breakdowns(review)
        ],
        # The child units, the unit's own share, and the total they add up to.
        "children": [
            {
                "name": name,
                "rows": [row(item) for item in layout.figure_rows(review, figures)],
                "groups": [row(item) for item in layout.group_rows(review, groups)],
            }
            for name, figures, groups in layout.children_sections(review)
        ],
        "charts": charts,
        "f": {item: value for item, value in review["figures"].items() if layout.is_number(value)},
    }


def _render(source: bytes, review: dict) -> bytes:
    template = DocxTemplate(BytesIO(source))
    template.render(context(review, template), jinja_env=SandboxedEnvironment(), autoescape=True)
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def review_docx(review: dict, *, template: bytes | None = None) -> bytes:
    return _render(template or default_template(), review)


SAMPLE = {
    "unit": {"code": "sample", "name": "示例街道"},
    "year": 2020,
    "cutoff": "2020-12-31T23:59:59+08:00",
    "figures": {"members_total": 3, "members_by_main_category": {"new-rural-worthies": 3}, "donations_goods": []},
    "groups": [{"name": "新乡贤", "count": 3}],
    "narrative": "示例",
    "children": [{"unit": {"code": "c", "name": "示例社区"}, "figures": {"members_total": 3}, "groups": []}],
    "labels": {},
}


def check_template(content: bytes) -> None:
    """Refuse a file that is no Word template this review can fill (with the reason)."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise ValidationError(_("The template is larger than 5 MB."))
    try:
        _render(content, SAMPLE)
    except TemplateError as error:
        raise ValidationError(_("The template's tags are wrong: %(error)s") % {"error": error}) from None
    except Exception:  # a file python-docx cannot open: not a Word file, or a damaged one
        raise ValidationError(_("This is not a Word (.docx) file.")) from None
