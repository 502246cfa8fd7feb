from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    OTHER = "other", _("Other document")


class Tier(models.TextChoices):
    NONE = "", _("None")
    REPRESENTATIVE = "representative", _("Representative figure")
    RESERVE = "reserve", _("Reserve talent")


class Stage(models.TextChoices):
    """The member's path: discover -> cultivate -> use -> manage (发现 → 培养 → 使用 → 管理)."""

    NONE = "", _("Not started")
    DISCOVER = "discover", _("Discover")
    CULTIVATE = "cultivate", _("Cultivate")
    USE = "use", _("Put forward")
    MANAGE = "manage", _("Manage")


STAGE_ORDER = [Stage.DISCOVER, Stage.CULTIVATE, Stage.USE, Stage.MANAGE]


class PathEventKind(models.TextChoices):
    SOURCE = "source", _("Discovered")
    TRAINING = "training", _("Training")
    FORUM = "forum", _("Forum or study")
    ACTIVITY = "activity", pgettext_lazy("path event", "Activity")
    RECOMMENDATION = "recommendation", _("Recommendation")
    NOMINATION = "nomination", _("Nomination")
    POST = "post", pgettext_lazy("path event", "Post")
    HONOUR = "honour", _("Honour")
    CONTACT = "contact", _("Regular contact")
    VISIT = "visit", _("Visit")
    PUBLICITY = "publicity", _("Publicity of deeds")
    SPEAKING = "speaking", _("Speaker at an activity")
    VOLUNTEERING = "volunteering", _("Volunteer service")


STAGE_EVENT_KINDS = {
    Stage.DISCOVER: {PathEventKind.SOURCE},
    Stage.CULTIVATE: {PathEventKind.TRAINING, PathEventKind.FORUM, PathEventKind.ACTIVITY},
    Stage.USE: {
        PathEventKind.RECOMMENDATION,
        PathEventKind.NOMINATION,
        PathEventKind.POST,
        PathEventKind.HONOUR,
        PathEventKind.SPEAKING,
        PathEventKind.VOLUNTEERING,
    },
    Stage.MANAGE: {PathEventKind.CONTACT, PathEventKind.VISIT, PathEventKind.PUBLICITY},
}


class PoliticalAffiliation(models.TextChoices):
    CPC = "cpc", _("Member of the Communist Party of China")
    CPC_PROBATIONARY = "cpc_probationary", _("Probationary member of the CPC")
    LEAGUE = "league", _("Member of the Communist Youth League")
    RCCK = "rcck", _("Revolutionary Committee of the Chinese Kuomintang")
    CDL = "cdl", _("China Democratic League")
    CNDCA = "cndca", _("China National Democratic Construction Association")
    CAPD = "capd", _("China Association for Promoting Democracy")
    CPWDP = "cpwdp", _("Chinese Peasants' and Workers' Democratic Party")
    ZGD = "zgd", _("China Zhi Gong Party")
    JIUSAN = "jiusan", _("Jiusan Society")
    TDSL = "tdsl", _("Taiwan Democratic Self-Government League")
    NON_PARTY = "non_party", _("Non-party personage")
    MASSES = "masses", _("Ordinary citizen")


class Religion(models.TextChoices):
    BUDDHISM = "buddhism", _("Buddhism")
    TAOISM = "taoism", _("Taoism")
    ISLAM = "islam", _("Islam")
    CATHOLICISM = "catholicism", _("Catholicism")
    PROTESTANTISM = "protestantism", _("Protestant Christianity")
    OTHER = "other", _("Other religion")


class OverseasStatus(models.TextChoices):
    NONE = "", _("None")
    OVERSEAS_CHINESE = "overseas_chinese", _("Overseas Chinese")
    RETURNED = "returned", _("Returned overseas Chinese")
    RELATIVE = "relative", _("Relative of overseas Chinese")
    HK_MACAO = "hk_macao", _("Hong Kong or Macao compatriot")
    TAIWAN = "taiwan", _("Taiwan compatriot or relative")
    FOREIGN_CHINESE = "foreign_chinese", _("Foreign national of Chinese origin")
    STUDENT_ABROAD = "student_abroad", _("Student abroad or returnee")


class Education(models.TextChoices):
    NONE = "", _("Unknown")
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior secondary")
    SENIOR = "senior", _("Senior secondary / vocational")
    COLLEGE = "college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctorate")


class ContactMethod(models.TextChoices):
    VISIT = "visit", _("Home or workplace visit")
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    ONLINE = "online", _("Online")


class ArrangementKind(models.TextChoices):
    NPC_DEPUTY = "npc_deputy", _("People's congress deputy")
    CPPCC_MEMBER = "cppcc_member", _("CPPCC member")
    ASSOCIATION_POST = "association_post", _("Post in an association")
    OTHER = "other", _("Other arrangement")


class Level(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("level", "National")
    PROVINCIAL = "provincial", pgettext_lazy("level", "Provincial")
    CITY = "city", pgettext_lazy("level", "City")
    DISTRICT = "district", pgettext_lazy("level", "District")
    SUBDISTRICT = "subdistrict", pgettext_lazy("level", "Subdistrict")


# The 56 ethnic groups (GB 3304-1991 order), stored by their Chinese names.
ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]
ETHNICITY_CHOICES = [(name, name) for name in ETHNIC_GROUPS]
