"""Django's own validation messages read as natural Chinese: our catalogue's wording wins."""

from django import forms
from django.utils import translation


class Sample(forms.Form):
    name = forms.CharField(max_length=3)
    code = forms.CharField(min_length=4, required=False)
    count = forms.IntegerField(max_value=10, required=False)
    amount = forms.DecimalField(max_digits=4, decimal_places=1, required=False)
    email = forms.EmailField(required=False)
    day = forms.DateField(required=False)
    kind = forms.ChoiceField(choices=[("a", "甲")], required=False)


def errors(data: dict) -> dict:
    with translation.override("zh-hans"):
        form = Sample(data)
        form.is_valid()
        return {field: " ".join(messages) for field, messages in form.errors.items()}


def test_max_length_reads_as_natural_chinese_without_variable():
    message = errors({"name": "湖滨街道统战"})["name"]
    assert message == "最多填写 3 个字（现有 6 个）。"
    assert "变量" not in message


def test_the_common_messages_use_our_wording():
    found = errors({"code": "ab", "count": "11", "amount": "123.45", "email": "x@", "day": "2026-13-40", "kind": "b"})
    assert found == {
        "name": "请填写此项。",
        "code": "至少填写 4 个字（现有 2 个）。",
        "count": "不能大于 10。",
        "amount": "最多 4 位数字。",
        "email": "请输入正确的电子邮箱地址。",
        "day": "请输入正确的日期。",
        "kind": "请从可选项中选择：b 不在其中。",
    }
