"""Bar charts for the review's Word and PDF files, drawn on the server with Pillow in the
dashboard's look: ECharts' default palette, its light split lines and grey axis labels, value
labels above the bars, the legend on top, Debian's Noto Sans CJK for the Chinese text.

Pillow (already pinned for image checks) draws a PNG that both python-docx and fpdf2 embed; a
plotting library would add a large dependency for a handful of bar charts.
"""

from decimal import Decimal
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from concentric.reports.documents.fonts import FONT_FILE, SIMPLIFIED_CHINESE
from concentric.reports.documents.layout import child_name

# ECharts 5's default palette, as the dashboard draws its series.
PALETTE = ("#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc")
TITLE_COLOUR = "#464646"
AXIS_COLOUR = "#6e7079"
SPLIT_COLOUR = "#e0e6f1"
SCALE = 2  # drawn at twice the size it is shown, so it prints sharply


def _font(size: int, path: Path = FONT_FILE):
    return ImageFont.truetype(str(path), size * SCALE, index=SIMPLIFIED_CHINESE)


def _nice_top(largest: float) -> tuple[float, float]:
    """An axis top and step ECharts would choose: 1, 2 or 5 times a power of ten, 5 steps or so."""
    if largest <= 0:
        return 5, 1
    raw = largest / 5
    power = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= raw:
            break
    top = step * -(-largest // step)
    return top, step


def _label(value) -> str:
    number = Decimal(str(value))
    return str(number.quantize(Decimal(1))) if number == number.to_integral_value() else format(number.normalize(), "f")


def bar_chart(title: str, categories: list[str], series: list[tuple[str, list]], *, width=720, height=360) -> bytes:
    """A PNG bar chart: ``series`` is [(name, values per category)], one colour each."""
    w, h = width * SCALE, height * SCALE
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    title_font, text_font, small_font = _font(16), _font(12), _font(11)
    draw.text((16 * SCALE, 10 * SCALE), title, fill=TITLE_COLOUR, font=title_font)
    # The legend, top right, as ECharts lays it out.
    x = w - 16 * SCALE
    for index, (name, _values) in reversed(list(enumerate(series))):
        text_width = draw.textlength(name, font=text_font)
        x -= text_width
        draw.text((x, 14 * SCALE), name, fill=AXIS_COLOUR, font=text_font)
        x -= 30 * SCALE
        draw.rounded_rectangle(
            (x, 15 * SCALE, x + 25 * SCALE, 29 * SCALE), radius=3 * SCALE, fill=PALETTE[index % len(PALETTE)]
        )
        x -= 10 * SCALE
    left, right, top, bottom = 60 * SCALE, w - 20 * SCALE, 50 * SCALE, h - 56 * SCALE
    values = [float(value) for _name, numbers in series for value in numbers]
    axis_top, step = _nice_top(max(values, default=0))
    steps = round(axis_top / step)
    for n in range(steps + 1):
        y = bottom - (bottom - top) * n / steps
        draw.line((left, y, right, y), fill=SPLIT_COLOUR if n else AXIS_COLOUR, width=SCALE)
        label = _label(Decimal(str(step)) * n)
        draw.text((left - 8 * SCALE, y), label, fill=AXIS_COLOUR, font=small_font, anchor="rm")
    if not categories:
        draw.text(((left + right) / 2, (top + bottom) / 2), "—", fill=AXIS_COLOUR, font=text_font, anchor="mm")
    band = (right - left) / max(len(categories), 1)
    bar = min(band * 0.6 / max(len(series), 1), 48 * SCALE)
    for c, category in enumerate(categories):
        centre = left + band * (c + 0.5)
        first = centre - bar * len(series) / 2
        for s, (_name, numbers) in enumerate(series):
            value = float(numbers[c])
            x0 = first + bar * s
            y0 = bottom - (bottom - top) * (value / axis_top if axis_top else 0)
            draw.rectangle((x0, min(y0, bottom - 1), x0 + bar - SCALE, bottom), fill=PALETTE[s % len(PALETTE)])
            draw.text(
                (x0 + bar / 2, y0 - 3 * SCALE), _label(numbers[c]), fill=AXIS_COLOUR, font=small_font, anchor="md"
            )
        name = category
        while len(name) > 1 and draw.textlength(name, font=small_font) > band * 0.95:
            name = name[:-2] + "…"
        draw.text((centre, bottom + 8 * SCALE), name, fill=AXIS_COLOUR, font=small_font, anchor="ma")
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def review_charts(review: dict) -> list[tuple[str, bytes]]:
    """The review's charts, (title, PNG) in document order."""
    from django.utils.translation import gettext as _

    figures = review["figures"]
    charts = [
        (
            _("Members by headline group"),
            bar_chart(
                _("Members by headline group"),
                [group["name"] for group in review["groups"]],
                [(_("Members"), [group["count"] for group in review["groups"]])],
            ),
        )
    ]
    for key, title in (("activities_by_type", _("Activities by type")), ("items_by_column", _("Items by column"))):
        broken_down = figures.get(key) or {}
        if broken_down:
            charts.append((title, bar_chart(title, list(broken_down), [(title, list(broken_down.values()))])))
    children = review.get("children") or []
    if children:
        names = [child_name(child) for child in children]
        for title, keys in (
            (_("Members by child unit"), (("members_total", _("Members")),)),
            (
                _("Activities and items by child unit"),
                (("activities_held", _("Activities")), ("items_published", _("Items published"))),
            ),
        ):
            series = [
                (label, [child["figures"].get(key, 0) for child in children]) for key, label in keys if key in figures
            ]
            if series:
                charts.append((title, bar_chart(title, names, series)))
    return charts
