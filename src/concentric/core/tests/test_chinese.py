from concentric.core.chinese import initials_variants, pinyin_variants, search_keys


def test_plain_name():
    assert pinyin_variants("张三") == ["zhangsan"]
    assert initials_variants("张三") == ["zs"]


def test_polyphonic_surnames_are_indexed_under_every_reading():
    assert "shanxiaoming" in pinyin_variants("单小明") and "danxiaoming" in pinyin_variants("单小明")
    assert "zengguofan" in pinyin_variants("曾国藩") and "cengguofan" in pinyin_variants("曾国藩")
    assert {"sxm", "dxm"} <= set(initials_variants("单小明"))
    assert initials_variants("曾国藩") == ["cgf", "zgf"]


def test_given_name_uses_the_phrase_reading_and_spaces_are_ignored():
    assert pinyin_variants("欧阳 修") == ["ouyangxiu"]
    assert search_keys("张 三") == "zhangsan zs"


def test_empty_and_non_chinese_names():
    assert search_keys("") == ""
    assert pinyin_variants("Tom") == ["tom"]
