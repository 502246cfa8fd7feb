"""Org-unit forms. They only collect input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from concentric.core.forms import BootstrapForm, UnitChoiceField
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


class OrgUnitForm(BootstrapForm):
    parent = UnitChoiceField(label=_("Parent unit"), queryset=OrgUnit.objects.none(), required=False, with_code=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_("Letters, digits, dot, dash or underscore."))
    name = forms.CharField(label=_("Name"), max_length=100)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)

    def __init__(self, *args, user, current_parent: OrgUnit | None = None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.queryset = parent_choices(user, current_parent)
        # Only a system administrator creates units at the top of the tree; a top unit stays there.
        top_allowed = Role.SYSTEM_ADMIN in user_scope(user).roles
        parent.required = current_parent is not None if editing else not top_allowed
        parent.empty_label = _("(top of the tree)") if not parent.required else _("Choose the parent unit")


class OrgUnitEditForm(OrgUnitForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, editing=True, **kwargs)
