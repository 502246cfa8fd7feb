"""The records behind a figure: /figures/records/?measure=…&unit=…&subtree=1&from=…&to=…&key=…

Every figure of the dashboard, the quota board and the year-end review links here. The page
checks that the unit is one the user may see (404 otherwise, as for a record), lists each part's
records (rollups.selectors.records) narrowed to what the user may see, newest first, with keyset
paging per part (no COUNT over a big table, no OFFSET), and marks the parts that take away (a
member leaving the register) with "−". Bad parameters answer a page that says which (400).
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from concentric.core import registry
from concentric.core.measures import Measure, Part
from concentric.core.pagination import count_label, count_up_to, keyset_page
from concentric.core.scoping import Action
from concentric.rollups import selectors

PAGE_SIZE = 50
ORDERING = ("-pk",)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_KEY = 200
MAX_KEYS = 50


class BadQuestion(ValueError):
    """A parameter the page cannot answer; its message is shown to the user."""


@dataclass(frozen=True)
class Question:
    measure: Measure
    unit: object  # the org unit, visible to the user
    subtree: bool
    start: date | None
    end: date | None
    key: tuple[str, ...] | None  # one key, or several (a group of categories: their sum)

    def units(self, user) -> list[int]:
        return selectors.subtree_ids(user, self.unit) if self.subtree else [self.unit.pk]


def _day(text: str, label: str) -> date | None:
    if not text:
        return None
    if not DATE.match(text):
        raise BadQuestion(_("%(label)s must be a date written as YYYY-MM-DD.") % {"label": label})
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadQuestion(_("%(label)s is not a date that exists.") % {"label": label}) from None


def parse(params, user) -> Question:
    """The question the parameters ask; BadQuestion says what is wrong, Http404 a unit out of scope."""
    known = {measure.key: measure for measure in registry.measures()}
    measure_key = params.get("measure", "")
    if measure_key not in known:
        raise BadQuestion(_("Unknown measure: choose one of the platform's figures."))
    unit_text = params.get("unit", "")
    if not unit_text.isdigit() or len(unit_text) > 12:
        raise BadQuestion(_("The unit must be given by its number."))
    subtree = params.get("subtree", "")
    if subtree not in ("", "0", "1"):
        raise BadQuestion(_("“With its subtree” is 1 or 0."))
    start = _day(params.get("from", ""), _("The start date"))
    end = _day(params.get("to", ""), _("The end date"))
    if start and end and end < start:
        raise BadQuestion(_("The end of the period is before its start."))
    keys = tuple(params.getlist("key")) or None
    if keys is not None and (len(keys) > MAX_KEYS or any(len(key) > MAX_KEY or "\x00" in key for key in keys)):
        raise BadQuestion(_("The breakdown value is not valid."))
    unit = selectors.scope_units(user).filter(pk=int(unit_text)).first()
    if unit is None:
        raise Http404
    return Question(known[measure_key], unit, subtree == "1", start, end, keys)


def _follow(obj, path: str):
    for name in path.split("__"):
        if obj is None:
            return None
        try:
            obj = getattr(obj, name)
        except ObjectDoesNotExist:
            return None
    return obj


def _local_day(value):
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _related_paths(model, part: Part) -> list[str]:
    """The foreign keys a row shows (its unit, the record that owns it, its day): loaded with it."""
    paths = []
    for path in (part.unit, *(p.rsplit("__", 1)[0] for p in (part.day, part.value) if p and "__" in p)):
        current, ok = model, True
        for name in path.split("__"):
            field = current._meta.get_field(name)
            if not (field.many_to_one or field.one_to_one):
                ok = False
                break
            current = field.related_model
        if ok and path not in paths:
            paths.append(path)
    return paths


def _owner_path(part: Part) -> str:
    """The record a part's records hang on (a participant's activity), which has the page to open."""
    return part.unit.rsplit("__", 1)[0] if "__" in part.unit else ""


@dataclass
class Row:
    label: str
    url: str
    owner: str
    day: object
    unit: str
    value: object


@dataclass
class Section:
    index: int
    sign: int
    title: str
    rows: list
    count: str
    next_url: str
    first_url: str
    has_value: bool


class RecordsPage(LoginRequiredMixin, View):
    """The records that make a figure, in the user's scope."""

    access = "aggregate"
    template_name = "rollups/records.html"

    def get(self, request):
        if "measure" not in request.GET and "unit" not in request.GET:
            return render(request, self.template_name, self.chooser_context())
        try:
            question = parse(request.GET, request.user)
        except BadQuestion as error:
            context = {
                "status": 400,
                "icon": "bi-exclamation-triangle",
                "title": _("The figure cannot be shown"),
                "text": str(error),
            }
            return render(request, "core/error.html", context, status=400)
        return render(request, self.template_name, self.context(question))

    @cached_property
    def back(self) -> str:
        """Where the figure was opened from (a dashboard, a board, a review), kept through the
        pages of records: the ``back`` parameter, else the referring page of this site."""
        request = self.request
        target = request.GET.get("back") or request.headers.get("referer", "")
        parsed = urlsplit(target)
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return ""
        if parsed.path == request.path:  # a page of these records is not where they came from
            return ""
        return urlunsplit(("", "", parsed.path, parsed.query, ""))

    def chooser_context(self) -> dict:
        title = _("Records behind a figure")
        return {
            "title": title,
            "breadcrumbs": [{"label": title, "url": ""}],
            "chooser": True,
            "measures": registry.measures(),
            "units": selectors.scope_units(self.request.user),
        }

    def context(self, question: Question) -> dict:
        user = self.request.user
        units = question.units(user)
        measure = question.measure
        figure = selectors.figure(measure.key, units=units, start=question.start, end=question.end, key=question.key)
        sections = []
        found = selectors.records(measure.key, units=units, start=question.start, end=question.end, key=question.key)
        for index, (part, (sign, queryset)) in enumerate(zip(measure.parts, found, strict=True)):
            sections.append(self.section(index, part, sign, queryset.visible_to(user, Action.VIEW)))
        key_name = _(", ").join(measure.names_of(list(question.key)).values()) if question.key is not None else ""
        title = _("Records behind a figure")
        return {
            "title": title,
            "breadcrumbs": [{"label": title, "url": ""}],
            "question": question,
            "measure": measure,
            "figure": figure,
            "key_name": key_name,
            "sections": sections,
            "back": self.back,
        }

    def section(self, index: int, part: Part, sign: int, queryset) -> Section:
        model = apps.get_model(part.model)
        params = self.request.GET
        cursor_name = f"cursor{index}"
        related = _related_paths(model, part)
        if related:
            queryset = queryset.select_related(*related)
        matching = count_up_to(queryset)
        page = keyset_page(
            queryset, ordering=ORDERING, cursor=params.get(cursor_name, ""), size=PAGE_SIZE, matching=matching
        )
        owner_path = _owner_path(part)
        rows = []
        for obj in page.rows:
            owner = _follow(obj, owner_path) if owner_path else None
            url = _url_of(obj) or _url_of(owner)
            unit = _follow(obj, part.unit)
            rows.append(
                Row(
                    label=str(obj),
                    url=url,
                    owner=str(owner) if owner is not None else "",
                    day=_local_day(_follow(obj, part.day)),
                    unit=str(unit) if unit is not None else "",
                    value=_follow(obj, part.value) if part.value else None,
                )
            )
        query = params.copy()
        query.pop(cursor_name, None)
        if self.back:
            query["back"] = self.back
        first_url = f"?{query.urlencode()}" if not page.is_first else ""
        next_url = ""
        if page.next_cursor:
            query[cursor_name] = page.next_cursor
            next_url = f"?{query.urlencode()}"
        return Section(
            index=index,
            sign=sign,
            title=str(part.label or model._meta.verbose_name_plural),
            rows=rows,
            count=count_label(matching),
            next_url=next_url,
            first_url=first_url,
            has_value=bool(part.value),
        )


def _url_of(obj) -> str:
    if obj is None or not hasattr(obj, "get_absolute_url"):
        return ""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # a record without a page of its own: shown without a link
        return ""
