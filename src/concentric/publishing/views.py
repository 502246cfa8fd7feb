"""The item pages that differ from the kit's: the list (rows to the item), the form (rich text,
cover upload), the item's page with its body, timeline, review buttons and featured members, the
review steps, the member picker, and the images (body pictures and covers) served in scope."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from concentric.core.kit import pages
from concentric.core.kit.file_pages import stored_file_response
from concentric.core.scoping import Action
from concentric.people.selectors import person_list
from concentric.publishing.choices import ItemStatus, Transition
from concentric.publishing.services.features import may_change_features
from concentric.publishing.services.workflow import allowed_transitions

PICKER_SIZE = 10


class ItemListPage(pages.ListPage):
    wide_search = True


def last_return(item):
    """The latest return of ``item`` for changes (its reviewer's comment), while it is returned."""
    if item.status != ItemStatus.RETURNED:
        return None
    return item.events.filter(transition=Transition.RETURN).select_related("actor").order_by("at", "pk").last()


class ItemEditPage(pages.EditPage):
    """The kit's form, with the reviewer's latest return comment above it."""

    template_name = "publishing/item_form.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "last_return": last_return(self.object)}


class ItemDetailPage(pages.DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, user = self.object, self.request.user
        features = list(item.features.select_related("person__org_unit").order_by("pk"))
        ids = [feature.person_id for feature in features]
        openable = set(person_list(user=user).filter(pk__in=ids).values_list("pk", flat=True))
        allowed = allowed_transitions(user, item)
        context.update(
            item=item,
            columns=list(item.columns.select_related("org_unit").order_by("sort", "pk")),
            events=list(item.events.select_related("actor").order_by("at", "pk")),
            features=features,
            openable_members=openable,
            can_submit=Transition.SUBMIT in allowed or Transition.RESUBMIT in allowed,
            is_resubmit=Transition.RESUBMIT in allowed,
            can_return=Transition.RETURN in allowed,
            can_publish=Transition.PUBLISH in allowed,
            can_withdraw=Transition.WITHDRAW in allowed,
            can_feature=may_change_features(user, item),
            can_change=context["can_change"] and item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED),
            can_delete=context["can_delete"] and item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED),
        )
        context["last_return"] = last_return(item)
        return context


class FeatureSearchPage(pages.ObjectPage, TemplateView):
    """The member picker's results (htmx): members of the item's unit and the units below it,
    among those the user sees, matching ``q``; each with a button that features them."""

    access = "detail"
    object_action = Action.CHANGE
    template_name = "publishing/partials/member_results.html"

    def get_object(self):
        item = super().get_object()
        if not may_change_features(self.request.user, item):
            raise PermissionDenied
        return item

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:50]
        found = []
        if query:
            taken = self.object.features.values("person_id")
            people = person_list(user=self.request.user, filters={"q": query, "unit": self.object.org_unit_id})
            people = people.exclude(pk__in=taken).select_related("org_unit").order_by("name", "pk")
            found = list(people[: PICKER_SIZE + 1])
        context.update(query=query, found=found[:PICKER_SIZE], more=len(found) > PICKER_SIZE, item=self.object)
        return context


@method_decorator(never_cache, name="dispatch")
class ImagePage(pages.ObjectPage):
    """A body image, to users who may see it (its unit's, or a unit's above it)."""

    access = "detail"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        image = self.object
        return stored_file_response(image.file, content_type=image.content_type, name=image.name)


@method_decorator(never_cache, name="dispatch")
class CoverPage(pages.ObjectPage):
    """An item's cover image, to users who may see the item."""

    access = "detail"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        item = self.object
        if not item.cover:
            raise Http404
        name = f"cover-{item.pk}.{item.cover_type.rpartition('/')[2]}"
        return stored_file_response(item.cover, content_type=item.cover_type, name=name)
