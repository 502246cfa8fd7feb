"""Plain PNG images written without an imaging library: the demo's pictures and the tests'."""

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width: int, height: int, colour: tuple[int, int, int] = (128, 128, 128)) -> bytes:
    """An RGB image of ``colour`` fading to white towards its bottom."""
    rows = []
    for y in range(height):
        fade = y / max(height - 1, 1) / 2
        pixel = bytes(round(c + (255 - c) * fade) for c in colour)
        rows.append(b"\x00" + pixel * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + _chunk(b"IEND", b"")
    )
