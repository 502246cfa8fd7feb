"""The rich-text widget: a usable textarea without JavaScript, the editor's places and settings
for richtext.js, its files in the form's media, and plain text typed without the editor kept as
paragraphs."""

from django import forms
from django.utils import translation

from concentric.core.images import MAX_BYTES
from concentric.core.kit.widgets import RichTextWidget


class ItemForm(forms.Form):
    body = forms.CharField(label="正文", widget=RichTextWidget(upload_url="/publishing/images/upload/"))


def test_it_renders_a_visible_textarea_and_the_editor_places():
    with translation.override("zh-hans"):
        html = str(ItemForm(initial={"body": "<p>已有<b>正文</b></p>"})["body"])
    assert '<div class="app-richtext" data-richtext data-upload-url="/publishing/images/upload/"' in html
    assert 'data-upload-field="image"' in html
    assert f'data-max-bytes="{MAX_BYTES}"' in html
    assert 'data-placeholder="在此输入正文…"' in html
    assert 'data-upload-failed="图片上传失败。"' in html
    assert '<div class="app-richtext-toolbar" data-richtext-toolbar hidden></div>' in html
    assert '<div class="app-richtext-editor" data-richtext-editor hidden></div>' in html
    # The textarea is not hidden (the script hides it), and holds the body escaped.
    textarea = html[html.index("<textarea") : html.index("</textarea>")]
    assert "hidden" not in textarea
    assert 'name="body"' in textarea and 'id="id_body"' in textarea and 'rows="12"' in textarea
    assert "&lt;p&gt;已有&lt;b&gt;正文&lt;/b&gt;&lt;/p&gt;" in textarea


def test_without_an_upload_url_there_is_none():
    html = RichTextWidget().render("body", "")
    assert 'data-upload-url=""' in html


def test_the_upload_url_is_escaped():
    html = RichTextWidget(upload_url='/x/"><script>').render("body", "")
    assert "<script>" not in html
    assert 'data-upload-url="/x/&quot;&gt;&lt;script&gt;"' in html


def test_its_media_are_the_editor_and_our_script():
    media = str(ItemForm().media)
    for path in (
        "vendor/wangeditor/style.css",
        "concentric/richtext.css",
        "vendor/wangeditor/index.js",
        "concentric/richtext.js",
    ):
        assert path in media
    assert media.index("vendor/wangeditor/index.js") < media.index("concentric/richtext.js")


def test_plain_text_typed_without_the_editor_becomes_paragraphs():
    form = ItemForm(data={"body": "第一段\n第二行\n\n第二段 a < b"})
    assert form.is_valid()
    assert form.cleaned_data["body"] == "<p>第一段<br>第二行</p><p>第二段 a &lt; b</p>"


def test_html_from_the_editor_is_passed_on_as_it_is():
    form = ItemForm(data={"body": "<p>正文<strong>加粗</strong></p>"})
    assert form.is_valid()
    assert form.cleaned_data["body"] == "<p>正文<strong>加粗</strong></p>"
