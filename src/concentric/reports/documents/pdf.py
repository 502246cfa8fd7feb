"""The review as PDF, drawn with fpdf2 (as the volunteer certificates are) and Debian's Noto Sans
CJK embedded as a subset: no system library, no network, and every Chinese character has its
glyph (``missing_glyphs`` answers any that had none; the tests require none)."""

from io import BytesIO

from fpdf import FPDF
from fpdf.enums import WrapMode

from concentric.reports.documents import layout
from concentric.reports.documents.charts import review_charts
from concentric.reports.documents.fonts import BOLD_FONT_FILE, FONT_FILE, SIMPLIFIED_CHINESE, require_fonts

FONT = "cjk"


def _heading(pdf, text: str, size: int = 14) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, 9, text, align="L", wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10.5)


def _rows(pdf, headers: list[str], rows: list[layout.Row]) -> None:
    with pdf.table(
        col_widths=(90, 40, 30), text_align=("LEFT", "RIGHT", "LEFT"), line_height=6.5, wrapmode=WrapMode.CHAR
    ) as table:
        table.row(headers)
        for row in rows:
            table.row((row.label, row.text, row.unit))


def build(review: dict) -> FPDF:
    require_fonts()
    pdf = FPDF(format="A4")
    pdf.set_title(layout.title(review))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font(FONT, "", str(FONT_FILE), collection_font_number=SIMPLIFIED_CHINESE)
    pdf.add_font(FONT, "B", str(BOLD_FONT_FILE), collection_font_number=SIMPLIFIED_CHINESE)
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 11, layout.title(review), align="C", wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 7, layout.subtitle(review), align="C", new_x="LMARGIN", new_y="NEXT")
    word = layout.word
    _heading(pdf, word("Summary"))
    pdf.multi_cell(0, 7, review["narrative"], align="L", wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
    headers = layout.value_headers(word("Figure"))
    _heading(pdf, word("Main figures"))
    _rows(pdf, headers, layout.figure_rows(review))
    _heading(pdf, word("Headline groups"))
    _rows(pdf, layout.value_headers(word("Group")), layout.group_rows(review))
    for name, title, rows in layout.breakdowns(review):
        _heading(pdf, title, 12)
        _rows(pdf, layout.value_headers(layout.breakdown_header(name)), rows)
    charts = review_charts(review)
    if charts:
        _heading(pdf, word("Charts"))
        for _title, png in charts:
            if pdf.get_y() > pdf.h - 100:
                pdf.add_page()
            pdf.image(BytesIO(png), w=pdf.epw)
            pdf.ln(3)
    sections = layout.children_sections(review)
    if sections:
        _heading(pdf, word("Child units"))
        for name, figures, _groups in sections:
            _heading(pdf, name, 12)
            _rows(pdf, headers, layout.figure_rows(review, figures))
    return pdf


def missing_glyphs(pdf: FPDF) -> list[str]:
    """The characters some font of ``pdf`` had no glyph for (empty: everything shows)."""
    return sorted({chr(code) for font in pdf.fonts.values() for code in getattr(font, "missing_glyphs", [])})


def review_pdf(review: dict) -> bytes:
    return bytes(build(review).output())
