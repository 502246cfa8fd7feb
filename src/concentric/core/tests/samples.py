"""Small, well-formed files of each accepted kind, and the forged ones an upload must refuse, for
the tests of every app that keeps files (core.filetypes, core.kit.files)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from concentric.core import pngs


def png(width: int = 2, height: int = 2) -> bytes:
    """A grey PNG image."""
    return pngs.png(width, height)


def jpeg() -> bytes:
    """The markers of a JPEG: start, a JFIF header, a comment, end."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xfe\x00\x06test" + b"\xff\xd9"


def gif() -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


MAIN_PARTS = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
}


def office(kind: str = "docx", *, extra: dict | None = None, main: bool = True) -> bytes:
    """An Office Open XML package of ``kind`` (docx, xlsx, pptx, docm); ``extra``: more entries
    (name -> bytes); ``main`` False leaves its main part out."""
    part, content_type = MAIN_PARTS[kind]
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        if main:
            archive.writestr(part, "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A Word document with an entry that expands a thousandfold (64 MB of zeros)."""
    return office("docx", extra={"word/media/zeros.bin": b"\x00" * (64 * 1024 * 1024)})


def path_escape() -> bytes:
    return office("docx", extra={"../../evil.sh": b"echo owned"})


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """An uploaded file; the content type the browser claims is ignored by the checks."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def use_private_media(settings, folder):
    """Point the default storage at ``folder`` (a test's tmp_path) and answer it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder}},
    }
    return folder
