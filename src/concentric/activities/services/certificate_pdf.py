"""A certificate as PDF, drawn with fpdf2 and Debian's Noto CJK font embedded (subset), so it
needs no network and prints the same everywhere. It shows what the certificate keeps (the lines
as issued), the member's ID number masked."""

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import WrapMode

from concentric.core.masking import mask

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FILES = {"": FONT_DIR / "NotoSansCJK-Regular.ttc", "B": FONT_DIR / "NotoSansCJK-Bold.ttc"}
SIMPLIFIED_CHINESE = 2  # the face of the collection for Simplified Chinese (JP, KR, SC, TC, HK)


class FontMissing(RuntimeError):
    pass


def _add_fonts(pdf) -> None:
    for style, path in FONT_FILES.items():
        if not path.exists():
            raise FontMissing(f"{path} is missing: install Debian's fonts-noto-cjk (make browser-deps does)")
        pdf.add_font("cjk", style, str(path), collection_font_number=SIMPLIFIED_CHINESE)


def certificate_pdf(certificate) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"{_('Volunteer service record certificate')} {certificate.number}")
    pdf.set_auto_page_break(auto=True, margin=18)
    _add_fonts(pdf)
    pdf.add_page()
    pdf.set_font("cjk", size=20)
    pdf.cell(0, 14, _("Volunteer service record certificate"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    pdf.cell(0, 7, _("No. %(number)s") % {"number": certificate.number}, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=12)
    for line in intro_lines(certificate):
        # Left-aligned (fpdf2 justifies by default, stretching a Chinese line's few spaces across the
        # page) and wrapped at any character, as Chinese text is, not only at the spaces around dates.
        pdf.multi_cell(0, 8, line, align="L", wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    columns = table_columns()
    headers, widths = [header for header, _width in columns], [width for _header, width in columns]
    pdf.set_font("cjk", size=TABLE_FONT_SIZE)
    with pdf.table(
        col_widths=widths, text_align=("LEFT", "LEFT", "LEFT", "RIGHT"), line_height=6, wrapmode=WrapMode.CHAR
    ) as table:
        table.row(headers)
        for line in certificate.lines:
            table.row((line["date"], line["activity"], line["content"], line["hours"]))
        table.row(("", "", _("Total"), str(certificate.total_hours)))
    pdf.ln(8)
    pdf.set_font("cjk", size=12)
    pdf.cell(
        0, 8, _("Issued by: %(unit)s") % {"unit": certificate.org_unit.name}, align="R", new_x="LMARGIN", new_y="NEXT"
    )
    issued_on = timezone.localdate(certificate.issued_at).isoformat()
    pdf.cell(0, 8, _("Date of issue: %(date)s") % {"date": issued_on}, align="R", new_x="LMARGIN", new_y="NEXT")
    if certificate.revoked_at:
        pdf.set_text_color(200, 0, 0)
        pdf.cell(0, 10, _("This certificate has been revoked."), align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


TABLE_FONT_SIZE = 10


def table_columns() -> list[tuple[str, int]]:
    """The lines' table: each header and its width in mm (190 in all: the A4 page inside fpdf2's
    margins, which the table spans); each header holds on one line at TABLE_FONT_SIZE, 时长（小时） included."""
    return [(_("Date"), 26), (_("Activity name"), 60), (_("Content"), 76), (_("Hours"), 28)]


def intro_lines(certificate) -> list[str]:
    """The certificate's statement (shared by the printable page and the PDF)."""
    id_number = mask(certificate.person.id_number, "id_number") or _("not registered")
    return [
        _("Name: %(name)s    ID number: %(id)s") % {"name": certificate.person.name, "id": id_number},
        _(
            "From %(start)s to %(end)s this volunteer served %(hours)s hours of volunteer service, "
            "as recorded and approved by the organising units (travel time excluded)."
        )
        % {"start": certificate.period_start, "end": certificate.period_end, "hours": certificate.total_hours},
    ]
