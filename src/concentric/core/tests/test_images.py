"""Uploaded images: only real images pass (told by content, then decoded in full), they come out
upright, shrunk and re-encoded with no metadata left (no GPS location above all), and a stored
image is served with headers that let it do nothing but be shown."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageCms

from concentric.core import images
from concentric.core.images import normalise_image
from concentric.core.kit.file_pages import stored_file_response
from concentric.core.tests import samples

GPS_IFD = 0x8825
ORIENTATION = 0x0112
RED, BLUE = (220, 20, 20), (20, 20, 220)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def camera_photo(size=(400, 300), orientation: int | None = None) -> bytes:
    """A JPEG as a phone writes it: EXIF with the camera, the time and the GPS location, an ICC
    profile, a comment, XMP; red on the left half, blue on the right."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:05:01 09:30:00"  # DateTime
    if orientation:
        exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (30.0, 15.0, 2.5), "E", (120.0, 10.0, 1.5)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><exif:GPSLatitude>30,15N</exif:GPSLatitude></rdf:RDF></x:xmpmeta>'
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return encoded(image, "JPEG", exif=exif, icc_profile=icc, comment=b"secret comment", xmp=xmp, quality=95)


def opened(result: images.NormalisedImage) -> Image.Image:
    image = Image.open(io.BytesIO(result.content))
    image.load()
    return image


def refusal(data) -> ValidationError:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        normalise_image(data)
    return refused.value


def test_the_sample_photo_carries_what_must_go():
    """The test below can fail: its input has the GPS location, the comment, the XMP, the profile."""
    original = Image.open(io.BytesIO(camera_photo()))
    assert original.getexif().get_ifd(GPS_IFD)[2] == (30.0, 15.0, 2.5)
    assert {"icc_profile", "comment", "xmp"} <= set(original.info)
    assert b"secret comment" in camera_photo() and b"PhoneMaker" in camera_photo()


def test_gps_and_all_other_metadata_are_gone():
    result = normalise_image(camera_photo())
    image = opened(result)
    assert (result.content_type, result.extension) == ("image/jpeg", "jpg")
    assert not image.getexif()
    assert not image.getexif().get_ifd(GPS_IFD)
    assert not {"exif", "icc_profile", "comment", "xmp", "XML:com.adobe.xmp"} & set(image.info)
    for trace in (b"Exif", b"PhoneMaker", b"secret comment", b"xmpmeta", b"GPS", b"ICC_PROFILE"):
        assert trace not in result.content


def test_the_exif_orientation_is_applied():
    """Orientation 6: the camera was turned; the stored pixels lie on their side."""
    result = normalise_image(camera_photo(size=(400, 300), orientation=6))
    image = opened(result).convert("RGB")
    assert (result.width, result.height) == image.size == (300, 400)
    # Turned 90° clockwise: the left half (red) is now on top.
    assert _near(image.getpixel((150, 50)), RED)
    assert _near(image.getpixel((150, 350)), BLUE)


def _near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def test_a_big_image_is_shrunk_to_the_longest_side():
    result = normalise_image(encoded(Image.new("RGB", (4000, 1000), RED), "JPEG"))
    assert (result.width, result.height) == (1920, 480)
    assert opened(result).size == (1920, 480)
    small = normalise_image(encoded(Image.new("RGB", (4000, 1000), RED), "JPEG"), max_side=800)
    assert (small.width, small.height) == (800, 200)


def test_a_small_image_keeps_its_size():
    result = normalise_image(encoded(Image.new("RGB", (120, 80), RED), "JPEG"))
    assert (result.width, result.height) == (120, 80)


def test_png_transparency_is_kept():
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    image.paste((20, 200, 20, 255), (0, 0, 100, 100))
    result = normalise_image(encoded(image, "PNG"))
    assert (result.content_type, result.extension) == ("image/png", "png")
    back = opened(result)
    assert back.mode == "RGBA"
    assert back.getpixel((150, 50))[3] == 0
    assert back.getpixel((50, 50)) == (20, 200, 20, 255)


