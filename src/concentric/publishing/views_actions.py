"""The POSTs on an item: the review steps, featuring a member and removing one, and the upload of
a body picture from the editor (answering wangEditor's JSON)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _

from concentric.core.ids import as_integer
from concentric.core.kit import pages
from concentric.core.kit.widgets import RichTextWidget
from concentric.core.scoping import Action
from concentric.core.services import StaleRecord
from concentric.org.selectors import units_where
from concentric.publishing.forms import CommentForm, FeatureForm
from concentric.publishing.models import Item, ItemImage
from concentric.publishing.services.covers import image_upload
from concentric.publishing.services.features import feature_add, feature_remove
from concentric.publishing.services.workflow import item_publish, item_return, item_submit, item_withdraw


def _form_errors(form) -> ValidationError:
    return ValidationError([message for messages_ in form.errors.values() for message in messages_])


class ItemActionPage(pages.ObjectActionPage):
    """A step on an item as of the version read, by a writer of its unit; the service decides the
    rest (a worker submits; only a unit administrator over the item returns, publishes, withdraws)."""

    object_action = Action.CHANGE
    done = ""

    def step(self, version: int, comment: str, published_at):
        raise NotImplementedError  # abstract: each step names its service

    def act(self):
        version = pages.posted_version(self.request)
        if version is None:
            raise StaleRecord()
        form = CommentForm(self.request.POST)
        if not form.is_valid():
            raise _form_errors(form)
        self.object = self.step(version, form.cleaned_data["comment"], form.cleaned_data["published_at"])

    def done_message(self):
        return self.done % {"name": self.object.title}


class SubmitPage(ItemActionPage):
    done = _("“%(name)s” was submitted for review.")

    def step(self, version, comment, published_at):
        return item_submit(actor=self.request.user, item_id=self.object.pk, version=version)


class ReturnPage(ItemActionPage):
    done = _("“%(name)s” was returned to its writers.")

    def step(self, version, comment, published_at):
        return item_return(actor=self.request.user, item_id=self.object.pk, version=version, comment=comment)


class PublishPage(ItemActionPage):
    done = _("“%(name)s” was published.")

    def step(self, version, comment, published_at):
        return item_publish(
            actor=self.request.user, item_id=self.object.pk, version=version, published_at=published_at, comment=comment
        )


class WithdrawPage(ItemActionPage):
    done = _("“%(name)s” was withdrawn.")

    def step(self, version, comment, published_at):
        return item_withdraw(actor=self.request.user, item_id=self.object.pk, version=version, comment=comment)


class FeatureAddPage(pages.ObjectActionPage):
    object_action = Action.CHANGE

    def act(self):
        form = FeatureForm(self.request.POST)
        if not form.is_valid():
            raise _form_errors(form)
        self.added = feature_add(actor=self.request.user, item_id=self.object.pk, person_id=form.cleaned_data["person"])

    def done_message(self):
        return _("%(name)s is featured.") % {"name": self.added.person.name}

    def return_url(self):
        return self.crud.object_url(self.object) + "#features"

    refused_url = return_url


class FeatureRemovePage(pages.ObjectActionPage):
    """``self.object``: the feature."""

    object_action = Action.CHANGE

    def act(self):
        feature_remove(actor=self.request.user, feature_id=self.object.pk)

    def done_message(self):
        return _("%(name)s is no longer featured.") % {"name": self.object.person.name}

    def return_url(self):
        return self.crud.url("detail", self.object.item_id) + "#features"

    refused_url = return_url


class ImageUploadPage(pages.Page):
    """POST one picture (field "image") from the editor: stored for the item's unit (``?item=``, an
    item being edited) or the first unit where the user writes items (a new item). Answers
    ``{"errno": 0, "data": {"url", "alt"}}`` or ``{"errno": 1, "message"}``."""

    access = "write"
    object_action = Action.ADD
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        upload = request.FILES.get(RichTextWidget.FIELD)
        if upload is None:
            return JsonResponse({"errno": 1, "message": _("Choose a picture to upload.")}, status=400)
        try:
            item, unit = self.target()
            image = image_upload(actor=request.user, org_unit=unit, upload=upload, item=item)
        except (ValidationError, PermissionDenied) as refused:
            return JsonResponse({"errno": 1, "message": " ".join(pages.messages_of(refused))}, status=400)
        return JsonResponse({"errno": 0, "data": {"url": image.get_absolute_url(), "alt": "", "href": ""}})

    def target(self):
        pk = self.request.GET.get("item", "")
        if pk:
            item = Item.objects.visible_to(self.request.user, Action.CHANGE).filter(pk=as_integer(pk) or 0).first()
            if item is None:
                raise PermissionDenied(_("You may not add pictures to this item."))
            return item, item.org_unit
        unit = units_where(self.request.user, Action.ADD, ItemImage).first()
        if unit is None:
            raise PermissionDenied(_("You may not upload pictures."))
        return None, unit
