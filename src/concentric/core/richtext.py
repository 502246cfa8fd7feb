"""Rich-text bodies (an information item's text): HTML from the editor, or pasted from Word, made
safe to show by an allowlist (nh3, the Python binding of the ammonia sanitiser), and read back as
plain text for search and summaries.

``sanitise_html(html, image_src_allowed=...)`` keeps structure only: headings, paragraphs, lists,
quotes, tables, bold/italic/underline/strike, sub/superscript, code, links and our own images.
Everything else goes: scripts and their content, styles (tags and attributes), classes, event
handlers, frames, forms, SVG and MathML, Word's ``mso-`` junk, ``<font>``, ``<o:p>`` and spans
(their text stays). Links may point to http, https, mailto or a path on this site and open with
``rel="noopener noreferrer nofollow"``; an image stays only when its ``src`` is a path on this site
that ``image_src_allowed`` accepts (the uploads of the app that keeps the body); ``width``,
``height``, ``colspan`` and ``rowspan`` only as plain numbers. An ``<h1>`` becomes ``<h2>``: the
page's title is its only first-level heading. Empty list items (``<li></li>``, ``<li><br></li>``),
lists left empty by them and empty paragraphs ending the body go.
"""

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    {
        *(f"h{level}" for level in range(1, 7)),
        *("p", "br", "hr", "blockquote", "pre", "code"),
        *("strong", "b", "em", "i", "u", "s", "sub", "sup"),
        *("ul", "ol", "li"),
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
        *("a", "img"),
    }
)
# Removed with everything inside them (other unknown tags go, but their text stays).
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "title", "template", "noscript", "iframe", "object", "embed", "svg", "math", "xml", "textarea"}
)
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
NUMBERS = {"width": 4, "height": 4, "colspan": 3, "rowspan": 3}  # attribute: at most so many digits

# nh3's output is serialised by html5ever: every attribute as name="value" with no raw quote inside.
_SERIALISED_IMG = re.compile(r'<img((?: [a-z-]+="[^"]*")*) ?/?>')
_NOTHING = r"(?:\s|&nbsp;|\xa0|<br ?/?>)*"  # what an "empty" element holds once serialised
_EMPTY_ITEM = re.compile(rf"<li>{_NOTHING}</li>")
_EMPTY_LIST = re.compile(r"<(ul|ol)>\s*</\1>")
_EMPTY = re.compile(_NOTHING)


def sanitise_html(html_text: str, *, image_src_allowed: Callable[[str], bool]) -> str:
    """``html_text`` reduced to the allowlist above (see the module's docstring)."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute in NUMBERS:
            return value if value.isascii() and value.isdigit() and len(value) <= NUMBERS[attribute] else None
        if tag == "img" and attribute == "src":
            return value if _is_local_path(value) and image_src_allowed(value) else None
        return value

    cleaned = nh3.clean(
        str(html_text or ""),
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        tag_attribute_values={"a": {"target": {"_blank"}}},
        attribute_filter=keep,
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=set(LINK_SCHEMES),
    )
    cleaned = _SERIALISED_IMG.sub(lambda match: match.group(0) if ' src="' in match.group(1) else "", cleaned)
    cleaned = _EMPTY_LIST.sub("", _EMPTY_ITEM.sub("", cleaned))
    cleaned = _without_trailing_empty_paragraphs(cleaned.strip())
    return cleaned.replace("<h1>", "<h2>").replace("</h1>", "</h2>").strip()


def _without_trailing_empty_paragraphs(cleaned: str) -> str:
    """One paragraph at a time from the end (paragraphs do not nest): no backtracking regex."""
    while cleaned.endswith("</p>"):
        start = cleaned.rfind("<p>")
        if start < 0 or not _EMPTY.fullmatch(cleaned, start + 3, len(cleaned) - 4):
            break
        cleaned = cleaned[:start].rstrip()
    return cleaned


def _is_local_path(url: str) -> bool:
    """A path on this site: "/…", but not "//host/…" nor a backslash trick ("/\\host")."""
    return url.startswith("/") and not url.startswith("//") and "\\" not in url and not any(c.isspace() for c in url)


def plain_to_html(text: str) -> str:
    """Text typed without the editor (no JavaScript) as paragraphs: each blank-line-separated block
    one ``<p>``, its line breaks ``<br>``; everything escaped."""
    blocks = re.split(r"\n\s*\n", str(text or "").replace("\r\n", "\n").replace("\r", "\n").strip())
    return "".join(
        "<p>" + "<br>".join(html.escape(line.strip()) for line in block.splitlines()) + "</p>"
        for block in blocks
        if block.strip()
    )


class _Text(HTMLParser):
    """The text of an HTML fragment: a space wherever a block (or a line break, a cell) ends, the
    content of scripts and styles left out."""

    BREAKS = frozenset({*TAGS - {"strong", "b", "em", "i", "u", "s", "sub", "sup", "code", "a"}, "div", "section"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED_WITH_CONTENT:
            self.hidden += 1
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in DROPPED_WITH_CONTENT:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html_text: str) -> str:
    """The plain text of ``html_text`` (for search and summaries): blocks separated by a space,
    whitespace (non-breaking spaces included) collapsed to single spaces."""
    parser = _Text()
    parser.feed(str(html_text or ""))
    parser.close()
    return " ".join("".join(parser.parts).split())


def summary(html_text: str, length: int = 120) -> str:
    """The text of ``html_text`` cut to at most ``length`` characters, "…" ending a cut one."""
    text = html_to_text(html_text)
    if len(text) <= length:
        return text
    return text[: max(length - 1, 0)].rstrip() + "…"


def is_blank(html_text: str) -> bool:
    """Whether a body says nothing: no text and no image (an emptied editor sends "<p><br></p>")."""
    return not html_to_text(html_text) and "<img" not in str(html_text or "").lower()
