"""The columns of the import file: header text (the file format is Chinese, whatever the UI
language), the model field each fills, how its cell is read, and its instructions."""

from dataclasses import dataclass
from functools import lru_cache

from django.utils import translation

from concentric.people import choices


@dataclass(frozen=True)
class ImportColumn:
    field: str
    header: str
    kind: str  # name, text, date, choice, phone, id_number, main_category, categories
    required: bool = False
    max_length: int = 0
    help: str = ""
    choices: type | list | None = None
    width: int = 14
    multiline: bool = False
    aliases: tuple[str, ...] = ()  # other headers accepted for the column (older names)


DATE_HELP = "日期，如 1980-01-02、1980/1/2、1980年1月2日 或 19800102；也可用Excel日期格式"

COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn("name", "姓名", "name", required=True, max_length=50, help="必填，最多50字"),
    ImportColumn("former_names", "曾用名", "text", max_length=100, help="多个曾用名用顿号分隔"),
    ImportColumn("gender", "性别", "choice", choices=choices.Gender, width=8,
                 help="从下拉列表选择；填写居民身份证号码时可留空，按号码自动确定，填写的须与号码一致"),
    ImportColumn("ethnicity", "民族", "choice", choices=choices.ETHNICITY_CHOICES, width=10, help="从下拉列表选择"),
    ImportColumn("birth_date", "出生日期", "date", width=12,
                 help=DATE_HELP + "；填写居民身份证号码时可留空，须与号码中的出生日期一致"),
    ImportColumn("id_type", "证件类型", "choice", choices=choices.IdType, width=16,
                 help="从下拉列表选择；留空视为居民身份证"),
    ImportColumn("id_number", "证件号码", "id_number", max_length=30, width=22,
                 help="居民身份证号码18位，校验码、出生日期和地区码须正确；请以文本格式填写；同一证件号码只能登记一次"),
    ImportColumn("phone", "手机号码", "phone", max_length=20, width=14, help="11位手机号码，或带区号的固定电话"),
    ImportColumn("phone2", "其他电话", "phone", max_length=20, width=14, help="同上"),
    ImportColumn("household_address", "户籍地址", "text", max_length=200, width=30, help="最多200字"),
    ImportColumn("residence_address", "居住地址", "text", max_length=200, width=30, help="最多200字"),
    ImportColumn("work_address", "工作地址", "text", max_length=200, width=30, help="最多200字"),
    ImportColumn("education", "学历", "choice", choices=choices.Education, width=12, help="从下拉列表选择"),
    ImportColumn("occupation", "职业", "text", max_length=60, help="最多60字"),
    ImportColumn("work_unit", "工作单位", "text", max_length=100, width=24, help="最多100字"),
    ImportColumn("post", "职务", "text", max_length=60, help="最多60字"),
    ImportColumn("title", "职称", "text", max_length=60, help="最多60字"),
    ImportColumn("political_affiliation", "政治面貌", "choice", choices=choices.PoliticalAffiliation, width=20,
                 help="从下拉列表选择"),
    ImportColumn("party_joined_on", "加入党派时间", "date", width=12, help=DATE_HELP),
    ImportColumn("second_party", "第二党派", "choice", choices=choices.PoliticalAffiliation, width=20,
                 help="从下拉列表选择"),
    ImportColumn("second_party_joined_on", "加入第二党派时间", "date", width=12, help=DATE_HELP),
    ImportColumn("religion", "宗教信仰", "choice", choices=choices.Religion, width=12, help="从下拉列表选择"),
    ImportColumn("overseas_status", "海外关系", "choice", choices=choices.OverseasStatus, width=16,
                 help="从下拉列表选择（华侨、归侨、侨眷、港澳同胞等）", aliases=("侨情身份",)),
    ImportColumn("overseas_country", "所在国家或地区", "text", max_length=60, help="最多60字"),
    ImportColumn("main_category", "主要类别", "main_category", required=True, width=20,
                 help="必填，从下拉列表选择统战成员类别"),
    ImportColumn("categories", "其他类别", "categories", max_length=500, width=24,
                 help="可填多个类别名称，用顿号、逗号或分号分隔"),
    ImportColumn("tier", "人才层级", "choice", choices=choices.Tier, width=12, help="代表人士、后备人才，或留空"),
    ImportColumn("remarks", "备注", "text", max_length=2000, width=30, multiline=True, help="最多2000字，可换行"),
)

HEADERS = tuple(column.header for column in COLUMNS)
DATA_SHEET = "人员信息"
HELP_SHEET = "说明"
LISTS_SHEET = "字典"


def _compact(text: str) -> str:
    return "".join(str(text).split())


@lru_cache(maxsize=None)
def choice_labels(column_field: str) -> tuple[tuple[str, str], ...]:
    """(stored value, Chinese label) of a dictionary column, as the template's drop-down lists them."""
    column = next(c for c in COLUMNS if c.field == column_field)
    pairs = column.choices.choices if hasattr(column.choices, "choices") else column.choices
    with translation.override("zh-hans"):
        return tuple((value, str(label)) for value, label in pairs if value)


@lru_cache(maxsize=None)
def choice_lookup(column_field: str) -> dict[str, str]:
    """Accepted spellings of a dictionary value (Chinese label, stored code, English label) -> value."""
    column = next(c for c in COLUMNS if c.field == column_field)
    pairs = column.choices.choices if hasattr(column.choices, "choices") else column.choices
    lookup = {}
    with translation.override("en"):
        for value, label in pairs:
            if value:
                lookup[_compact(str(label)).lower()] = value
                lookup[value.lower()] = value
    for value, label in choice_labels(column_field):
        lookup[_compact(label).lower()] = value
    if column_field == "ethnicity":  # 汉 for 汉族
        lookup.update({value[:-1]: value for value, _label in pairs if value.endswith("族") and len(value) >= 2})
    return lookup
