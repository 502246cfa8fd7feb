"""Uploaded images made safe to keep and to show (the pictures in an information item's body, its
cover): checked by content, decoded, turned upright, shrunk, and written anew without metadata.

``normalise_image(data)`` takes the upload's bytes (or an open file) and answers a
``NormalisedImage``, or raises ``ValidationError`` saying why in the user's language:

- the content is told by ``core.filetypes`` (the one check every upload goes through: a JPEG,
  PNG, GIF or WebP, whole, with no archive or web page inside), then decoded by Pillow in full, so
  that a disguised file (HTML or a PDF named .jpg) or a truncated image is refused;
- at most ``MAX_BYTES`` bytes and ``MAX_PIXELS`` pixels, the latter checked from the header before
  any pixel is decoded (a small file that unpacks to gigabytes is a decompression bomb);
- the EXIF orientation is applied, colours are converted to sRGB when an ICC profile says they are
  in another space, and the image is shrunk so that its longest side is at most ``max_side``;
- it is written anew as a JPEG (quality 85) or, when it has transparency or came lossless (PNG,
  GIF: screenshots and drawings stay sharp), a PNG, carrying nothing but pixels: no EXIF (camera,
  GPS location), XMP, ICC profile, comment or text chunk survives. A GIF keeps its first frame.

Serve a stored image with ``core.kit.file_pages.stored_file_response`` (its own type, never sniffed,
inline, under a CSP that lets it fetch and run nothing).
"""

import io
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from concentric.core import filetypes

MAX_BYTES = 20 * 1024 * 1024  # an upload, before it is shrunk
MAX_PIXELS = 50_000_000  # a 50-megapixel phone photo; decoded as RGBA that is 200 MB of memory
JPEG_QUALITY = 85
# By the kind's code: a Kind's hash includes its lazily translated label, so a Kind key would not be
# found again under another active language (the demo loads in Chinese).
PILLOW_FORMATS = {
    kind.code: name
    for kind, name in (
        (filetypes.JPEG, "JPEG"),
        (filetypes.PNG, "PNG"),
        (filetypes.GIF, "GIF"),
        (filetypes.WEBP, "WEBP"),
    )
}
LOSSLESS = (filetypes.PNG, filetypes.GIF)
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError)


@dataclass(frozen=True)
class NormalisedImage:
    content: bytes
    content_type: str  # image/jpeg or image/png
    extension: str  # jpg or png
    width: int
    height: int


def normalise_image(data: bytes | BinaryIO, *, max_side: int = 1920) -> NormalisedImage:
    """The image in ``data`` (bytes, or a binary file: an upload) checked, upright, at most
    ``max_side`` pixels on its longest side, re-encoded without metadata (see the module)."""
    raw = _read(data)
    kind = _kind_of(raw)
    image = _decoded(raw, kind, max_side)
    try:
        image = ImageOps.exif_transpose(image)
        image = _in_srgb(_eight_bit(image))
        transparent = _has_transparency(image)
        image = image.convert("RGBA" if transparent else "RGB")
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    except DECODE_ERRORS:
        raise _damaged() from None
    # A fresh image from the pixels alone: nothing of the upload's info travels with it.
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if transparent or kind in LOSSLESS:
        clean.save(out, format="PNG")
        target = filetypes.PNG
    else:
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        target = filetypes.JPEG
    return NormalisedImage(out.getvalue(), target.content_type, target.extension, clean.width, clean.height)


def _refused(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _damaged() -> ValidationError:
    return _refused(_("The image could not be read: it is damaged or incomplete."), "damaged")


def _read(data) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data[: MAX_BYTES + 1])
    else:
        if hasattr(data, "seek"):
            data.seek(0)
        raw = data.read(MAX_BYTES + 1)
        if hasattr(data, "seek"):
            data.seek(0)
    if len(raw) > MAX_BYTES:
        raise _refused(_("The image is larger than %(size)d MB."), "too_large", size=MAX_BYTES // (1024 * 1024))
    return raw


def _kind_of(raw: bytes) -> filetypes.Kind:
    try:
        return filetypes.identify(io.BytesIO(raw), filetypes.IMAGES)
    except filetypes.Refused as refused:
        raise _refused(
            _("This is not an accepted image (JPEG, PNG, GIF or WebP): %(reason)s."), "not_image", reason=refused.reason
        ) from None


def _decoded(raw: bytes, kind: filetypes.Kind, max_side: int) -> Image.Image:
    """The image decoded in full (Pillow's verify, then load), refused when its header promises
    too many pixels or its data ends early; a large JPEG is decoded at a reduced scale."""
    try:
        with warnings.catch_warnings():  # Pillow warns of what MAX_PIXELS refuses anyway
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=[PILLOW_FORMATS[kind.code]]) as probe:
                _check_pixels(probe)
                probe.verify()
        image = Image.open(io.BytesIO(raw), formats=[PILLOW_FORMATS[kind.code]])
        _check_pixels(image)
        if kind is filetypes.JPEG:
            image.draft("RGB", (max_side, max_side))
        image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # Pillow's own limit, far above ours: met at open
        raise _too_many_pixels() from None
    except DECODE_ERRORS:
        raise _damaged() from None
    return image


def _check_pixels(image: Image.Image) -> None:
    width, height = image.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels() -> ValidationError:
    return _refused(
        _("The image has too many pixels (at most %(limit)d million)."), "too_many_pixels", limit=MAX_PIXELS // 10**6
    )


def _in_srgb(image: Image.Image) -> Image.Image:
    """Colours described by an embedded ICC profile converted to sRGB, so that they look the same
    once the profile is dropped; an image without one (or with a broken one) is taken as sRGB."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _eight_bit(image: Image.Image) -> Image.Image:
    """A 16-bit greyscale image (a scan) as 8-bit: converted directly, it would clip to white."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    return image


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        alpha = image.convert("RGBA").getchannel("A")
        return alpha.getextrema()[0] < 255
    return False
