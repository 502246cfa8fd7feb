"""Hostile and oversized files are refused, with a message, before any parser reads them."""

import zipfile

import pytest

from concentric.core.kit.importing.guard import ImportRefused, check_file
from concentric.core.kit.importing.reader import uncached_formula_cells, worksheet_parts
from concentric.core.kit.importing.runner import ImportRun
from concentric.people.importing.kind import PEOPLE_IMPORT
from concentric.people.models import Person
from concentric.people.tests.import_helpers import Formula, row, table_hashes, workbook, workbook_xml

NOT_XLSX = "该文件不是 Excel 工作簿（.xlsx）。请另存为 .xlsx 格式后重新上传。"
MACROS = "工作簿含有宏（.xlsm）。请另存为不含宏的 .xlsx 工作簿。"
BOMB = "工作簿解压后的数据量远超文件大小（可能是压缩炸弹），已拒绝读取。"
ENTITY = "工作簿含有 XML 文档类型声明（可能是实体注入攻击），已拒绝读取。"


def rewrite(source, target, *, replace=None, extra=None):
    """Copy a workbook, replacing member bodies and adding members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            body = old.read(item.filename)
            if replace and item.filename in replace:
                body = replace[item.filename](body)
            new.writestr(item.filename, body)
        for name, body in (extra or {}).items():
            new.writestr(name, body)
    return target


def refused(tmp_path, users, tree, path) -> str:
    before = table_hashes()
    with pytest.raises(ImportRefused) as caught:
        ImportRun(PEOPLE_IMPORT, actor=users["c1_staff"], org_unit=tree["C1"], source=path, dry_run=False).run()
    assert table_hashes() == before
    return caught.value.message


@pytest.fixture
def good(tmp_path, categories):
    return workbook(tmp_path / "good.xlsx", [row()])


def test_a_renamed_text_file_is_refused(tmp_path, users, tree):
    path = tmp_path / "people.xlsx"
    path.write_text("姓名,证件号码\n张三,330102198001021234\n", encoding="utf-8")
    assert refused(tmp_path, users, tree, path) == NOT_XLSX


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path, users, tree):
    path = tmp_path / "people.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert refused(tmp_path, users, tree, path) == NOT_XLSX


def test_macros_are_refused(tmp_path, users, tree, good):
    path = rewrite(good, tmp_path / "macro.xlsx", extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})
    assert refused(tmp_path, users, tree, path) == MACROS


def test_macro_content_type_is_refused(tmp_path, users, tree, good):
    path = rewrite(
        good,
        tmp_path / "macro.xlsx",
        replace={
            "[Content_Types].xml": lambda body: body.replace(
                b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
            )
        },
    )
    assert refused(tmp_path, users, tree, path) == MACROS


def test_a_zip_bomb_is_refused_from_the_directory(tmp_path, users, tree, good, settings):
    settings.CONCENTRIC_IMPORT_MAX_UNCOMPRESSED = 4 * 1024 * 1024
    path = rewrite(good, tmp_path / "bomb.xlsx", extra={"xl/media/padding.xml": b"\0" * (8 * 1024 * 1024)})
    assert path.stat().st_size < 100_000
    assert refused(tmp_path, users, tree, path) == BOMB


def test_a_highly_compressed_member_is_refused_by_ratio(tmp_path, users, tree, good):
    path = rewrite(good, tmp_path / "bomb.xlsx", extra={"xl/media/padding.bin": b"A" * (5 * 1024 * 1024)})
    assert refused(tmp_path, users, tree, path) == BOMB


def test_an_entity_declaration_is_refused(tmp_path, users, tree, good):
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    path = rewrite(
        good,
        tmp_path / "entity.xlsx",
        replace={"xl/worksheets/sheet1.xml": lambda body: bomb + body.split(b"?>", 1)[1]},
    )
    assert refused(tmp_path, users, tree, path) == ENTITY


def test_an_entity_in_shared_strings_is_refused(tmp_path, users, tree, good):
    path = rewrite(
        good,
        tmp_path / "entity.xlsx",
        replace={
            "xl/sharedStrings.xml": lambda body: body.replace(
                b"?>", b'?><!doctype x [<!entity e SYSTEM "file:///etc/passwd">]>', 1
            )
        },
    )
    assert refused(tmp_path, users, tree, path) == ENTITY


def test_an_entity_declaration_in_a_part_the_guard_does_not_scan_is_refused_by_the_reader(tmp_path, users, tree, good):
    # The package's relationships name the workbook part; calamine reads xl/workbook.xml whatever
    # they say, the reader the part they name, here one whose name the guard's scan passes over.
    with zipfile.ZipFile(good) as archive:
        workbook_xml, workbook_rels = archive.read("xl/workbook.xml"), archive.read("xl/_rels/workbook.xml.rels")
    bomb = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    path = rewrite(
        good,
        tmp_path / "entity.xlsx",
        replace={"_rels/.rels": lambda body: body.replace(b'Target="xl/workbook.xml"', b'Target="xl/workbook.main"')},
        extra={
            "xl/workbook.main": workbook_xml.replace(b"?>", b"?>" + bomb, 1),
            "xl/_rels/workbook.main.rels": workbook_rels,
        },
    )
    check_file(path)  # passes: the hostile part's name ends neither in .xml nor in .rels
    assert refused(tmp_path, users, tree, path) == ENTITY


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_the_readers_xml_parsing_refuses_a_dtd_by_itself(tmp_path, part):
    # No guard in front: the workbook part is parsed, and so is a sheet whose cells lack references.
    path = workbook_xml(tmp_path / "plain.xlsx", {2: {"姓名": Formula("A1")}}, references=False)
    dtd = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    hostile = rewrite(path, tmp_path / "entity.xlsx", replace={part: lambda body: body.replace(b"?>", b"?>" + dtd, 1)})
    with zipfile.ZipFile(hostile) as archive, pytest.raises(ImportRefused) as caught:
        {name: uncached_formula_cells(archive, member) for name, member in worksheet_parts(archive).items()}
    assert caught.value.message == ENTITY


def test_an_oversized_file_is_refused(tmp_path, users, tree, good, settings):
    settings.CONCENTRIC_IMPORT_MAX_BYTES = 1024
    assert refused(tmp_path, users, tree, good).startswith("文件大小为 0.0 MB，单次最多可导入 0.0 MB")


def test_too_many_rows_are_refused(tmp_path, users, tree, categories, settings):
    settings.CONCENTRIC_IMPORT_MAX_ROWS = 3
    path = workbook(tmp_path / "many.xlsx", [row(姓名=f"人{i}", 证件号码="", 手机号码="") for i in range(4)])
    assert refused(tmp_path, users, tree, path) == "工作簿有 4 行数据，单次最多可导入 3 行。请拆分为较小的文件。"
    assert Person.objects.count() == 0


def test_too_many_rows_counted_when_the_dimension_is_missing(tmp_path, users, tree, categories, settings):
    settings.CONCENTRIC_IMPORT_MAX_ROWS = 3
    path = workbook(tmp_path / "many.xlsx", [row(姓名=f"人{i}", 证件号码="", 手机号码="") for i in range(4)])
    stripped = rewrite(
        path,
        tmp_path / "nodim.xlsx",
        replace={"xl/worksheets/sheet1.xml": lambda body: body.replace(b'<dimension ref="A1:AB5"/>', b"")},
    )
    with zipfile.ZipFile(stripped) as archive:
        assert b"<dimension" not in archive.read("xl/worksheets/sheet1.xml")
    assert refused(tmp_path, users, tree, stripped) == "工作簿有 4 行数据，单次最多可导入 3 行。请拆分为较小的文件。"


def test_a_good_file_passes_the_guard(good):
    check_file(good)
