from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.forms import BootstrapForm, CheckboxList, ModelIdsChoiceField, UnitChoiceField
from concentric.core.kit.forms import KitForm, taken
from concentric.core.scoping import Action
from concentric.org.selectors import units_where
from concentric.people.selectors import categories
from concentric.reports.models import NarrativeTemplate, ReviewGroup, ReviewVersion
from concentric.reports.review import EARLIEST_YEAR, placeholder_meanings


def year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, EARLIEST_YEAR - 1, -1)]


class ReviewForm(BootstrapForm):
    """Which review: a unit the user may review (its subtree comes with it) and a year."""

    unit = UnitChoiceField(label=pgettext_lazy("year-end review", "Unit"))
    year = forms.TypedChoiceField(label=pgettext_lazy("year-end review", "Year"), coerce=int, choices=year_choices)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_where(actor, Action.EXPORT, ReviewVersion)
        self.fields["unit"].queryset = units
        # The user's own unit to start with (the top of the scope), as the dashboard does.
        start = units.filter(pk=actor.org_unit_id).first() or units.order_by("depth", "path").first()
        self.fields["unit"].initial = start.pk if start else None


class GroupForm(KitForm):
    name = forms.CharField(label=pgettext_lazy("year-end review", "Name"), max_length=60)
    categories = ModelIdsChoiceField(
        label=_("Main categories"), queryset=categories(), widget=CheckboxList, required=True
    )
    sort = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = categories()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if taken(ReviewGroup, "name", name, self.instance):
            raise forms.ValidationError(_("Another group already has this name."))
        return name


class WordingForm(KitForm):
    name = forms.CharField(label=pgettext_lazy("year-end review", "Name"), max_length=60)
    text = forms.CharField(label=_("Wording"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _("Figures are written as {name}: %(names)s.") % {
            "names": "、".join(f"{{{name}}}（{meaning}）" for name, meaning in placeholder_meanings().items())
        }

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if taken(NarrativeTemplate, "name", name, self.instance):
            raise forms.ValidationError(_("Another wording already has this name."))
        return name

    def clean_text(self):
        from concentric.reports.narrative import template_problems

        problems = template_problems(self.cleaned_data["text"])
        if problems:
            raise forms.ValidationError(problems)
        return self.cleaned_data["text"]


class WordTemplateForm(BootstrapForm):
    file = forms.FileField(label=_("Word template (.docx)"))
