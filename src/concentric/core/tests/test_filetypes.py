"""A file's kind is told by its content: forged names and claimed types change nothing, files that
are two things at once are refused, Office files are sane zips of the kind they claim."""

import io

import pytest
from django.utils import translation

from concentric.core import filetypes
from concentric.core.kit.files import clean_name, stored_name
from concentric.core.tests import samples


def kind_of(content: bytes, accepted=(*filetypes.IMAGES, *filetypes.DOCUMENTS)):
    return filetypes.identify(io.BytesIO(content), accepted)


def refusal(content: bytes, accepted=(*filetypes.IMAGES, *filetypes.DOCUMENTS)) -> str:
    with translation.override("zh-hans"), pytest.raises(filetypes.Refused) as refused:
        kind_of(content, accepted)
    return refused.value.reason


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (samples.png(), filetypes.PNG),
        (samples.jpeg(), filetypes.JPEG),
        (samples.gif(), filetypes.GIF),
        (samples.pdf(), filetypes.PDF_DOCUMENT),
        (samples.office("docx"), filetypes.WORD),
        (samples.office("xlsx"), filetypes.EXCEL),
        (samples.office("pptx"), filetypes.POWERPOINT),
    ],
)
def test_each_accepted_kind_is_told_by_its_content(content, kind):
    assert kind_of(content) is kind


def test_the_handle_is_left_at_its_start():
    handle = io.BytesIO(samples.png())
    filetypes.identify(handle)
    assert handle.read(4) == b"\x89PNG"


def test_a_workbook_is_not_a_word_document_whatever_it_claims_elsewhere():
    # The kind comes from [Content_Types].xml and the part it names, not from a file name.
    assert kind_of(samples.office("xlsx")) is filetypes.EXCEL
    assert refusal(samples.office("xlsx", main=False)) == "自称是Excel 工作簿，但缺少文档正文部分"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "文件是空的"),
        (b"MZ\x90\x00 an executable", "文件内容不是图片、PDF 或 Office 文档"),
        (b"<html><script>alert(1)</script></html>", "文件内容不是图片、PDF 或 Office 文档"),
        (samples.plain_zip(), "这是压缩包，不是 Office 文档"),
        (samples.office("docm"), "不接受含宏的文档"),
        (samples.png()[:-12], "不是完整的PNG 图片，或在末尾附加了其他数据"),
        (samples.jpeg()[:-2], "不是完整的JPEG 图片，或在末尾附加了其他数据"),
        (samples.pdf().replace(b"%%EOF", b""), "不是完整的PDF 文档，或在末尾附加了其他数据"),
    ],
)
def test_other_and_broken_files_are_refused_saying_why(content, reason):
    assert refusal(content) == reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        # A picture that is also an archive (a zip's directory is read from the end).
        (samples.png() + samples.plain_zip(), "不是完整的PNG 图片，或在末尾附加了其他数据"),
        (samples.jpeg() + samples.office("docx"), "JPEG 图片中夹带了压缩包"),
        (samples.gif() + samples.plain_zip(), "不是完整的GIF 图片，或在末尾附加了其他数据"),
        (samples.pdf() + samples.plain_zip(), "PDF 文档中夹带了压缩包"),
        # A picture or PDF a browser might take for a page.
        (samples.jpeg() + b"<script>alert(document.cookie)</script>", "JPEG 图片中夹带了网页代码"),
        (b"GIF89a<svg onload=alert(1)>;", "GIF 图片中夹带了网页代码"),
        (b"%PDF-1.4\n<html><body>x</body></html>\n%%EOF", "PDF 文档中夹带了网页代码"),
        # A picture with a PDF after it.
        (samples.jpeg() + samples.pdf(), "不是完整的JPEG 图片，或在末尾附加了其他数据"),
        # An archive behind other bytes (an image the zip readers would still open).
        (b"junk" + samples.office("docx"), "文件内容不是图片、PDF 或 Office 文档"),
    ],
)
def test_polyglots_are_refused(content, reason):
    assert refusal(content) == reason


def test_a_camera_trailer_after_a_jpeg_is_kept():
    assert kind_of(samples.jpeg() + b"SEFHtrailer-of-a-phone\x00\x01") is filetypes.JPEG


def test_a_zip_bomb_and_a_path_escape_are_refused_without_unpacking():
    assert refusal(samples.zip_bomb()) == "解压后的数据量远超文件大小（压缩炸弹）"
    assert refusal(samples.path_escape()) == "压缩包内含有指向文档以外的路径（../../evil.sh）"
    absolute = samples.office("docx", extra={"/etc/cron.d/x": b"x"})
    assert refusal(absolute).startswith("压缩包内含有指向文档以外的路径")
    windows = samples.office("docx", extra={"C:/Windows/x.dll": b"x"})
    assert refusal(windows).startswith("压缩包内含有指向文档以外的路径")


def test_a_kind_outside_the_accepted_ones_is_named():
    assert refusal(samples.pdf(), filetypes.IMAGES) == "此处不接受这类文件（PDF 文档）"


def test_names_are_cleaned_and_end_in_the_kind_the_content_has():
    assert clean_name("C:\\Users\\张三\\桌面\\活动 照片.jpg") == "活动 照片.jpg"
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("报\u202egpj.exe") == "报gpj.exe"  # no right-to-left override
    assert clean_name("a\x00b\n c.pdf") == "ab c.pdf"
    assert stored_name("收据.PDF", filetypes.PDF_DOCUMENT) == "收据.PDF"
    assert stored_name("合影.jpeg", filetypes.JPEG) == "合影.jpeg"
    assert stored_name("报告.pdf", filetypes.EXCEL) == "报告.pdf.xlsx"
    assert stored_name("照片", filetypes.PNG) == "照片.png"
    assert stored_name("", filetypes.PNG).endswith(".png")
    long = stored_name("长" * 300 + ".docx", filetypes.WORD)
    assert len(long) == 120 and long.endswith(".docx")


def test_an_entry_that_lies_about_its_size_is_refused():
    packed = bytearray(samples.office("docx", extra={"word/media/zeros.bin": b"\x00" * 5000}))
    # The central directory's record of the entry claims 50 bytes where 5,000 are packed:
    # unpacking stops at 50 and the checksum does not match.
    record = packed.index(b"PK\x01\x02", packed.index(b"PK\x01\x02") + 1)
    while packed[record + 46 : record + 66] != b"word/media/zeros.bin":
        record = packed.index(b"PK\x01\x02", record + 1)
    packed[record + 24 : record + 28] = (50).to_bytes(4, "little")  # its uncompressed size
    assert refusal(bytes(packed)) == "压缩结构已损坏"


def test_a_document_carrying_a_macro_project_is_refused_whatever_its_content_types_say():
    assert refusal(samples.office("docx", extra={"word/vbaProject.bin": b"\x00" * 64})) == "不接受含宏的文档"
