"""Org-unit forms. They only collect input; the services decide and write."""

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from concentric.core.forms import UnitChoiceField
from concentric.core.kit.forms import KitForm, taken
from concentric.core.roles import Role
from concentric.core.scoping import Action, user_scope
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit


def parent_choices(user, current_parent: OrgUnit | None = None):
    """Units the user may add under; on an edit also the present parent, so keeping it is possible."""
    allowed = OrgUnit.objects.visible_to(user, Action.ADD)
    if current_parent is not None:
        allowed = allowed | OrgUnit.objects.filter(pk=current_parent.pk)
    return allowed.order_by("path")


class OrgUnitForm(KitForm):
    parent = UnitChoiceField(label=_("Parent unit"), required=False, with_code=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=BLANK_CHOICE_DASH + UnitKind.choices)
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_("Letters, digits, dot, dash or underscore."))
    name = forms.CharField(label=_("Name"), max_length=100)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current_parent = self.instance.parent if self.instance is not None else None
        parent = self.fields["parent"]
        parent.queryset = parent_choices(self.actor, current_parent)
        # Only a system administrator creates units at the top of the tree; a top unit stays there.
        top_allowed = Role.SYSTEM_ADMIN in user_scope(self.actor).roles
        parent.required = current_parent is not None if self.instance is not None else not top_allowed
        parent.empty_label = _("(top of the tree)") if not parent.required else _("Choose the parent unit")

    def clean_code(self):
        if taken(OrgUnit, "code", self.cleaned_data["code"].strip(), self.instance):
            raise forms.ValidationError(_("Another unit already has this code."))
        return self.cleaned_data["code"]


class OrgUnitEditForm(OrgUnitForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)
