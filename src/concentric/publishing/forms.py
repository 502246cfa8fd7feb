"""Column and item forms, and the review steps' small forms. They collect input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.forms import BootstrapForm, ModelIdsChoiceField, UnitChoiceField
from concentric.core.kit.forms import KitForm, model_field
from concentric.core.kit.widgets import RichTextWidget
from concentric.core.scoping import Action
from concentric.org.selectors import units_where
from concentric.publishing.models import Column, Item
from concentric.publishing.services.items import check_publish_time, publish_time_of

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
CHOOSE_COVER_AGAIN = _("The form was not saved: choose the cover image again.")


def offer_units(field, actor, model, current) -> None:
    """The units where the actor may add ``model`` records (and, on an edit, the record's own);
    a new record starts on the actor's own unit when it is among them."""
    units = units_where(actor, Action.ADD, model)
    if current is not None:
        units = (units | type(current).objects.filter(pk=current.pk)).order_by("path")
    field.queryset = units
    own = getattr(actor, "org_unit_id", None)
    if current is None and own is not None and units.filter(pk=own).exists():
        field.initial = own


class ColumnForm(KitForm):
    org_unit = UnitChoiceField(label=_("Owning unit"))
    name = forms.CharField(label=_("Name"), max_length=60)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(
        label=_("Public"), required=False, initial=True, help_text=_("Public columns show on the public portal.")
    )
    sort = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=100)
    active_from = model_field(Column, "active_from")
    active_until = model_field(Column, "active_until")
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.org_unit if self.instance is not None else None
        offer_units(self.fields["org_unit"], self.actor, Column, current)
        self.fields["active_from"].label, self.fields["active_until"].label = _("Open from"), _("Open until")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("active_from"), cleaned.get("active_until")
        if start and end and end < start:
            self.add_error("active_until", _("The column cannot close before it opens."))
        return cleaned


class ColumnsField(ModelIdsChoiceField):
    def label_from_instance(self, column):
        return column.name if column.is_public else f"{column.name}（{_('internal')}）"


def refuse_publish_time(form) -> None:
    """A publish time posted to a form (there is no such field): earlier than now is refused as
    backdating, any other is refused as not taken here."""
    value = publish_time_of(form.data.get("published_at"))
    try:
        check_publish_time(value)
    except ValidationError as refused:
        form.add_error(None, refused.message_dict["published_at"])


class ItemForm(KitForm):
    org_unit = UnitChoiceField(label=pgettext_lazy("information item", "Unit"))
    title = forms.CharField(label=pgettext_lazy("information item", "Title"), max_length=120)
    columns = ColumnsField(
        label=pgettext_lazy("information item", "Columns"),
        queryset=Column.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one column.")},
    )
    summary = forms.CharField(
        label=pgettext_lazy("information item", "Summary"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown in lists and when the item is shared."),
    )
    body = forms.CharField(
        label=_("Body"),
        required=False,
        widget=RichTextWidget(),
        help_text=_("The item is saved as it stands; it goes to review when you submit it on its page."),
    )
    source = forms.CharField(label=pgettext_lazy("information item", "Source"), max_length=100, required=False)
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("A photo or picture; it is re-encoded and its location data removed."),
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        offer_units(self.fields["org_unit"], self.actor, Item, item.org_unit if item is not None else None)
        upload = reverse("publishing:image_upload")
        self.fields["body"].widget.upload_url = upload if item is None else f"{upload}?item={item.pk}"
        columns = Column.objects.visible_to(self.actor, Action.VIEW).filter(is_active=True)
        if item is not None:
            columns = columns | Column.objects.filter(pk__in=item.columns.values("pk"))
        self.fields["columns"].queryset = columns.select_related("org_unit").order_by("sort", "pk").distinct()
        if item is None or not item.cover:
            del self.fields["remove_cover"]
        else:  # the current cover, served in scope, beside the box that removes it
            self.fields["remove_cover"].help_text = format_html(
                '<img class="img-thumbnail app-cover-thumb mt-1" src="{}" alt="{}" data-testid="current-cover">',
                reverse("publishing:cover", args=[item.pk]),
                _("Current cover image"),
            )

    def clean(self):
        cleaned = super().clean()
        refuse_publish_time(self)
        return cleaned

    def add_error(self, field, error):
        super().add_error(field, error)
        # A browser never fills a file input again: a cover chosen with the form that comes back
        # is gone, and the field says so.
        if field != "cover" and self.files.get(self.add_prefix("cover")) and "cover" in self.fields:
            self.fields["cover"].help_text = CHOOSE_COVER_AGAIN

    def service_values(self) -> dict:
        values = super().service_values()
        if not self.files.get(self.add_prefix("cover")):  # FileField answers the stored cover when none is sent
            values.pop("cover", None)
        if not values.get("remove_cover"):
            values.pop("remove_cover", None)
        return values


class CommentForm(BootstrapForm):
    comment = forms.CharField(
        label=_("Comment"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    published_at = forms.DateTimeField(required=False)


class FeatureForm(BootstrapForm):
    person = forms.IntegerField(min_value=1, error_messages={"required": _("Choose a member.")})
