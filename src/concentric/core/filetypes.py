"""What an uploaded file is, told by its content (never by its name): the one check every upload
goes through (a member's photo, the files kept on records: core.kit.files).

``identify(handle)`` reads the file and answers its ``Kind`` (JPEG, PNG, GIF, WebP, PDF, Word,
Excel, PowerPoint) or raises ``Refused`` with the reason in the user's language. Beyond the first
bytes it checks what a browser or an office suite would trip over:

- images end where their format says (PNG's IEND, GIF's trailer, the WebP's RIFF size; a JPEG
  has its end marker, and what a camera writes after it is no other file);
- a PDF starts with its header and ends with ``%%EOF``;
- nothing else hides in the file: no zip directory in the tail of an image or a PDF (a file that
  is two things at once), no HTML in its first bytes (which a browser might sniff and run);
- an Office file is a sane zip (starting at byte 0, bounded entry count, declared sizes and
  compression ratios, no absolute or ``..`` paths, every entry unpacking to the size it declares
  with its checksum) whose ``[Content_Types].xml`` names the main
  part of the kind it claims, and which is present; macro-enabled documents are not accepted.
"""

import io
import re
import struct
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Kind:
    code: str
    extension: str
    content_type: str
    group: str  # image, pdf, office
    label: str

    @property
    def is_image(self) -> bool:
        return self.group == IMAGE


IMAGE, PDF, OFFICE = "image", "pdf", "office"

JPEG = Kind("jpeg", "jpg", "image/jpeg", IMAGE, gettext_lazy("JPEG image"))
PNG = Kind("png", "png", "image/png", IMAGE, gettext_lazy("PNG image"))
GIF = Kind("gif", "gif", "image/gif", IMAGE, gettext_lazy("GIF image"))
WEBP = Kind("webp", "webp", "image/webp", IMAGE, gettext_lazy("WebP image"))
PDF_DOCUMENT = Kind("pdf", "pdf", "application/pdf", PDF, gettext_lazy("PDF document"))
WORD = Kind(
    "docx",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    OFFICE,
    gettext_lazy("Word document"),
)
EXCEL = Kind(
    "xlsx",
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    OFFICE,
    gettext_lazy("Excel workbook"),
)
POWERPOINT = Kind(
    "pptx",
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    OFFICE,
    gettext_lazy("PowerPoint presentation"),
)

PHOTOS = (JPEG, PNG)  # a member's photo
IMAGES = (JPEG, PNG, GIF, WEBP)
DOCUMENTS = (PDF_DOCUMENT, WORD, EXCEL, POWERPOINT)
BY_CODE = {kind.code: kind for kind in (*IMAGES, *DOCUMENTS)}

# Office Open XML: the main part's content type, and where the main part lives.
OFFICE_MAIN_PARTS = {
    WORD: ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "word/document.xml"),
    EXCEL: ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml"),
    POWERPOINT: (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "ppt/presentation.xml",
    ),
}

# What makes an Office file carry code (the import guard refuses workbooks with them too).
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "macrosheets/", "activex")
MACRO_CONTENT_TYPES = (b"macroenabled", b"vbaproject")

HEAD_BYTES = 1024
ZIP_TAIL_BYTES = 65536 + 22  # a zip's end record lies within its last 64 KiB + 22 bytes
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_TOTAL = 100 * 1024 * 1024  # uncompressed, all entries
ZIP_MAX_RATIO = 200  # uncompressed / compressed, per entry of some size
CONTENT_TYPES_MAX = 1024 * 1024
HTML_MARKERS = re.compile(rb"<\s*(script|html|body|iframe|svg|!doctype|meta|object|embed)\b", re.IGNORECASE)


