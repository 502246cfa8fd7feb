"""The columns of the activity import file: one row per participant, the activity's columns
repeated on each of its rows. Headers and instructions are Chinese (the file format), whatever
the UI language."""

from django.utils.translation import gettext_lazy as _

from concentric.activities import choices
from concentric.activities.models import ActivityType
from concentric.core.kit.importing.columns import Column

DATA_SHEET = "活动参与人"
DATETIME_HELP = "日期和时间，如 2026-10-01 09:00、2026/10/1 9:00 或 2026年10月1日 9时；也可用Excel日期时间格式"
SAME_ACTIVITY = "；同一活动的各行须填写一致"

YES, NO = "yes", "no"
YES_NO = ((YES, _("Yes")), (NO, _("No")))


def _active_types() -> list[str]:
    return list(ActivityType.objects.filter(is_active=True).values_list("name", flat=True))


def _spelled(**spellings: str):
    """More accepted spellings of dictionary values: spelling -> value."""
    return lambda _pairs: spellings


COLUMNS: tuple[Column, ...] = (
    Column(
        "title",
        "活动名称",
        "text",
        required=True,
        required_message=_("Enter the activity's title."),
        max_length=120,
        width=24,
        help="必填，最多120字；活动名称和开始时间相同的行属于同一活动",
    ),
    Column(
        "type_id",
        "活动类型",
        "activity_type",
        required=True,
        dictionary=_active_types,
        width=12,
        help="必填，从下拉列表选择" + SAME_ACTIVITY,
    ),
    Column("starts_at", "开始时间", "datetime", required=True, width=18, help="必填，" + DATETIME_HELP),
    Column("ends_at", "结束时间", "datetime", required=True, width=18, help="必填，" + DATETIME_HELP + SAME_ACTIVITY),
    Column("address", "地点", "text", max_length=120, width=20, help="最多120字" + SAME_ACTIVITY),
    Column(
        "status",
        "状态",
        "choice",
        required=True,
        choices=choices.ActivityStatus,
        width=10,
        help="必填，从下拉列表选择：计划中、已举办、已取消" + SAME_ACTIVITY,
        spellings=_spelled(计划=choices.ActivityStatus.PLANNED, 已举行=choices.ActivityStatus.HELD),
    ),
    Column(
        "name",
        "参与人姓名",
        "participant_name",
        required=True,
        required_message=_("Enter the participant's name."),
        max_length=50,
        width=12,
        help="必填，最多50字",
    ),
    Column(
        "member",
        "参与人证件号码",
        "member",
        sensitive=True,
        width=22,
        help="登记在册的成员填写证件号码（须为所选单位及下级单位的成员，姓名须一致）；来宾留空",
    ),
    Column("guest_phone", "联系电话", "phone", sensitive=True, width=16, help="仅来宾填写；成员的电话以成员档案为准"),
    Column(
        "role",
        "角色",
        "choice",
        choices=choices.ParticipantRole,
        width=10,
        help="从下拉列表选择；留空为“参与者”",
        spellings=_spelled(
            主讲=choices.ParticipantRole.SPEAKER,
            发言=choices.ParticipantRole.SPEAKER,
            发言人=choices.ParticipantRole.SPEAKER,
            参加者=choices.ParticipantRole.PARTICIPANT,
        ),
    ),
    Column(
        "attended",
        "是否出席",
        "choice",
        choices=YES_NO,
        width=10,
        help="从下拉列表选择：是、否；留空为“否”；只有已举办的活动才有出席",
        spellings=_spelled(出席=YES, 已出席=YES, 缺席=NO, 未出席=NO),
    ),
    Column(
        "hours",
        "志愿服务时长",
        "hours",
        width=12,
        help="小时数，最多一位小数，大于0，不超过活动时长；仅出席者填写，导入后待单位管理员审核",
    ),
)

HEADERS = tuple(column.header for column in COLUMNS)
ACTIVITY_FIELDS = ("type_id", "ends_at", "address", "status")  # besides the title and start that name it

NOTES = (
    f"在“{DATA_SHEET}”工作表中每行填写一名参与人，第一行为列名，请勿修改或删除列名。",
    "活动名称和开始时间相同的行属于同一活动，这些行的活动类型、结束时间、地点、状态须一致。",
    "活动建在上传时所选的单位；该单位已有同名、同开始时间的活动时，参与人加入该活动（活动本身不改）。",
    "红色列名为必填列；带下拉列表的列请从列表中选择。",
    "成员填写证件号码（以文本格式填写），来宾只填姓名和联系电话；同一成员在同一活动中只能出现一次。",
    "志愿服务时长只填出席者的实际服务时间（不含路途），导入后为待审核状态，由活动单位管理员审核。",
    "单元格不能以 = + - @ 开头，不能含有不可见的控制字符。",
    "默认只有全部行均无错误时才导入；也可选择“仅导入无误的行”。",
)
