"""Finding people by name, pinyin, initials, document number or phone, through indexed lookups.

Each person has search tokens (PersonSearchToken), written by the services in the same
transaction as the person: ``n:`` every 1- and 2-character piece of the name and former names,
``p:`` every full-pinyin variant, ``i:`` every initials variant, ``t:`` the last four digits of
each phone. A search is an equality or a prefix range on the token index, or an equality on a
blind index; no query scans the table with a leading-wildcard LIKE.
"""

import re

from django.db.models import Q

from concentric.core.chinese import initials_variants, pinyin_variants
from concentric.core.crypto import normalise
from concentric.people.models import Person, PersonSearchToken

TOKEN_LENGTH = PersonSearchToken._meta.get_field("token").max_length
_NAME_SEPARATORS = re.compile(r"[\s,，、;；/]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"^[a-z]+$")
_DOCUMENT = re.compile(r"^(\d{7,18}|\d{17}X|[A-Z]{1,2}\d{6,10})$")  # ID, passport, permit, landline


def split_names(text: str) -> list[str]:
    """The names in a list of former names (separated by 、, commas, semicolons, slashes or spaces)."""
    return [name for name in _NAME_SEPARATORS.split(text or "") if name]


def _names(person: Person) -> list[str]:
    names = [person.name, *split_names(person.former_names)]
    return ["".join(name.split()) for name in names if name and name.strip()]


def _pieces(name: str) -> set[str]:
    singles = set(name)
    pairs = {name[i : i + 2] for i in range(len(name) - 1)}
    return singles | pairs


def tokens_for(person: Person) -> set[str]:
    tokens = set()
    for name in _names(person):
        tokens |= {f"n:{piece}" for piece in _pieces(name)}
        tokens |= {f"p:{variant}" for variant in pinyin_variants(name)}
        tokens |= {f"i:{variant}" for variant in initials_variants(name)}
    for phone in (person.phone, person.phone2):
        digits = normalise(phone or "")
        if len(digits) >= 4:
            tokens.add(f"t:{digits[-4:]}")
    return {token[:TOKEN_LENGTH] for token in tokens}


def rewrite_tokens(person: Person) -> None:
    """Replace the person's tokens; call inside the transaction that wrote the person."""
    PersonSearchToken.objects.filter(person=person).delete()
    PersonSearchToken.objects.bulk_create(
        PersonSearchToken(person=person, token=token) for token in sorted(tokens_for(person))
    )


def pinyin_keys(person: Person) -> str:
    """Space-separated pinyin and initials variants of the name, for display and sorting."""
    name = "".join(person.name.split())
    return " ".join(pinyin_variants(name) + initials_variants(name))[:200]


def _after_prefix(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _prefix(token_prefix: str) -> Q:
    return Q(token__gte=token_prefix, token__lt=_after_prefix(token_prefix))


def _people_with(condition: Q):
    return PersonSearchToken.objects.filter(condition).values("person_id")


def person_search_filter(queryset, text: str):
    """Narrow ``queryset`` (already scoped) to the people ``text`` finds."""
    text = (text or "").strip()
    if not text:
        return queryset
    compact = normalise(text)  # full-width to ASCII, no spaces or dashes, upper case
    if compact.isdigit() and len(compact) == 4:
        return queryset.filter(pk__in=_people_with(Q(token=f"t:{compact}")))
    if compact.isdigit() and len(compact) == 11 and compact.startswith("1"):
        digest = Person._meta.get_field("phone_index").digest(compact)
        return queryset.filter(Q(phone_index=digest) | Q(phone2_index=digest))
    if _DOCUMENT.match(compact):
        id_digest = Person._meta.get_field("id_number_index").digest(compact)
        phone_digest = Person._meta.get_field("phone_index").digest(compact)
        return queryset.filter(
            Q(id_number_index=id_digest) | Q(phone_index=phone_digest) | Q(phone2_index=phone_digest)
        )
    if _CJK.search(compact):
        return _by_chinese(queryset, compact)
    latin = compact.lower()
    if _LATIN.match(latin):
        return queryset.filter(pk__in=_people_with(_prefix(f"p:{latin}") | _prefix(f"i:{latin}")))
    return queryset.none()


def _by_chinese(queryset, text: str):
    if len(text) <= 2:
        return queryset.filter(pk__in=_people_with(Q(token=f"n:{text}")))
    # The bigram narrows through the index; the containment test then runs on those rows only.
    candidates = queryset.filter(pk__in=_people_with(Q(token=f"n:{text[:2]}")))
    return candidates.filter(Q(name__contains=text) | Q(former_names__contains=text))