class Refused(Exception):
    """The file is not one of the accepted kinds; ``reason`` says why, for the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def identify(handle, accepted=(*IMAGES, *DOCUMENTS)) -> Kind:
    """The kind of the file open as ``handle`` (binary, seekable), if it is one of ``accepted``
    and sound; ``Refused`` otherwise. Leaves ``handle`` at its start."""
    handle.seek(0)
    data = handle.read()
    handle.seek(0)
    if not data:
        raise Refused(_("the file is empty"))
    kind = _kind_of(data)
    if kind is None:
        raise Refused(_("its content is not an image, a PDF or an Office document"))
    if kind not in accepted:
        raise Refused(_("files of this kind (%(kind)s) are not accepted here") % {"kind": kind.label})
    return kind


def _kind_of(data: bytes) -> Kind | None:
    if data.startswith(b"\xff\xd8\xff"):
        return _plain(JPEG, data, _jpeg_end(data), trailer_allowed=True)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _plain(PNG, data, _png_end(data))
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _plain(GIF, data, len(data) if data.endswith(b"\x3b") else -1)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _plain(WEBP, data, 8 + struct.unpack("<I", data[4:8])[0])
    if data.startswith(b"%PDF-"):
        return _plain(PDF_DOCUMENT, data, len(data) if b"%%EOF" in data[-1024:] else -1)
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def _plain(kind: Kind, data: bytes, end: int, *, trailer_allowed: bool = False) -> Kind:
    """A file that is not a zip: whole as its format says, and nothing else besides. A JPEG may
    carry a camera's trailer after its end marker (phones write one), but not another file."""
    if end < 0 or end > len(data) or (end != len(data) and not trailer_allowed):
        raise Refused(_("it is not a complete %(kind)s, or has other data appended") % {"kind": kind.label})
    trailer = data[end:]
    if b"PK\x05\x06" in data[-ZIP_TAIL_BYTES:] or b"PK\x01\x02" in data[-ZIP_TAIL_BYTES:] or b"PK\x03\x04" in trailer:
        raise Refused(_("it hides an archive inside the %(kind)s") % {"kind": kind.label})
    if b"%PDF-" in trailer:
        raise Refused(_("it is not a complete %(kind)s, or has other data appended") % {"kind": kind.label})
    if HTML_MARKERS.search(data[:HEAD_BYTES]) or HTML_MARKERS.search(trailer):
        raise Refused(_("it carries web page code inside the %(kind)s") % {"kind": kind.label})
    return kind


def _jpeg_end(data: bytes) -> int:
    """Where the JPEG's last end-of-image marker ends (-1 without one: a truncated image)."""
    found = data.rfind(b"\xff\xd9")
    return found + 2 if found > 2 else -1


def _png_end(data: bytes) -> int:
    """Walk the PNG's chunks to the end of IEND (-1 when the chunks do not add up)."""
    offset = 8
    while offset + 12 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        chunk = data[offset + 4 : offset + 8]
        offset += 12 + length
        if chunk == b"IEND":
            return offset
    return -1


def _office_kind(data: bytes) -> Kind:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused(_("it is a damaged archive")) from None
    _check_archive(entries)
    try:
        types_entry = archive.getinfo("[Content_Types].xml")
    except KeyError:
        raise Refused(_("it is an archive, not an Office document")) from None
    if types_entry.file_size > CONTENT_TYPES_MAX:
        raise Refused(_("its archive entries are too large"))
    try:
        content_types = archive.read(types_entry)
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        raise Refused(_("it is a damaged archive")) from None
    _check_contents(archive, entries)
    names = {entry.filename for entry in entries}
    lowered = content_types.lower()
    if any(part in name.lower() for name in names for part in MACRO_PARTS) or any(
        marker in lowered for marker in MACRO_CONTENT_TYPES
    ):
        raise Refused(_("documents with macros are not accepted"))
    for kind, (main_type, main_part) in OFFICE_MAIN_PARTS.items():
        if main_type.encode() in content_types:
            if main_part not in names:
                raise Refused(_("it claims to be a %(kind)s but its main part is missing") % {"kind": kind.label})
            return kind
    raise Refused(_("it is an archive, not an Office document"))


def _check_archive(entries) -> None:
    """Bounded and harmless to unpack: no escaping paths, no bombs, nothing before byte 0."""
    if not entries or len(entries) > ZIP_MAX_ENTRIES:
        raise Refused(_("its archive has too many entries"))
    if min(entry.header_offset for entry in entries) != 0:
        raise Refused(_("it has other data before its archive"))
    total = 0
    for entry in entries:
        name = entry.filename
        if name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/") or re.match(r"^[A-Za-z]:", name):
            raise Refused(_("its archive holds a path outside the document (%(name)s)") % {"name": name[:80]})
        total += entry.file_size
        if entry.file_size > 1024 * 1024 and entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1):
            raise Refused(_("its archive expands to far more than its size (a zip bomb)"))
    if total > ZIP_MAX_TOTAL:
        raise Refused(_("its archive expands to far more than its size (a zip bomb)"))


def _check_contents(archive, entries) -> None:
    """Every entry unpacks to the size it declares, with its checksum (zipfile stops at the
    declared size, so a lying entry costs no more than it claims): bounded by ZIP_MAX_TOTAL."""
    try:
        for entry in entries:
            with archive.open(entry) as member:
                while member.read(1024 * 1024):
                    pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, RuntimeError, NotImplementedError, EOFError):
        raise Refused(_("it is a damaged archive")) from None
