"""Shared bits of the member pages: breadcrumbs, record kinds, error messages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concentric.people.models import (
    Arrangement,
    ContactRecord,
    FamilyMember,
    Honour,
    Training,
)

# URL slug of each kind of record kept on a person, in the order the detail page shows them.
RECORD_KINDS = {
    "arrangement": Arrangement,
    "honour": Honour,
    "training": Training,
    "relative": FamilyMember,
    "contact": ContactRecord,
}
RECORD_SLUGS = {model: slug for slug, model in RECORD_KINDS.items()}


def list_crumb():
    return {"label": gettext_lazy("Members"), "url": reverse("people:list")}


def person_crumbs(person, *tail) -> list[dict]:
    return [list_crumb(), {"label": person.name, "url": person.get_absolute_url()}, *tail]


def messages_of(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    if isinstance(error, PermissionDenied):
        return [str(error) or _("You do not have permission to do this here.")]
    return [str(error)]


def posted_version(request, default):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return default
