"""The public portal (信息公开): published items of public columns, for anybody, without signing in
or JavaScript. Its home shows each column's latest items; a column lists its items page by page;
an item shows its title, columns, unit, publish date, cover, body, the names of the members it
features and its attachments; search finds items by title and text. Everything comes through
publishing's public selectors, which answer nothing that is not public."""

from django.urls import reverse

from concentric.portal.pages import PortalFile, PortalPage, PortalView, not_found
from concentric.publishing import selectors

HOME_COLUMNS = 30
HOME_PER_COLUMN = 5
PAGE_SIZE = 20
MAX_PAGE = 50  # deeper than this a reader searches; the limit bounds what one request may ask
QUERY_LENGTH = 50


def page_number(raw) -> int:
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def one_page(items, page: int) -> tuple[list, bool]:
    """The items of ``page`` and whether another page follows."""
    start = (page - 1) * PAGE_SIZE
    rows = list(items[start : start + PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def cards(items) -> list[dict]:
    return [
        {
            "item": item,
            "url": reverse("portal:item", args=[item.pk]),
            "cover_url": reverse("portal:cover", args=[item.pk]) if item.cover else "",
        }
        for item in items
    ]


class HomePage(PortalPage):
    template_name = "portal/home.html"

    def context(self):
        columns = []
        for column in selectors.public_columns().order_by("sort", "pk")[:HOME_COLUMNS]:
            items = list(selectors.public_items(column)[:HOME_PER_COLUMN])
            if items:
                columns.append(
                    {"column": column, "url": reverse("portal:column", args=[column.pk]), "cards": cards(items)}
                )
        return {"columns": columns}


class ColumnPage(PortalPage):
    template_name = "portal/column.html"

    def query(self):
        return {"page": page_number(self.request.GET.get("page"))}

    def context(self, pk, page):
        column = selectors.public_column(pk)
        if column is None:
            return None
        items, more = one_page(selectors.public_items(column), page)
        return {"column": column, "cards": cards(items), "page": page, "more": more, "query_string": ""}


class SearchPage(PortalPage):
    template_name = "portal/search.html"

    def query(self):
        query = " ".join(self.request.GET.get("q", "").split())[:QUERY_LENGTH]
        return {"q": query, "page": page_number(self.request.GET.get("page"))}

    def context(self, q, page):
        items, more = one_page(selectors.public_items(query=q), page) if q else ([], False)
        return {"q": q, "cards": cards(items), "page": page, "more": more, "searched": bool(q)}


class ItemPage(PortalPage):
    template_name = "portal/item.html"

    def context(self, pk):
        item = selectors.public_item(pk)
        if item is None:
            return None
        url = self.request.build_absolute_uri
        cover = reverse("portal:cover", args=[item.pk]) if item.cover else ""
        files = [
            {"name": file.name, "size": file.size, "url": reverse("portal:file", args=[file.pk])}
            for file in selectors.public_item_files(item)
        ]
        return {
            "item": item,
            "columns": [
                {"column": column, "url": reverse("portal:column", args=[column.pk])}
                for column in selectors.public_item_columns(item)
            ],
            "body": selectors.public_body(item, lambda pk: reverse("portal:image", args=[pk])),
            "names": selectors.public_feature_names(item),
            "files": files,
            "cover_url": cover,
            "share_image": url(cover) if cover else "",
            "description": item.summary or item.body_text[:120],
        }


class CoverFile(PortalFile):
    def find(self, pk):
        item = selectors.public_item(pk)
        if item is None or not item.cover:
            return None
        return item.cover, item.cover_type, f"cover-{item.pk}.{item.cover_type.rpartition('/')[2]}"


class ImageFile(PortalFile):
    def find(self, pk):
        image = selectors.public_image(pk)
        return None if image is None else (image.file, image.content_type, image.name)


class AttachmentFile(PortalFile):
    def find(self, pk):
        record = selectors.public_file(pk)
        return None if record is None else (record.file, record.content_type, record.name)


class NotFoundPage(PortalView):
    def get(self, request):
        return not_found()
