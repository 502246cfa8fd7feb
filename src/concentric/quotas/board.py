"""The board's input: which unit and which month, as the page and the API read them."""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from concentric.core.forms import BootstrapForm, UnitChoiceField
from concentric.quotas.selectors import board_units

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthField(forms.CharField):
    """YYYY-MM (the browser's month picker)."""

    widget = forms.TextInput(attrs={"type": "month"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        found = MONTH.match(value.strip())
        if not found or not 1 <= int(found.group(2)) <= 12 or not 2000 <= int(found.group(1)) <= 2200:
            raise forms.ValidationError(_("Enter a month as year and month, such as 2026-12, between 2000 and 2200."))
        return date(int(found.group(1)), int(found.group(2)), 1)


class BoardForm(BootstrapForm):
    unit = UnitChoiceField(label=pgettext_lazy("quota board", "Unit"), required=False)
    month = MonthField(label=gettext_lazy("Month"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = board_units(user)
        self.fields["unit"].empty_label = None

    def chosen(self):
        """(unit, month) of a valid form: the user's first unit and this month by default."""
        unit = self.cleaned_data.get("unit") or self.fields["unit"].queryset.first()
        month = self.cleaned_data.get("month") or timezone.localdate().replace(day=1)
        return unit, month
