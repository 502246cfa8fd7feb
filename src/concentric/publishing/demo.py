"""Demo information publishing for `make run`: the subdistrict's columns (the article's
"非公企业抗疫故事" and "湖滨新乡贤风采", and more, one internal), and items the communities' workers
wrote in them, in every state of the review, the published ones featuring demo members and some
with a cover picture drawn here (Pillow; no image file in the repository). Everything goes through
the services as the demo accounts, so the publish time is the moment the demo was loaded: no item
is ever backdated, not even a demo one."""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from concentric.people.selectors import person_list
from concentric.publishing.models import Column
from concentric.publishing.services.columns import column_create
from concentric.publishing.services.items import item_create
from concentric.publishing.services.workflow import item_publish, item_return, item_submit, item_withdraw

COLUMNS = (
    ("非公企业抗疫故事", "辖区非公有制企业和新的社会阶层人士在疫情防控中的担当与奉献。", True, 10),
    ("湖滨新乡贤风采", "扎根湖滨、热心公益的新乡贤和代表人士的故事。", True, 20),
    ("统战工作动态", "街道和社区统战工作的日常动态。", True, 30),
    ("同心公益", "统一战线成员参与的公益服务和志愿活动。", True, 40),
    ("内部工作简报", "供街道和社区统战干部内部交流，不对外公开。", False, 90),
)


@dataclass(frozen=True)
class DemoItem:
    title: str
    columns: tuple[str, ...]
    writer: str  # a demo account
    unit: str  # the unit's code
    state: str  # draft, submitted, returned, published, withdrawn
    paragraphs: tuple[str, ...]
    features: int = 0  # how many of the unit's members it features
    cover: tuple[int, int, int] | None = None
    source: str = ""


ITEMS = (
    DemoItem(
        "步行街商户联防联控 守护商圈平安",
        ("非公企业抗疫故事",),
        "buxingjie_staff",
        "hubin-buxingjie",
        "published",
        (
            "疫情期间，湖滨步行街的商户自发组建联防队，轮流值守商圈入口。",
            "他们为环卫工人送去防护物资，为居民代购生活用品。",
        ),
        features=2,
        cover=(200, 60, 50),
        source="湖滨步行街商圈",
    ),
    DemoItem(
        "民营企业家捐赠防疫物资",
        ("非公企业抗疫故事", "同心公益"),
        "buxingjie_staff",
        "hubin-buxingjie",
        "published",
        ("辖区多家民营企业向社区捐赠口罩、消毒液等防疫物资。", "企业负责人表示，回馈社会是企业应尽的责任。"),
        features=1,
    ),
    DemoItem(
        "东坡路社区新乡贤：二十年守护邻里",
        ("湖滨新乡贤风采",),
        "dongpo_staff",
        "hubin-dongpo",
        "published",
        ("他二十年如一日调解邻里纠纷，被居民亲切地称为“老娘舅”。", "他还牵头成立了社区乡贤议事会。"),
        features=1,
        cover=(40, 120, 90),
    ),
    DemoItem(
        "新乡贤议事会助力老旧小区改造",
        ("湖滨新乡贤风采", "统战工作动态"),
        "dongpo_staff",
        "hubin-dongpo",
        "submitted",
        ("在新乡贤议事会的协调下，东坡路老旧小区改造方案顺利通过居民表决。",),
        features=1,
    ),
    DemoItem(
        "社区统战专干培训侧记",
        ("统战工作动态",),
        "dongpo_staff",
        "hubin-dongpo",
        "returned",
        ("街道组织社区统战专干开展业务培训。",),
    ),
    DemoItem(
        "商圈党外人士座谈会筹备情况",
        ("内部工作简报",),
        "buxingjie_staff",
        "hubin-buxingjie",
        "draft",
        ("座谈会拟邀请商圈内党外代表人士参加，议题待定。",),
    ),
    DemoItem(
        "湖滨街道统一战线同心公益行",
        ("同心公益", "统战工作动态"),
        "hubin_admin",
        "hubin",
        "published",
        ("街道统一战线成员走进社区，开展义诊、法律咨询和助老服务。",),
        features=2,
        cover=(30, 90, 160),
    ),
    DemoItem(
        "一则需要更正的旧闻",
        ("统战工作动态",),
        "dongpo_staff",
        "hubin-dongpo",
        "withdrawn",
        ("这则信息发布后发现数据有误，已撤回。",),
    ),
)


def cover_picture(colour: tuple[int, int, int], title: str) -> ContentFile:
    """A 960×540 JPEG: a band of ``colour`` over a light background, with a few shapes."""
    image = Image.new("RGB", (960, 540), (246, 244, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 960, 360), fill=colour)
    for index in range(5):
        left = 80 + index * 170
        draw.ellipse((left, 250, left + 120, 370), fill=tuple(min(255, c + 40 * index) for c in colour))
    draw.rectangle((80, 420, 880, 450), fill=(210, 205, 198))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"{title}.jpg")


def _body(paragraphs) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def load_demo_publishing(context: dict) -> int:
    """The columns and items, unless columns exist already; answers how many items it made (the
    figure the demo's summary prints beside "information items")."""
    if Column.objects.exists():
        return 0
    users, units = context["users"], context["units"]
    admin = users["hubin_admin"]
    columns = {
        name: column_create(
            actor=admin, org_unit=units["hubin"], name=name, description=text, is_public=public, sort=sort
        )
        for name, text, public, sort in COLUMNS
    }
    made = 0
    for spec in ITEMS:
        writer = users[spec.writer]
        unit = units[spec.unit]
        members = list(person_list(user=writer, filters={"unit": unit.pk}).order_by("id")[: spec.features])
        item = item_create(
            actor=writer,
            org_unit=unit,
            title=spec.title,
            columns=[columns[name] for name in spec.columns],
            body=_body(spec.paragraphs),
            source=spec.source,
            cover=cover_picture(spec.cover, spec.title) if spec.cover else None,
            features=members,
        )
        _review(item, spec.state, writer, admin)
        made += 1
    return made


def _review(item, state: str, writer, admin) -> None:
    if state == "draft":
        return
    item = item_submit(actor=writer, item_id=item.pk, version=item.version)
    if state == "returned":
        item_return(actor=admin, item_id=item.pk, version=item.version, comment="请补充培训的时间、人数和主要内容。")
    elif state in ("published", "withdrawn"):
        item = item_publish(actor=admin, item_id=item.pk, version=item.version)
        if state == "withdrawn":
            item_withdraw(actor=admin, item_id=item.pk, version=item.version, comment="数据有误，核实后重新发布。")
