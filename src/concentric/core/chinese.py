"""Search keys for Chinese names, computed at write time.

A name is indexed under its full pinyin and its initials. pypinyin has no surname mode, so
the first character (the surname) is indexed under every reading it has (单: dan, shan, chan;
曾: zeng, ceng); the given name takes pypinyin's phrase-aware default reading.
"""

from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin


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
    return tuple(lazy_pinyin(text, style=Style.NORMAL))


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