def test_a_transparent_webp_becomes_a_png_and_an_opaque_one_a_jpeg():
    transparent = normalise_image(encoded(Image.new("RGBA", (50, 50), (0, 0, 0, 0)), "WEBP"))
    assert transparent.content_type == "image/png"
    opaque = normalise_image(encoded(Image.new("RGB", (50, 50), RED), "WEBP"))
    assert opaque.content_type == "image/jpeg"


def test_lossless_images_stay_png_and_a_gif_keeps_its_first_frame():
    screenshot = normalise_image(encoded(Image.new("RGB", (60, 40), BLUE), "PNG"))
    assert screenshot.content_type == "image/png"
    frames = [Image.new("P", (30, 20), index) for index in (1, 2)]
    animation = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], palette=None)
    result = normalise_image(animation)
    assert (result.content_type, result.width, result.height) == ("image/png", 30, 20)
    assert getattr(opened(result), "n_frames", 1) == 1


def test_a_16_bit_greyscale_scan_keeps_its_tones():
    result = normalise_image(encoded(Image.new("I;16", (20, 20), 32768), "PNG"))
    assert 120 <= opened(result).convert("L").getpixel((5, 5)) <= 136


def test_a_file_object_is_read_from_its_start():
    upload = SimpleUploadedFile("照片.jpg", camera_photo(), content_type="image/jpeg")
    upload.read(10)
    assert normalise_image(upload).content_type == "image/jpeg"


@pytest.mark.parametrize(
    "content",
    [
        b"<!doctype html><html><script>alert(1)</script></html>",  # a web page named .jpg
        samples.pdf(),  # a PDF named .png
        samples.office("docx"),  # a zip
        b"GIF89a<script>alert(1)</script>;",
        samples.jpeg() + samples.office("docx"),  # a JPEG with a zip appended
        b"plain text",
        b"",
    ],
)
def test_what_is_not_an_image_is_refused(content):
    error = refusal(content)
    assert error.code == "not_image"
    assert "不是可接受的图片" in error.messages[0]


def test_what_only_looks_like_an_image_is_refused_when_decoded():
    """The markers of a JPEG with no picture between them pass the content check; decoding fails."""
    assert refusal(samples.jpeg()).code == "damaged"
    png = samples.png(20, 20)
    start = png.index(b"IDAT") + 4
    broken = png[:start] + bytes(len(png) - start - 16) + png[-16:]  # the chunks add up, the data is zeros
    assert refusal(broken).code == "damaged"


def test_a_truncated_image_is_refused():
    photo = camera_photo(size=(800, 600))
    error = refusal(photo[: len(photo) // 2])
    assert error.code == "not_image"
    assert "不是完整的" in error.messages[0]


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(10_000, 10_000), (60_000, 60_000)])
def test_too_many_pixels_are_refused_before_decoding(size):
    """A few hundred bytes that would unpack to gigabytes (60 000²: past Pillow's own limit too)."""
    error = refusal(_png_header_only(*size))
    assert error.code == "too_many_pixels"
    assert "像素过多" in error.messages[0]


def test_too_large_a_file_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1000)
    error = refusal(camera_photo())
    assert error.code == "too_large"
    assert "MB" in error.messages[0]


@pytest.fixture
def stored_image(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = tmp_path
    result = normalise_image(camera_photo())
    name = default_storage.save(f"images/photo.{result.extension}", ContentFile(result.content))
    from django.db.models.fields.files import FieldFile, FileField

    field = FileField(name="file")
    return FieldFile(instance=None, field=field, name=name), result


def test_a_stored_image_is_served_with_safe_headers(stored_image):
    file, result = stored_image
    response = stored_file_response(file, content_type=result.content_type, name="照片.jpg")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == result.content
    download = stored_file_response(file, content_type=result.content_type, name="照片.jpg", download=True)
    assert download["Content-Disposition"].startswith("attachment")
