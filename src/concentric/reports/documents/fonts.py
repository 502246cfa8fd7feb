"""Debian's Noto Sans CJK (fonts-noto-cjk, installed by ``make browser-deps``): the review's PDF
embeds it and its charts are drawn with it, so Chinese shows with no missing glyph."""

from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FILE = FONT_DIR / "NotoSansCJK-Regular.ttc"
BOLD_FONT_FILE = FONT_DIR / "NotoSansCJK-Bold.ttc"
SIMPLIFIED_CHINESE = 2  # the face of the collection for Simplified Chinese (JP, KR, SC, TC, HK)


class FontMissing(RuntimeError):
    pass


def require_fonts() -> None:
    for path in (FONT_FILE, BOLD_FONT_FILE):
        if not path.exists():
            raise FontMissing(f"{path} is missing: install Debian's fonts-noto-cjk (make browser-deps does)")
