"""The members an item features (代表人士), and the publicity step each carries on their path
(管理 · 宣传) while the item is published: written once under the feature's origin (people's
path service), dated the publish day, withdrawn with the item or the feature, never entered twice.

A featured member is one of the item's unit or of a unit below it, among those the writer may
see, so that every administrator who may publish the item sees them too."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record
from concentric.core.policies import UNIT_ADMINS
from concentric.core.scoping import Action, user_scope
from concentric.core.services import lock
from concentric.people.choices import PathEventKind, Stage
from concentric.people.selectors import person_list
from concentric.people.services.path import person_path_evidence, person_path_evidence_remove
from concentric.publishing.choices import EDITABLE, ItemStatus
from concentric.publishing.models import Item, ItemFeature
from concentric.publishing.services.public import public_changed


def person_ids(people) -> list[int]:
    return sorted({getattr(person, "pk", person) for person in people or ()})


def origin_of(item_id: int, person_id: int) -> str:
    return f"publishing:item:{item_id}:person:{person_id}"


def _write_evidence(actor, item, person_id: int) -> None:
    person_path_evidence(
        actor=actor,
        person_id=person_id,
        origin=origin_of(item.pk, person_id),
        stage=Stage.MANAGE,
        kind=PathEventKind.PUBLICITY,
        occurred_on=timezone.localdate(item.published_at),
        source=item.title,
        evidence="、".join(item.columns.order_by("sort", "pk").values_list("name", flat=True)),
    )


def sync_evidence(actor, item) -> None:
    """Bring the featured members' steps in line with the item (in the caller's transaction):
    written while it is published, withdrawn otherwise. On publishing, each feature keeps the
    member's name as it is now: the portal shows that name without reading the registry."""
    for feature in item.features.select_related("person"):
        if item.status == ItemStatus.PUBLISHED:
            _keep_name(feature, feature.person.name)
            _write_evidence(actor, item, feature.person_id)
        else:
            person_path_evidence_remove(actor=actor, origin=origin_of(item.pk, feature.person_id))


def _keep_name(feature, name: str) -> None:
    if feature.person_name != name:
        feature.person_name = name
        feature.save(update_fields=["person_name"])


def _pickable(actor, item, ids: list[int]) -> dict[int, str]:
    """The names of the members ``ids``, each of whom the actor may feature on the item."""
    found = dict(
        person_list(user=actor, filters={"unit": item.org_unit_id}).filter(pk__in=ids).values_list("pk", "name")
    )
    if set(ids) - set(found):
        raise ValidationError({"features": _("Choose members of the item's unit or of the units below it.")})
    return found


def set_features(actor, item, people, *, dry_run: bool = False) -> bool:
    """Make the item feature exactly ``people`` (members or their ids); answers whether that
    changes anything. The caller has locked the item and audits it."""
    wanted = person_ids(people)
    current = {feature.person_id: feature for feature in item.features.all()}
    added, removed = [pk for pk in wanted if pk not in current], [pk for pk in current if pk not in wanted]
    if dry_run or not (added or removed):
        return bool(added or removed)
    names = _pickable(actor, item, added)
    for person_id in removed:
        current[person_id].delete()
        person_path_evidence_remove(actor=actor, origin=origin_of(item.pk, person_id))
    for person_id in added:
        ItemFeature.objects.create(item=item, person_id=person_id, person_name=names[person_id], added_by=actor)
        if item.status == ItemStatus.PUBLISHED:
            _write_evidence(actor, item, person_id)
    if item.status == ItemStatus.PUBLISHED:
        public_changed()
    return True


def may_change_features(user, item) -> bool:
    """Whether ``user`` may add and remove the item's featured members: its writers while it is a
    draft or returned, a unit administrator over it while it is published (a correction)."""
    if item.status in EDITABLE:
        return Item.objects.visible_to(user, Action.CHANGE).filter(pk=item.pk).exists()
    return item.status == ItemStatus.PUBLISHED and user_scope(user).covers(UNIT_ADMINS, item.org_unit)


def _lock_item(actor, item_id: int) -> Item:
    item = lock(actor, Item, item_id, action=Action.VIEW)
    if not may_change_features(actor, item):
        raise PermissionDenied(_("The featured members of this item cannot be changed now."))
    return item


def _audit(actor, item, before: list[int]) -> None:
    after = sorted(item.features.values_list("person_id", flat=True))
    audit_record(actor=actor, action="update", obj=item, changes={"features": [before, after]})


@transaction.atomic
def feature_add(*, actor, item_id: int, person_id: int) -> ItemFeature:
    item = _lock_item(actor, item_id)
    before = sorted(item.features.values_list("person_id", flat=True))
    if person_id in before:
        raise ValidationError(_("This member is featured already."))
    set_features(actor, item, [*before, person_id])
    _audit(actor, item, before)
    return item.features.select_related("person").get(person_id=person_id)


@transaction.atomic
def feature_remove(*, actor, feature_id: int) -> None:
    feature = lock(actor, ItemFeature, feature_id, action=Action.VIEW)
    item = _lock_item(actor, feature.item_id)
    before = sorted(item.features.values_list("person_id", flat=True))
    set_features(actor, item, [pk for pk in before if pk != feature.person_id])
    _audit(actor, item, before)
