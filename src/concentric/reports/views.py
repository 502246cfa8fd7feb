"""The year-end review's pages: choose a unit in scope and a year, read the figures (each one
linked to the records behind it), download the review in each format, freeze it; and the Word
template an administrator may replace."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from concentric.core.forms import bootstrap
from concentric.core.kit.pages import ObjectPage, Page
from concentric.core.measures import KEY_SEPARATOR
from concentric.core.scoping import Action, can
from concentric.org.selectors import visible_units
from concentric.reports import services
from concentric.reports.documents import layout
from concentric.reports.documents.word import default_template
from concentric.reports.forms import ReviewForm, WordTemplateForm
from concentric.reports.models import ReviewVersion, WordTemplate
from concentric.reports.review import breakdown_keys, headline_group_keys, period, records_link, subtree_ids


def file_response(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=services.MEDIA_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _review_form(request):
    form = ReviewForm(request.GET or None, actor=request.user)
    bootstrap(form)
    return form


def _refuse(form, error: ValidationError) -> None:
    """Put a refusal on the form as messages of its own (a ValidationError may name a field the
    form lacks: the frozen version's, say), each with the field's name when it has one."""
    if hasattr(error, "error_dict"):
        labels = {field.name: field.verbose_name for field in ReviewVersion._meta.concrete_fields}
        labels.update({name: field.label for name, field in form.fields.items()})
        problems = []
        for name, texts in error.message_dict.items():
            label = labels.get(name)
            problems.extend(f"{label}：{text}" if label else text for text in texts)
    else:
        problems = error.messages
    form.add_error(None, problems)


def _breakdown_rows(review: dict, unit, year: int, end, keys: dict) -> list[dict]:
    """Each breakdown with its first column's header and each row linked to its records."""
    answer = []
    for name, title, rows in layout.breakdowns(review):
        value = review["figures"][name]
        json_keys = (
            [f"{good['item']}{KEY_SEPARATOR}{good['unit']}" for good in value]
            if isinstance(value, list)
            else list(value)
        )
        linked = []
        for row, json_key in zip(rows, json_keys, strict=True):
            key = keys.get(name, {}).get(json_key)
            url = records_link(name, unit=unit, year=year, end=end, key=key) if key is not None else None
            linked.append({"row": row, "url": url})
        answer.append({"title": title, "header": layout.breakdown_header(name), "rows": linked})
    return answer


def _children_rows(request, review: dict, unit, end) -> list[dict]:
    """The child units' row, the unit's own share and the total, each figure linked to its records."""
    names = _number_names(review)
    codes = [child["unit"]["code"] for child in review["children"]]
    units = {found.code: found for found in visible_units(request.user).filter(code__in=codes)}
    rows = []
    for child in review["children"]:
        target = unit if child.get("own") else units.get(child["unit"]["code"])
        values = []
        for name in names:
            value = child["figures"].get(name, 0)
            url = None
            if target is not None:
                url = records_link(name, unit=target, year=review["year"], end=end, subtree=not child.get("own"))
            values.append({"text": layout.number_text(value), "url": url})
        rows.append({"name": layout.child_name(child), "values": values, "total": False})
    if rows:
        rows.append(
            {
                "name": layout.word("Total"),
                "values": [{"text": layout.number_text(review["figures"][name]), "url": None} for name in names],
                "total": True,
            }
        )
    return rows


def _figure_rows(review: dict, unit, end) -> list[dict]:
    rows = []
    for row, name in zip(layout.figure_rows(review), _number_names(review), strict=True):
        rows.append({"row": row, "url": records_link(name, unit=unit, year=review["year"], end=end)})
    return rows


def _group_rows(review: dict, unit, end) -> list[dict]:
    """The headline groups, each count linked to the members of its categories."""
    keys = headline_group_keys()
    rows = []
    for row, group in zip(layout.group_rows(review), review["groups"], strict=True):
        ids = keys.get(group["name"])
        url = records_link("members_total", unit=unit, year=review["year"], end=end, key=ids) if ids else None
        rows.append({"row": row, "url": url})
    return rows


def _number_names(review: dict) -> list[str]:
    return [name for name, value in review["figures"].items() if layout.is_number(value)]


class ReviewPage(Page, TemplateView):
    """The review of the chosen unit and year, made from the rollups when asked (audited)."""

    access = "aggregate"
    model = ReviewVersion
    object_action = Action.EXPORT
    template_name = "reports/review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = _review_form(self.request)
        context.update(title=_("Year-end review"), breadcrumbs=[{"label": _("Year-end review"), "url": ""}], form=form)
        if not form.is_bound or not form.is_valid():
            return context
        unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
        try:
            review, _content = services.review_document(actor=self.request.user, unit=unit, year=year, fmt="json")
        except ValidationError as error:
            _refuse(form, error)
            return context
        start, end, _cutoff = period(year)
        query = urlencode({"unit": unit.pk, "year": year})
        context.update(
            review=review,
            cutoff=layout.cutoff_text(review),
            unit=unit,
            query=query,
            figures=_figure_rows(review, unit, end),
            groups=_group_rows(review, unit, end),
            breakdowns=_breakdown_rows(
                review, unit, year, end, breakdown_keys(subtree_ids(self.request.user, unit), start, end)
            ),
            children=_children_rows(self.request, review, unit, end),
            child_columns=[
                (name, row.label) for name, row in zip(_number_names(review), layout.figure_rows(review), strict=True)
            ],
            formats=services.FORMATS,
            can_freeze=can(self.request.user, Action.ADD, ReviewVersion, unit),
            versions=ReviewVersion.objects.visible_to(self.request.user, Action.VIEW)
            .filter(org_unit=unit, year=year)
            .select_related("created_by")
            .order_by("-number"),
        )
        return context


class DownloadPage(Page):
    """The review of a unit and year as a file of the asked format (audited)."""

    access = "aggregate"
    model = ReviewVersion
    object_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        if not request.GET:
            # Nothing asked yet: the choice of unit and year is on the review page.
            return render(request, "reports/refused.html", {"choose": True})
        form = ReviewForm(request.GET, actor=request.user)
        fmt = request.GET.get("format", "")
        if not form.is_valid() or fmt not in services.FORMATS:
            return render(
                request,
                "reports/refused.html",
                {"form": bootstrap(form), "bad_format": fmt not in services.FORMATS},
                status=400,
            )
        unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
        try:
            review, content = services.review_document(
                actor=request.user, unit=unit, year=year, fmt=fmt, with_records=request.GET.get("records") == "1"
            )
        except ValidationError as error:
            _refuse(form, error)
            return render(request, "reports/refused.html", {"form": bootstrap(form)}, status=400)
        return file_response(content, fmt, services.file_name(review, fmt))


class FreezePage(Page):
    """Freeze the review of a unit and year as it reads now: the year's next version."""

    access = "write"
    model = ReviewVersion
    object_action = Action.ADD
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ReviewForm(request.POST, actor=request.user)
        if not form.is_valid():
            return render(request, "reports/refused.html", {"form": bootstrap(form)}, status=400)
        unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
        try:
            version = services.review_freeze(actor=request.user, unit=unit, year=year)
        except ValidationError as error:
            _refuse(form, error)
            return render(request, "reports/refused.html", {"form": bootstrap(form)}, status=400)
        messages.success(request, _("The review was frozen as version %(number)s.") % {"number": version.number})
        return redirect(f"{reverse('reports:review')}?{urlencode({'unit': unit.pk, 'year': year})}")


class VersionDownloadPage(ObjectPage):
    """A frozen version as a file: made from what was frozen, whatever the records are now."""

    access = "detail"
    model = ReviewVersion
    object_action = Action.EXPORT

    def object_queryset(self):
        return ReviewVersion.objects.visible_to(self.request.user, Action.VIEW).select_related("org_unit")

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format", "docx")
        if fmt not in services.FORMATS:
            raise Http404
        review, content = services.version_document(actor=request.user, version=self.object, fmt=fmt)
        return file_response(content, fmt, services.file_name(review, fmt, self.object.number))


class WordTemplatePage(Page, TemplateView):
    """Which Word template the review uses; upload one in its place, or go back to the built-in one."""

    access = "write"
    model = WordTemplate
    object_action = Action.ADD
    template_name = "reports/word_template.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", bootstrap(WordTemplateForm()))
        context.update(
            title=_("Word template"),
            breadcrumbs=[
                {"label": _("Year-end review"), "url": reverse("reports:review")},
                {"label": _("Word template"), "url": ""},
            ],
            current=WordTemplate.objects.order_by("-pk").first(),
            can_reset=can(self.request.user, Action.DELETE, WordTemplate),
            tags_help=_(
                "Download the template, change its wording and layout in Word or WPS, and upload it here. "
                "Tags in double braces are filled in: {{ title }}, {{ narrative }}, {{ f.members_total }} and the "
                "other figures by their JSON names; tables repeat rows with {%tr for row in figures %}."
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("reset") == "1":
            if not can(request.user, Action.DELETE, WordTemplate):
                raise PermissionDenied
            services.word_template_reset(actor=request.user)
            messages.success(request, _("The built-in Word template is used again."))
            return redirect("reports:word_template")
        form = bootstrap(WordTemplateForm(request.POST, request.FILES))
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.word_template_upload(actor=request.user, name=upload.name, content=upload.read())
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("The review's Word files are made from this template from now on."))
                return redirect("reports:word_template")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class WordTemplateDownloadPage(Page):
    """The template in use (the built-in one unless an administrator uploaded another)."""

    access = "aggregate"
    model = WordTemplate
    object_action = Action.VIEW

    def get(self, request, *args, **kwargs):
        current = WordTemplate.objects.order_by("-pk").first()
        content = bytes(current.content) if current else default_template()
        name = current.name if current else _("year-end review template.docx")
        return file_response(content, "docx", name)
