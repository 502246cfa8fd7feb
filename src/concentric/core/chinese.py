"""Search keys for Chinese names, computed at write time.

A name is indexed under its full pinyin and its initials. pypinyin has no surname mode, so
the first character (the surname) is indexed under every reading it has (单: dan, shan, chan;
曾: zeng, ceng); the given name takes pypinyin's phrase-aware default reading.
"""

from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT


@lru_cache(maxsize=65536)  # names repeat, and each write asks for pinyin and initials several times
def _syllables(name: str) -> tuple[tuple[str, ...], ...]:
    text = "".join(name.split()).lower()
    if not text:
        return ()
    rest = _given_readings(text[1:]) if len(text) > 1 else ()
    return (_surname_readings(text[0]), *((syllable,) for syllable in rest))


# Surnames and given names repeat far more than whole names do (a bulk import meets mostly new
# names made of known parts), and pypinyin costs tens of microseconds a call.
@lru_cache(maxsize=4096)
def _surname_readings(character: str) -> tuple[str, ...]:
    return tuple(sorted(set(pinyin(character, style=Style.NORMAL, heteronym=True)[0])))


@lru_cache(maxsize=65536)
def _given_readings(text: str) -> tuple[str, ...]:
    # A given name of one or two Chinese characters that is no phrase in pypinyin's dictionary is
    # read character by character, each in its default reading: what lazy_pinyin answers for it,
    # without its segmentation and tone-to-plain conversion for every new name (the import's
    # names are mostly new). Phrases and anything longer or mixed go through lazy_pinyin.
    if len(text) <= 2 and text not in PHRASES_DICT and all(ord(ch) in PINYIN_DICT for ch in text):
        return tuple(_character_reading(ch) for ch in text)
    return tuple(lazy_pinyin(text, style=Style.NORMAL))


@lru_cache(maxsize=16384)
def _character_reading(character: str) -> str:
    return lazy_pinyin(character, style=Style.NORMAL)[0]


def pinyin_variants(name: str) -> list[str]:
    """Full pinyin spellings of the name: ['danxiaoming', 'shanxiaoming', ...]."""
    syllables = _syllables(name)
    if not syllables:
        return []
    rest = "".join(options[0] for options in syllables[1:])
    return [surname + rest for surname in syllables[0]]


def initials_variants(name: str) -> list[str]:
    """Initials: ['dxm', 'sxm', 'cxm'] for 单小明 (zh, ch, sh count as their first letter)."""
    syllables = _syllables(name)
    if not syllables:
        return []
    rest = "".join(options[0][0] for options in syllables[1:])
    return sorted({surname[0] + rest for surname in syllables[0]})


def search_keys(name: str) -> str:
    """One space-separated string of every pinyin and initials variant, for a text index."""
    return " ".join(pinyin_variants(name) + initials_variants(name))
