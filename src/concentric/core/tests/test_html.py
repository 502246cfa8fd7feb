from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext_lazy

from concentric.core.html import esc


def test_esc_matches_conditional_escape():
    for value in ["<b>&'\"", 12, None, format_html("<i>{}</i>", "<x>"), gettext_lazy("Members"), "张三"]:
        assert esc(value) == conditional_escape(value)
