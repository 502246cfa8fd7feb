from django.utils import translation

from concentric.core.labels import label_of
from concentric.people.choices import Gender, Stage


def test_labels_follow_the_active_language():
    with translation.override("zh-hans"):
        assert label_of(Stage, Stage.CULTIVATE) == "培养"
    with translation.override("en"):
        assert label_of(Stage, Stage.CULTIVATE) == "Cultivate"


def test_unknown_and_blank_values_are_shown_as_they_are():
    assert label_of(Gender, "x") == "x"
    assert label_of(Gender, "") == ""


def test_a_model_field_gives_its_choices():
    from concentric.people.models import Person

    with translation.override("zh-hans"):
        assert label_of(Person._meta.get_field("stage"), Stage.USE) == "使用"
        assert label_of(Person._meta.get_field("ethnicity"), "汉族") == "汉族"
