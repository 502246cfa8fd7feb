"""The shortcuts bulk writes take give the same answers as the plain ways."""

import base64
import sys
import unicodedata

from pypinyin import Style, lazy_pinyin, pinyin

from concentric.core import crypto
from concentric.core.chinese import _syllables
from concentric.core.validation import has_control_characters


def test_encrypt_many_writes_the_stored_format_with_a_nonce_each():
    values = ["330102198001021234", "13812345678", "杭州市上城区东坡路1号", "x", "13812345678"]
    stored = crypto.encrypt_many(values)
    assert [crypto.decrypt(text) for text in stored] == values
    assert all(text.startswith(crypto.CIPHERTEXT_PREFIX) for text in stored)
    assert stored[1] != stored[4]  # the same plaintext, another nonce
    nonces = {base64.urlsafe_b64decode(text[3:])[: crypto.NONCE_BYTES] for text in stored}
    assert len(nonces) == len(values)
    assert crypto.encrypt_many([]) == []


def test_keyed_digest_is_hmac_sm3_of_purpose_and_value():
    expected = crypto.hmac_sm3(crypto._index_key(), b"phone\x0013812345678").hex()
    assert crypto.keyed_digest("13812345678", purpose="phone") == expected
    assert crypto.keyed_digest("13812345678", purpose="phone") == expected  # the shared context is not consumed


def test_control_character_check_agrees_with_the_unicode_categories_everywhere():
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if character.isprintable():
            assert unicodedata.category(character) not in ("Cc", "Cf"), hex(code)
    assert has_control_characters("张\u200b三") and has_control_characters("a\x07")
    assert not has_control_characters("张 三　李四") and not has_control_characters("")


def test_pinyin_from_memoised_parts_equals_pypinyin_on_the_whole_name():
    for name in ["单晓明", "曾国藩", "欧阳修", "解放", "仇长青", "区重阳", "张三", "王", "长城", "朝阳"]:
        text = name.lower()
        surname = tuple(sorted(set(pinyin(text[0], style=Style.NORMAL, heteronym=True)[0])))
        rest = lazy_pinyin(text[1:], style=Style.NORMAL) if len(text) > 1 else []
        assert _syllables(name) == (surname, *((syllable,) for syllable in rest))
