"""The columns of the people import file (core.kit.importing.Column): header text (the file format
is Chinese, whatever the UI language), the model field each fills, how its cell is read (the
kit's parsers, or the kind's own: name, names, id_number, main_category, categories), its
dictionary, and its instructions."""

from django.utils.translation import gettext_lazy as _

from concentric.core.kit.importing import columns as kit
from concentric.core.kit.importing.columns import Column
from concentric.people import choices


def _active_categories() -> list[str]:
    from concentric.people.models import Category

    return [str(category) for category in Category.objects.filter(is_active=True).select_related("parent")]


def _ethnicity_short_names(pairs) -> dict:
    """汉 for 汉族: a name of a nationality is also accepted without its final 族."""
    return {value[:-1]: value for value, _label in pairs if value.endswith("族") and len(value) >= 2}


DATE_HELP = "日期，如 1980-01-02、1980/1/2、1980年1月2日 或 19800102；也可用Excel日期格式"

COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "姓名",
        "name",
        required=True,
        required_message=_("Enter the name."),
        max_length=50,
        help="必填，最多50字",
    ),
    Column("former_names", "曾用名", "names", max_length=100, help="多个曾用名用顿号分隔"),
    Column(
        "gender",
        "性别",
        "choice",
        choices=choices.Gender,
        width=8,
        help="从下拉列表选择；填写居民身份证号码时可留空，按号码自动确定，填写的须与号码一致",
    ),
    Column(
        "ethnicity",
        "民族",
        "choice",
        choices=choices.ETHNICITY_CHOICES,
        width=10,
        help="从下拉列表选择",
        spellings=_ethnicity_short_names,
    ),
    Column(
        "birth_date",
        "出生日期",
        "date",
        width=12,
        help=DATE_HELP + "；填写居民身份证号码时可留空，须与号码中的出生日期一致",
    ),
    Column(
        "id_type", "证件类型", "choice", choices=choices.IdType, width=16, help="从下拉列表选择；留空视为居民身份证"
    ),
    Column(
        "id_number",
        "证件号码",
        "id_number",
        max_length=30,
        width=22,
        sensitive=True,
        help="居民身份证号码18位，校验码、出生日期和地区码须正确；请以文本格式填写；同一证件号码只能登记一次",
    ),
    Column(
        "phone", "手机号码", "phone", max_length=20, width=14, sensitive=True, help="11位手机号码，或带区号的固定电话"
    ),
    Column("phone2", "其他电话", "phone", max_length=20, width=14, sensitive=True, help="同上"),
    Column("household_address", "户籍地址", "text", max_length=200, width=30, help="最多200字"),
    Column("residence_address", "居住地址", "text", max_length=200, width=30, help="最多200字"),
    Column("work_address", "工作地址", "text", max_length=200, width=30, help="最多200字"),
    Column("education", "学历", "choice", choices=choices.Education, width=12, help="从下拉列表选择"),
    Column("occupation", "职业", "text", max_length=60, help="最多60字"),
    Column("work_unit", "工作单位", "text", max_length=100, width=24, help="最多100字"),
    Column("post", "职务", "text", max_length=60, help="最多60字"),
    Column("title", "职称", "text", max_length=60, help="最多60字"),
    Column(
        "political_affiliation",
        "政治面貌",
        "choice",
        choices=choices.PoliticalAffiliation,
        width=20,
        help="从下拉列表选择",
    ),
    Column("party_joined_on", "加入党派时间", "date", width=12, help=DATE_HELP),
    Column("second_party", "第二党派", "choice", choices=choices.PoliticalAffiliation, width=20, help="从下拉列表选择"),
    Column("second_party_joined_on", "加入第二党派时间", "date", width=12, help=DATE_HELP),
    Column("religion", "宗教信仰", "choice", choices=choices.Religion, width=12, help="从下拉列表选择"),
    Column(
        "overseas_status",
        "海外关系",
        "choice",
        choices=choices.OverseasStatus,
        width=16,
        help="从下拉列表选择（华侨、归侨、侨眷、港澳同胞等）",
        aliases=("侨情身份",),
    ),
    Column("overseas_country", "所在国家或地区", "text", max_length=60, help="最多60字"),
    Column(
        "main_category",
        "主要类别",
        "main_category",
        required=True,
        width=20,
        dictionary=_active_categories,
        help="必填，从下拉列表选择统战成员类别",
    ),
    Column(
        "categories",
        "其他类别",
        "categories",
        max_length=500,
        width=24,
        dictionary=_active_categories,
        multiple=True,
        help="可填多个类别名称，用顿号、逗号或分号分隔",
    ),
    Column("tier", "人才层级", "choice", choices=choices.Tier, width=12, help="代表人士、后备人才，或留空"),
    Column("remarks", "备注", "text", max_length=2000, width=30, multiline=True, help="最多2000字，可换行"),
)

HEADERS = tuple(column.header for column in COLUMNS)
DATA_SHEET = "人员信息"
_BY_FIELD = {column.field: column for column in COLUMNS}


def column(field_name: str) -> Column:
    return _BY_FIELD[field_name]


def choice_labels(field_name: str) -> tuple[tuple[str, str], ...]:
    """(stored value, Chinese label) of a dictionary column, as the template's drop-down lists them."""
    return kit.choice_labels(_BY_FIELD[field_name])


def choice_lookup(field_name: str) -> dict[str, str]:
    """Accepted spellings of a dictionary value -> the value."""
    return kit.choice_lookup(_BY_FIELD[field_name])
