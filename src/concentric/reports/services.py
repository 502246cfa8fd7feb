"""Writes of the year-end review: documents made (audited), reviews frozen, the settings kept."""

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import (
    assign,
    delete_unless_protected,
    ensure_still_visible,
    lock_for_update,
    require,
    snapshot,
    unchanged,
)
from concentric.reports.models import NarrativeTemplate, ReviewGroup, ReviewVersion, WordTemplate
from concentric.reports.review import build_review, require_review

FORMATS = ("json", "docx", "pdf", "xlsx")
MEDIA_TYPES = {
    "json": "application/json",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_document(review: dict, fmt: str) -> bytes:
    """The review as a file of ``fmt``."""
    if fmt == "json":
        return (json.dumps(review, ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "docx":
        from concentric.reports.documents.word import review_docx

        return review_docx(review, template=current_word_template())
    if fmt == "pdf":
        from concentric.reports.documents.pdf import review_pdf

        return review_pdf(review)
    if fmt == "xlsx":
        from concentric.reports.documents.sheets import review_xlsx

        return review_xlsx(review)
    raise ValidationError(_("Choose a format: %(formats)s.") % {"formats": ", ".join(FORMATS)})


def file_name(review: dict, fmt: str, version: int | None = None) -> str:
    suffix = f"-v{version}" if version else ""
    label = _("year-end review")
    return f"{review['unit']['code']}-{review['year']}-{label}{suffix}.{fmt}"


@transaction.atomic
def review_document(*, actor, unit, year: int, fmt: str, with_records: bool = False, now=None) -> tuple[dict, bytes]:
    """Generate the review of ``unit`` for ``year`` from the records' figures now, as ``fmt``."""
    if fmt not in FORMATS:
        raise ValidationError(_("Choose a format: %(formats)s.") % {"formats": ", ".join(FORMATS)})
    review = build_review(user=actor, unit=unit, year=year, now=now, with_records=with_records)
    content = render_document(review, fmt)
    audit_record(
        actor=actor,
        action="export",
        object_type="reports.review",
        object_id=f"{unit.pk}:{year}",
        object_repr=f"{unit.name} {year}",
        org_unit_id=unit.pk,
        reason=f"generate {fmt}" + (" with records" if with_records else ""),
    )
    return review, content


def version_review(version: ReviewVersion, *, with_records: bool = False) -> dict:
    """A frozen version as the review it was (the same dict, hence the same documents)."""
    if version.document:
        review = {**json.loads(version.document), "cutoff": timezone.localtime(version.cutoff).isoformat()}
        review["version"] = version.number
        if with_records:
            review["records"] = version.records
        return review
    review = {
        "unit": {"code": version.org_unit.code, "name": version.org_unit.name},
        "year": version.year,
        "cutoff": timezone.localtime(version.cutoff).isoformat(),
        "figures": version.figures,
        "groups": version.groups,
        "narrative": version.narrative,
        "children": version.children,
        "labels": version.labels,
        "version": version.number,
    }
    if with_records:
        review["records"] = version.records
    return review


@transaction.atomic
def version_document(*, actor, version: ReviewVersion, fmt: str, with_records: bool = False) -> tuple[dict, bytes]:
    """A frozen version's document, downloaded (audited)."""
    if fmt not in FORMATS:
        raise ValidationError(_("Choose a format: %(formats)s.") % {"formats": ", ".join(FORMATS)})
    if not ReviewVersion.objects.visible_to(actor, Action.EXPORT).filter(pk=version.pk).exists():
        raise ValidationError(_("You do not have permission to do this here."))
    review = version_review(version, with_records=with_records)
    content = render_document(review, fmt)
    audit_record(actor=actor, action="export", obj=version, org_unit_id=version.org_unit_id, reason=f"download {fmt}")
    return review, content


@transaction.atomic
def review_freeze(*, actor, unit, year: int, now=None) -> ReviewVersion:
    """Freeze the review of ``unit`` for ``year`` as it reads now: the next version of that year."""
    require(actor, Action.ADD, ReviewVersion, unit)
    require_review(actor, unit)
    review = build_review(user=actor, unit=unit, year=year, now=now, with_records=True)
    # The unit's row is locked, so two freezes of the same unit number their versions in turn.
    type(unit).objects.select_for_update().filter(pk=unit.pk).first()
    last = ReviewVersion.objects.filter(org_unit=unit, year=year).aggregate(last=Max("number"))["last"] or 0
    version = ReviewVersion(
        org_unit=unit,
        year=year,
        number=last + 1,
        cutoff=review["cutoff"],
        figures=review["figures"],
        groups=review["groups"],
        children=review["children"],
        records=review["records"],
        labels=review["labels"],
        narrative=review["narrative"],
        document=json.dumps({key: value for key, value in review.items() if key != "records"}, ensure_ascii=False),
        created_by=actor,
    )
    version.full_clean()
    version.save()
    ensure_still_visible(actor, version, Action.VIEW)
    audit_record(
        actor=actor,
        action="create",
        obj=version,
        org_unit_id=unit.pk,
        changes=changed_fields({}, {"year": year, "number": version.number, "cutoff": review["cutoff"]}),
        reason="freeze",
    )
    return version


# --- the settings: headline groups, the narrative's wording, the Word template ---------------

GROUP_FIELDS = ("name", "sort")


def _group_values(group) -> dict:
    values = snapshot(group, GROUP_FIELDS)
    values["categories"] = sorted(group.categories.values_list("code", flat=True)) if group.pk else []
    return values


@transaction.atomic
def group_create(*, actor, name: str, sort: int = 100, categories=()) -> ReviewGroup:
    require(actor, Action.ADD, ReviewGroup, None)
    group = ReviewGroup(name=name, sort=sort)
    group.full_clean()
    group.save()
    group.categories.set(categories)
    audit_record(actor=actor, action="create", obj=group, changes=changed_fields({}, _group_values(group)))
    return group


@transaction.atomic
def group_update(*, actor, group_id: int, version: int, **values) -> ReviewGroup:
    group = lock_for_update(actor, ReviewGroup, group_id, version=version)
    before = _group_values(group)
    categories = values.pop("categories", None)
    assign(group, {key: value for key, value in values.items() if key in GROUP_FIELDS})
    if categories is not None:
        group.categories.set(categories)
    after = _group_values(group)
    if unchanged(before, after):
        return group
    group.version += 1
    group.full_clean()
    group.save()
    audit_record(actor=actor, action="update", obj=group, changes=changed_fields(before, after))
    return group


@transaction.atomic
def group_delete(*, actor, group_id: int, version: int) -> None:
    group = lock_for_update(actor, ReviewGroup, group_id, version=version, action=Action.DELETE)
    before = _group_values(group)
    audit_record(actor=actor, action="delete", obj=group, changes=changed_fields(before, {}))
    delete_unless_protected(group, _("This group is in use."))


@transaction.atomic
def wording_create(*, actor, name: str, text: str) -> NarrativeTemplate:
    require(actor, Action.ADD, NarrativeTemplate, None)
    wording = NarrativeTemplate(name=name, text=text)
    wording.full_clean()
    wording.save()
    audit_record(actor=actor, action="create", obj=wording, changes=changed_fields({}, {"name": name, "text": text}))
    return wording


@transaction.atomic
def wording_update(*, actor, wording_id: int, version: int, **values) -> NarrativeTemplate:
    wording = lock_for_update(actor, NarrativeTemplate, wording_id, version=version)
    before = snapshot(wording, ("name", "text"))
    assign(wording, {key: value for key, value in values.items() if key in ("name", "text")})
    after = snapshot(wording, ("name", "text"))
    if unchanged(before, after):
        return wording
    wording.version += 1
    wording.full_clean()
    wording.save()
    audit_record(actor=actor, action="update", obj=wording, changes=changed_fields(before, after))
    return wording


def current_word_template() -> bytes | None:
    found = WordTemplate.objects.order_by("-pk").first()
    return bytes(found.content) if found else None


@transaction.atomic
def word_template_upload(*, actor, name: str, content: bytes) -> WordTemplate:
    """Use an administrator's Word template from now on: it must render a sample review."""
    require(actor, Action.ADD, WordTemplate, None)
    from concentric.reports.documents.word import check_template

    check_template(content)
    template = WordTemplate(name=name[:120], content=content, uploaded_by=actor)
    template.full_clean(exclude=["content"])
    template.save()
    audit_record(actor=actor, action="create", obj=template, reason=f"{len(content)} bytes")
    return template


@transaction.atomic
def word_template_reset(*, actor) -> int:
    """Go back to the built-in Word template (uploaded ones are forgotten)."""
    require(actor, Action.DELETE, WordTemplate, None)
    removed = list(WordTemplate.objects.order_by("pk"))
    for template in removed:
        audit_record(actor=actor, action="delete", obj=template)
    WordTemplate.objects.filter(pk__in=[template.pk for template in removed]).delete()
    return len(removed)
