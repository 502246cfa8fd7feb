"""The downloadable template of an import kind: a data sheet with the Chinese headers (required
ones in red, each with its instructions as a comment) and drop-down lists from the declared
dictionaries, an instructions sheet (说明), and a hidden sheet holding the lists (字典)."""

import io

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from concentric.core.kit.importing.columns import HELP_SHEET, LISTS_SHEET, template_values
from concentric.core.kit.importing.kind import ImportKind

TEMPLATE_ROWS = 5000  # rows that carry the drop-down validation
# The input hint of the date columns (cells left in Excel's own date format, not text)
DATE_EXAMPLES = {"date": "如 1980-01-02", "datetime": "如 2026-10-01 09:00"}


def default_notes(kind: ImportKind) -> tuple[str, ...]:
    return (
        f"在“{kind.sheet}”工作表中每行填写一条记录，第一行为列名，请勿修改或删除列名。",
        "红色列名为必填列；带下拉列表的列请从列表中选择。",
        "证件号码、电话等长数字请以文本格式填写，避免Excel将长数字改为科学计数法。",
        "单元格不能以 = + - @ 开头，不能含有不可见的控制字符。",
        "默认只有全部行均无错误时才导入；也可选择“仅导入无误的行”。",
    )


def build_template(kind: ImportKind) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    data = book.add_worksheet(kind.sheet)
    help_sheet = book.add_worksheet(HELP_SHEET)
    lists = book.add_worksheet(LISTS_SHEET)
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"})
    required = book.add_format(
        {
            "bold": True,
            "bg_color": "#FCE4D6",
            "border": 1,
            "font_color": "#C00000",
            "text_wrap": True,
            "valign": "vcenter",
        }
    )
    text = book.add_format({"num_format": "@"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    data.freeze_panes(1, 1)
    data.set_row(0, 30)
    list_column = 0
    for index, column in enumerate(kind.columns):
        data.write_string(0, index, column.header, required if column.required else header)
        # Free cells kept as text: long digit strings would otherwise become numbers that lose digits.
        as_text = column.sensitive or (
            column.parser not in DATE_EXAMPLES and column.choices is None and column.dictionary is None
        )
        data.set_column(index, index, column.width, text if as_text else None)
        if column.help:
            data.write_comment(0, index, column.help, {"x_scale": 2})
        values = template_values(column)
        if values and not column.multiple:
            lists.write_string(0, list_column, column.header)
            for offset, value in enumerate(values, start=1):
                lists.write_string(offset, list_column, value)
            letter = xl_col_to_name(list_column)
            data.data_validation(
                1,
                index,
                TEMPLATE_ROWS,
                index,
                {
                    "validate": "list",
                    "source": f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}",
                    "error_title": "输入值无效",
                    "error_message": "请从下拉列表中选择。",
                },
            )
            list_column += 1
        elif column.parser in DATE_EXAMPLES:
            data.data_validation(
                1,
                index,
                TEMPLATE_ROWS,
                index,
                {
                    "validate": "any",
                    "input_title": column.header,
                    "input_message": DATE_EXAMPLES[column.parser],
                },
            )
    lists.hide()

    help_sheet.set_column(0, 0, 20)
    help_sheet.set_column(1, 1, 8)
    help_sheet.set_column(2, 2, 90)
    help_sheet.write_string(0, 0, f"{kind.template_title}说明", header)
    notes = kind.notes or default_notes(kind)
    for row, note in enumerate(notes, start=1):
        help_sheet.merge_range(row, 0, row, 2, f"{row}. {note}", wrap)
    top = len(notes) + 2
    for index, label in enumerate(("列名", "必填", "填写要求")):
        help_sheet.write_string(top, index, label, header)
    for row, column in enumerate(kind.columns, start=top + 1):
        help_sheet.write_string(row, 0, column.header)
        help_sheet.write_string(row, 1, "是" if column.required else "否")
        help_sheet.write_string(row, 2, column.help, wrap)
    book.close()
    return buffer.getvalue()


def template_file_name(kind: ImportKind) -> str:
    return f"{kind.template_title}模板.xlsx"
