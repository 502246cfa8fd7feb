"""The error pages (403, 404, 405): one template, each status with its icon, heading and text."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

ERROR_PAGES = {
    403: ("bi-shield-lock", _("Access denied"), _("You do not have permission to open this page.")),
    404: (
        "bi-question-circle",
        _("Page not found"),
        _("The page or record does not exist, or it is outside the units you work for."),
    ),
    405: (
        "bi-slash-circle",
        _("This action is not available here"),
        _("The page is opened from a button or a form of the platform, not by its address."),
    ),
}


def error_page(request, status: int, message: str = ""):
    """The page for ``status``; ``message`` (already translated) replaces its standard text."""
    icon, heading, text = ERROR_PAGES[status]
    context = {"status": status, "icon": icon, "title": heading, "text": message or text}
    return render(request, "core/error.html", context, status=status)
