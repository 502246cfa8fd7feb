"""Refusing hostile or oversized upload files before any spreadsheet parser touches them.

Everything here reads the zip's central directory, then streams each XML part once through a
small buffer: memory stays bounded whatever the file claims. Each refusal raises ImportRefused
with a message for the user.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from concentric.core.filetypes import MACRO_CONTENT_TYPES, MACRO_PARTS

ZIP_SIGNATURE = b"PK\x03\x04"
CHUNK = 1 << 16
# Any DTD is refused: spreadsheets never need one, and it is how entity expansion attacks start.
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD_UTF16 = tuple(marker.encode("utf-16-le") for marker in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity"))
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')


class ImportRefused(Exception):
    """The file cannot be imported; ``message`` tells the user why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_uncompressed: int
    max_ratio: int

    @classmethod
    def from_settings(cls) -> "Limits":
        max_bytes = int(getattr(settings, "CONCENTRIC_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
        return cls(
            max_bytes=max_bytes,
            max_rows=int(getattr(settings, "CONCENTRIC_IMPORT_MAX_ROWS", 200_000)),
            max_uncompressed=int(
                getattr(settings, "CONCENTRIC_IMPORT_MAX_UNCOMPRESSED", max(max_bytes * 15, 64 << 20))
            ),
            max_ratio=int(getattr(settings, "CONCENTRIC_IMPORT_MAX_RATIO", 200)),
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def check_upload_size(size: int, limits: Limits | None = None) -> None:
    limits = limits or Limits.from_settings()
    if size > limits.max_bytes:
        raise ImportRefused(
            _("The file is %(size)s MB; at most %(limit)s MB can be imported at once. Split it into smaller files.")
            % {"size": _megabytes(size), "limit": _megabytes(limits.max_bytes)}
        )
    if size == 0:
        raise ImportRefused(_("The file is empty."))


def check_file(source, limits: Limits | None = None) -> None:
    """Raise ImportRefused unless ``source`` (a path, or the file's bytes) is a plain .xlsx
    workbook within the limits."""
    limits = limits or Limits.from_settings()
    if isinstance(source, (bytes, bytearray)):
        check_upload_size(len(source), limits)
        head, opened = bytes(source[:4]), io.BytesIO(source)
    else:
        path = Path(source)
        check_upload_size(path.stat().st_size, limits)
        with path.open("rb") as handle:
            head = handle.read(4)
        opened = path
    if head != ZIP_SIGNATURE:
        raise ImportRefused(_("This is not an Excel workbook (.xlsx). Save the file as .xlsx and upload it again."))
    try:
        archive = zipfile.ZipFile(opened)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused(_("The workbook is damaged and cannot be read. Save it again as .xlsx.")) from None
    with archive:
        members = archive.infolist()
        names = {member.filename.lower() for member in members}
        if "[content_types].xml" not in names or not any(name.startswith("xl/workbook") for name in names):
            raise ImportRefused(_("This is not an Excel workbook (.xlsx). Save the file as .xlsx and upload it again."))
        if any(part in name for name in names for part in MACRO_PARTS):
            raise ImportRefused(
                _("The workbook contains macros (.xlsm). Save it as a plain .xlsx workbook without macros.")
            )
        _check_sizes(members, limits)
        for member in members:
            if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                _scan_part(archive, member, limits)


def _check_sizes(members, limits: Limits) -> None:
    total = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members) or 1
    if (
        total > limits.max_uncompressed
        or any(
            member.file_size > 1024 * 1024 and member.file_size > limits.max_ratio * max(member.compress_size, 1)
            for member in members
        )
        or (total > 1024 * 1024 and total > limits.max_ratio * compressed)
    ):
        raise ImportRefused(
            _("The workbook expands to far more data than its size suggests (a possible zip bomb); it was not read.")
        )


def _scan_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> None:
    name = member.filename.lower()
    is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
    tail = b""
    seen = 0
    first = True
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                seen += len(chunk)
                if seen > member.file_size:
                    raise ImportRefused(
                        _(
                            "The workbook expands to far more data than its size suggests (a possible zip bomb); it was not read."
                        )
                    )
                window = tail + chunk
                if _DTD.search(window) or any(marker in window for marker in _DTD_UTF16):
                    raise dtd_refused()
                if name == "[content_types].xml" and any(kind in window.lower() for kind in MACRO_CONTENT_TYPES):
                    raise ImportRefused(
                        _("The workbook contains macros (.xlsm). Save it as a plain .xlsx workbook without macros.")
                    )
                if first and is_sheet:
                    _check_dimension(window, limits)
                first = False
                tail = window[-32:]
    except zipfile.BadZipFile:
        raise ImportRefused(_("The workbook is damaged and cannot be read. Save it again as .xlsx.")) from None


def _check_dimension(head: bytes, limits: Limits) -> None:
    """A sheet that declares more rows than the limit is refused before it is loaded."""
    match = _DIMENSION.search(head)
    if match and match.group(1) and int(match.group(1)) - 1 > limits.max_rows:
        raise too_many_rows(int(match.group(1)) - 1, limits)


def dtd_refused() -> ImportRefused:
    return ImportRefused(
        _("The workbook contains an XML document type declaration (a possible entity attack); it was not read.")
    )


def too_many_rows(rows: int, limits: Limits) -> ImportRefused:
    return ImportRefused(
        _(
            "The workbook has %(rows)d data rows; at most %(limit)d can be imported at once. Split it into smaller files."
        )
        % {"rows": rows, "limit": limits.max_rows}
    )
