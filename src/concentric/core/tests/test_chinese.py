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


def test_given_names_read_as_lazy_pinyin_reads_them():
    from pypinyin import Style, lazy_pinyin

    from concentric.core.chinese import _given_readings
    from concentric.people.synthetic.names import FEMALE_GIVEN, MALE_GIVEN

    characters = sorted({ch for name in MALE_GIVEN + FEMALE_GIVEN for ch in name})[:80]
    pairs = [a + b for a in characters for b in characters]
    # Phrases whose reading differs from their characters' own (行 is xing alone, hang in 银行),
    # longer names, and names with a non-Chinese character take lazy_pinyin's own path.
    tricky = ["银行", "重庆", "长大", "行", "乐乐", "单于", "晓明明", "a明", "明·", "Tom"]
    for text in [*MALE_GIVEN, *FEMALE_GIVEN, *pairs, *tricky]:
        assert _given_readings(text) == tuple(lazy_pinyin(text, style=Style.NORMAL)), text
    assert _given_readings("银行") == ("yin", "hang")
